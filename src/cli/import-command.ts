import { AppError } from '../shared/errors';
import { importKinds, piiKinds, type ImportKind, type ImportReport, type PiiKind } from '../shared/import-schemas';
import { call, chosenFile } from './engine-session';
import { runJob, withEngine } from './commands';
import type { GlobalOptions } from './engine-session';
import { formatNumber, printResult, table } from './output';

export type ImportOptions = GlobalOptions & {
  map?: string[];
  mapping?: string;
  onError: string;
  dryRun?: boolean;
  pseudonymize?: string;
  saveMapping?: string;
};

/** `import KIND FILE`: detects the format and mapping, applies --map/--mapping, runs the import as a job. */
export async function importCommand(kind: string, file: string, options: ImportOptions): Promise<void> {
  const precheck = (): void => {
    if (!(importKinds as readonly string[]).includes(kind)) {
      throw new AppError('bad-input', `KIND must be one of ${importKinds.join(', ')}, not "${kind}".`, { field: 'kind' });
    }
    if (options.onError !== 'reject' && options.onError !== 'skip') {
      throw new AppError('bad-input', `--on-error must be reject or skip, not "${options.onError}".`, { field: 'onError' });
    }
    parsePii(options.pseudonymize);
    parseMaps(options.map ?? []);
  };
  await withEngine(
    options,
    async (engine, mode) => {
      const handle = chosenFile(engine, file, 'read');
      const inspected = await call(engine, 'import.inspect', { file: handle, kind: kind as ImportKind });
      let mapping = { ...inspected.mapping };
      if (options.mapping) {
        const saved = (await call(engine, 'mappings.list', { kind: kind as ImportKind })).mappings.find((m) => m.name === options.mapping);
        if (!saved) throw new AppError('not-found', `There is no saved mapping named "${options.mapping}" for ${kind}.`, { field: 'mapping' });
        mapping = { ...saved.mapping };
      }
      for (const [source, field] of parseMaps(options.map ?? [])) {
        if (field === '' || field === '-') delete mapping[source];
        else {
          for (const [s, f] of Object.entries(mapping)) if (f === field) delete mapping[s];
          mapping[source] = field;
        }
      }
      const report = (await runJob(engine, () =>
        call(engine, 'import.start', {
          file: handle,
          kind: kind as ImportKind,
          mapping,
          onError: options.onError as 'reject' | 'skip',
          dryRun: Boolean(options.dryRun),
          pseudonymize: parsePii(options.pseudonymize),
          ...(options.saveMapping ? { saveMappingAs: options.saveMapping } : {}),
        }),
      )) as ImportReport;
      printResult(mode, report, () => human(report));
      // A rejected file was not imported: the command failed, and its report says why.
      if (report.outcome === 'rejected') process.exitCode = 1;
    },
    precheck,
  );
}

function parseMaps(maps: string[]): Array<[string, string]> {
  return maps.map((m) => {
    const at = m.lastIndexOf('=');
    if (at <= 0) throw new AppError('bad-input', `--map takes SOURCE=FIELD (for example --map "Invoice No=orderId"), not "${m}".`, { field: 'map' });
    return [m.slice(0, at), m.slice(at + 1)];
  });
}

function parsePii(list: string | undefined): PiiKind[] {
  if (!list) return [];
  const items = list.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (!(piiKinds as readonly string[]).includes(item)) {
      throw new AppError('bad-input', `--pseudonymize takes a list of ${piiKinds.join(', ')}, not "${item}".`, { field: 'pseudonymize' });
    }
  }
  return [...new Set(items)] as PiiKind[];
}

function human(r: ImportReport): string {
  const lines = [
    r.message,
    '',
    table([
      ['Rows read', formatNumber(r.rows)],
      ['New', formatNumber(r.inserted)],
      ['Updated', formatNumber(r.updated)],
      ['Unchanged', formatNumber(r.unchanged)],
      ['Skipped', formatNumber(r.skipped)],
      ['Rejected', formatNumber(r.rejected)],
      ['Detected', `${r.detected.format}${r.detected.compressed ? ' (gzip)' : ''}, ${r.detected.encoding}${r.detected.delimiter ? `, delimiter ${JSON.stringify(r.detected.delimiter)}` : ''}${r.detected.decimalComma ? ', decimal comma' : ''}${r.detected.dateFormat ? `, dates ${r.detected.dateFormat}` : ''}`],
      ['Seconds', r.seconds.toFixed(1)],
    ]),
  ];
  if (r.errors.length > 0) {
    lines.push('', 'Problems (first 100):');
    for (const e of r.errors) lines.push(`  row ${e.row}${e.column ? `, column "${e.column}"` : ''}: [${e.code}] ${e.message}`);
  }
  return lines.join('\n');
}
