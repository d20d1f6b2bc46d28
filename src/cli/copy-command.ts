import type { Command } from 'commander';
import { copyEngines, type GenerateResult, type Variant } from '../shared/copy-schemas';
import { AppError } from '../shared/errors';
import { runJob, withEngine } from './commands';
import { call, chosenFile, type GlobalOptions } from './engine-session';
import { printResult } from './output';
import { readJsonOption } from './segment-command';

type GenerateOptions = GlobalOptions & { brief: string; variants: string; seed: string; candidates: string; engine: string; model?: string };

/** Adds `copy generate`; `withGlobals` adds --workspace and --json. */
export function registerCopyCommands(program: Command, withGlobals: (cmd: Command) => Command): void {
  const copy = program.command('copy').description('write marketing copy from a brief, offline (README: Copy studio)');
  withGlobals(
    copy
      .command('generate')
      .description('ranked copy variants with their checks and the reasons for their rank; same brief and seed, same output')
      .requiredOption('--brief <file|json>', 'the brief as a JSON file, @FILE or JSON text')
      .option('--variants <n>', 'how many ranked variants to keep (1 to 20)', '5')
      .option('--candidates <n>', 'how many candidates the built-in generator writes before ranking (1 to 500)', '50')
      .option('--seed <s>', 'random seed (0 to 2147483647)', '1')
      .option('--engine <engine>', 'builtin, or llm (a local GGUF model through node-llama-cpp)', 'builtin')
      .option('--model <file>', 'choose this GGUF file as the workspace\'s language model first (as Settings does); --engine llm runs only the chosen model'),
  ).action((opts: GenerateOptions) => generateCommand(opts));
}

const whole = (value: string, field: string): number => {
  if (!/^\d+$/.test(value)) throw new AppError('bad-input', `--${field} must be a whole number, not "${value.slice(0, 40)}".`, { field });
  return Number(value);
};

function request(options: GenerateOptions): Record<string, unknown> {
  if (!(copyEngines as readonly string[]).includes(options.engine)) {
    throw new AppError('bad-input', `--engine must be ${copyEngines.join(' or ')}, not "${options.engine.slice(0, 40)}".`, { field: 'engine' });
  }
  return {
    brief: readJsonOption(options.brief, 'brief', true),
    variants: whole(options.variants, 'variants'),
    candidates: whole(options.candidates, 'candidates'),
    seed: whole(options.seed, 'seed'),
    engine: options.engine,
  };
}

/** A variant as a reader would look at it: its fields, then score, checks and reasons. */
export function describeVariant(v: Variant, rank: number): string {
  const fields = Object.entries(v.fields)
    .filter(([k]) => k !== 'channel')
    .map(([k, value]) => `${k}:\n${(Array.isArray(value) ? value.map((x) => `- ${String(x)}`).join('\n') : String(value)).replace(/^/gm, '  ')}`)
    .join('\n');
  const failed = v.checks.filter((c) => !c.passed);
  const checks = failed.length ? `checks failed: ${failed.map((c) => `${c.name} (${c.detail})`).join('; ')}` : `all ${v.checks.length} checks pass`;
  return [`#${rank} ${v.framework} · ${v.angle} · score ${v.score}`, fields, checks, ...v.reasons.map((r) => `  · ${r}`)].join('\n');
}

async function generateCommand(options: GenerateOptions): Promise<void> {
  let input: Record<string, unknown> = {};
  await withEngine(
    options,
    async (engine, mode) => {
      // The model is only ever the workspace's chosen one: --model chooses it (checked and hashed) like Settings.
      if (options.model) await call(engine, 'copy.llmChoose', { file: chosenFile(engine, options.model, 'read') });
      const result = (await runJob(engine, () => call(engine, 'copy.generate', input as never))) as GenerateResult;
      // Time is left out of the JSON so that the same brief and seed print the same document.
      const { elapsedMs, ...stable } = result;
      printResult(mode, stable, () =>
        [
          ...result.variants.map((v, i) => describeVariant(v, i + 1)),
          `${result.variants.length} of ${result.candidates} candidates kept · seed ${result.seed} · ${result.engine.detail} · ${elapsedMs} ms`,
          `Response model: ${result.responseModel.detail}`,
        ].join('\n\n'),
      );
    },
    () => void (input = request(options)),
  );
}
