import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { customerColumns, defaultExportColumns, type CustomerColumn, type ExportResult } from '../shared/customer-schemas';
import { AppError } from '../shared/errors';
import type { Segment, SegmentRule } from '../shared/segment-schemas';
import { runJob, withEngine } from './commands';
import { call, chosenFile, type GlobalOptions } from './engine-session';
import { formatNumber, printResult, table } from './output';
import { ARCHIVE_FLAG_HELP, archiveTarget } from './archive-option';

type RuleOptions = GlobalOptions & { rule: string };
type CreateOptions = RuleOptions & { name: string; static?: boolean; description?: string };
type ExportOptions = GlobalOptions & { out: string; columns?: string; reveal?: boolean; archive?: boolean };

/** Adds `segment count|create|list|export`; `withGlobals` adds --workspace and --json. */
export function registerSegmentCommands(program: Command, withGlobals: (cmd: Command) => Command): void {
  const segment = program.command('segment').description('count, save, list and export customer segments defined by rules (README: Segments)');
  const ruleHelp = 'the rule as JSON, or @FILE to read it from a file';
  withGlobals(segment.command('count').description('members of a rule, their share of customers and of revenue').requiredOption('--rule <json>', ruleHelp)).action(
    (opts: RuleOptions) => countCommand(opts),
  );
  withGlobals(
    segment
      .command('create')
      .description('save a segment (dynamic: re-evaluated on every read; --static keeps the members it has now)')
      .requiredOption('--name <name>', 'a name no other segment has (case-insensitive)')
      .requiredOption('--rule <json>', ruleHelp)
      .option('--description <text>', 'what the segment is for')
      .option('--static', 'keep a snapshot of the members instead of re-evaluating the rule'),
  ).action((opts: CreateOptions) => createCommand(opts));
  withGlobals(segment.command('list').description('saved segments with their size now')).action((opts: GlobalOptions) => listCommand(opts));
  withGlobals(
    segment
      .command('export')
      .description('write a saved segment\u2019s members to a CSV file (names, e-mails and phones masked unless --reveal)')
      .argument('<id>', 'the segment id (see segment list)')
      .requiredOption('--out <file>', 'the CSV file to write')
      .option('--columns <list>', `comma-separated columns (default ${defaultExportColumns.join(',')})`)
      .option('--reveal', 'write real names, e-mails and phones (recorded in the audit log)')
      .option('--archive', ARCHIVE_FLAG_HELP),
  ).action((id: string, opts: ExportOptions) => exportCommand(id, opts));
}

/** Where JSON text stops being JSON: the offset and what was expected there (JSON.parse does not always say). */
export function jsonErrorAt(text: string): { at: number; expected: string } {
  let pos = 0;
  const ws = (): void => {
    while (pos < text.length && ' \t\r\n'.includes(text.charAt(pos))) pos++;
  };
  const fail = (expected: string): never => {
    throw Object.assign(new Error(expected), { at: pos, expected });
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, pos)) pos += word.length;
    else fail('a value');
  };
  const string = (): void => {
    pos++;
    for (;;) {
      const ch = text.charAt(pos);
      if (pos >= text.length) fail('a closing "');
      if (ch === '"') return void pos++;
      if (ch < ' ') fail('no control character inside a string');
      if (ch === '\\') {
        const next = text.charAt(pos + 1);
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) pos += 6;
        else if ('"\\/bfnrt'.includes(next) && next !== '') pos += 2;
        else fail('a valid escape');
      } else pos++;
    }
  };
  const value = (depth: number): void => {
    if (depth > 1_000) fail('less nesting');
    ws();
    const ch = text.charAt(pos);
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      pos++;
      ws();
      if (text.charAt(pos) === close) return void pos++;
      for (;;) {
        if (ch === '{') {
          ws();
          if (text.charAt(pos) !== '"') fail('a property name in double quotes');
          string();
          ws();
          if (text.charAt(pos) !== ':') fail('":"');
          pos++;
        }
        value(depth + 1);
        ws();
        if (text.charAt(pos) === ',') pos++;
        else if (text.charAt(pos) === close) return void pos++;
        else fail(`"," or "${close}"`);
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    const number = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    number.lastIndex = pos;
    if (!number.test(text)) fail('a value');
    pos = number.lastIndex;
  };
  try {
    value(0);
    ws();
    if (pos < text.length) fail('the end of the rule');
    return { at: pos, expected: 'valid JSON' };
  } catch (error) {
    const e = error as { at?: number; expected?: string };
    return { at: e.at ?? pos, expected: e.expected ?? 'valid JSON' };
  }
}

/**
 * A JSON option's value: JSON text, @FILE, or (with `bareFile`) a file path. Bad JSON is refused with its line,
 * column and offset; `field` names the option (rule, brief).
 */
export function readJsonOption(source: string, field: string, bareFile = false): unknown {
  let text = source;
  let file: string | undefined;
  const isFile = source.startsWith('@') || (bareFile && !/^\s*[{[]/.test(source));
  if (isFile) {
    file = path.resolve(source.startsWith('@') ? source.slice(1) : source);
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new AppError('not-found', `--${field}: cannot read ${file} (${code}). Give a ${field} file that exists, or the ${field} as JSON.`, { field, file });
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const { at, expected } = jsonErrorAt(text);
    const before = text.slice(0, at).split('\n');
    const line = before.length;
    const column = (before.at(-1)?.length ?? 0) + 1;
    const where = file ? `${file} line ${line}, column ${column}` : `line ${line}, column ${column}`;
    throw new AppError('bad-input', `--${field} is not valid JSON: expected ${expected} at ${where} (character ${at + 1}).`, {
      field,
      ...(file ? { file } : {}),
      row: line,
      column: String(column),
      position: at,
    });
  }
}

/** The rule of --rule: JSON text or @FILE. */
export const readRule = (source: string): SegmentRule => readJsonOption(source, 'rule') as SegmentRule;

const percent = (share: number): string => `${(share * 100).toLocaleString('en', { maximumFractionDigits: 1 })} %`;

async function countCommand(options: RuleOptions): Promise<void> {
  let rule: SegmentRule | undefined;
  await withEngine(
    options,
    async (engine, mode) => {
      const result = await call(engine, 'segments.count', { rule: rule as SegmentRule });
      printResult(mode, result, () =>
        table([
          ['Customers', `${formatNumber(result.count)} of ${formatNumber(result.totalCustomers)} (${percent(result.shareCustomers)})`],
          ['Revenue', `${formatNumber(result.revenue, 2)} (${percent(result.shareRevenue)} of all)`],
        ]),
      );
    },
    () => void (rule = readRule(options.rule)),
    'read',
  );
}

const describeSegment = (s: Segment): string => `Segment ${s.id} "${s.name}" (${s.kind}): ${formatNumber(s.count)} customers`;

async function createCommand(options: CreateOptions): Promise<void> {
  let rule: SegmentRule | undefined;
  await withEngine(
    options,
    async (engine, mode) => {
      const segment = await call(engine, 'segments.create', {
        name: options.name,
        rule: rule as SegmentRule,
        static: Boolean(options.static),
        ...(options.description !== undefined ? { description: options.description } : {}),
      });
      printResult(mode, segment, () => describeSegment(segment));
    },
    () => void (rule = readRule(options.rule)),
  );
}

async function listCommand(options: GlobalOptions): Promise<void> {
  await withEngine(options, async (engine, mode) => {
    const result = await call(engine, 'segments.list', {});
    printResult(mode, result, () =>
      result.segments.length === 0
        ? 'No saved segments yet. Save one with: localyst segment create --name NAME --rule JSON'
        : table(result.segments.map((s) => [`${s.id}  ${s.name}`, `${s.kind}, ${formatNumber(s.count)} customers`])),
    );
  }, undefined, 'read');
}

function parseId(id: string): number {
  const n = Number(id);
  if (!/^\d+$/.test(id) || !Number.isSafeInteger(n) || n < 1) {
    throw new AppError('bad-input', `ID must be a segment id as shown by "localyst segment list", such as 3, not "${id.slice(0, 40)}".`, { field: 'id' });
  }
  return n;
}

function parseColumns(list: string | undefined): CustomerColumn[] {
  if (list === undefined) return [...defaultExportColumns];
  const items = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = items.filter((item) => !(customerColumns as readonly string[]).includes(item));
  if (items.length === 0 || unknown.length > 0) {
    throw new AppError('bad-input', `--columns takes a list of ${customerColumns.join(', ')}${unknown.length ? `, not "${unknown.join(', ')}"` : ''}.`, {
      field: 'columns',
    });
  }
  return [...new Set(items)] as CustomerColumn[];
}

async function exportCommand(id: string, options: ExportOptions): Promise<void> {
  await withEngine(
    options,
    async (engine, mode) => {
      const target = archiveTarget(options.out, options.archive);
      const result = (await runJob(engine, () =>
        call(engine, 'segments.export', { id: parseId(id), columns: parseColumns(options.columns), reveal: Boolean(options.reveal), file: chosenFile(engine, target.out, 'write'), ...target.input }),
      )) as ExportResult;
      printResult(mode, result, () => `Exported ${formatNumber(result.rows)} customers to ${result.file}`);
    },
    () => {
      parseId(id);
      parseColumns(options.columns);
      archiveTarget(options.out, options.archive);
    },
  );
}
