import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../engine';
import { guardServeProcess } from '../host/process-guard';
import { DEFAULT_MAX_UPLOAD_BYTES, startHost } from '../host/server';
import { AppError } from '../shared/errors';
import { demoInputSchema, type EventName, type EventPayload } from '../shared/contract';
import { call, openEngine, openEngineToRead, toErrorData, type GlobalOptions } from './engine-session';
import { formatNumber, printError, printResult, table, type OutputMode } from './output';

/** Runs one command on an engine, printing its result or its error; always closes the engine. */
export async function withEngine(
  options: GlobalOptions,
  body: (engine: Engine, mode: OutputMode) => Promise<void>,
  precheck?: () => void,
  access: 'write' | 'read' = 'write',
): Promise<void> {
  const mode = { json: Boolean(options.json) };
  let engine: Engine | undefined;
  try {
    precheck?.(); // bad arguments are refused before a workspace is created or opened
    engine = access === 'read' ? await openEngineToRead(options) : await openEngine(options);
    await body(engine, mode);
  } catch (error) {
    printError(mode, toErrorData(error));
  } finally {
    await engine?.close();
  }
}

export async function doctorCommand(options: GlobalOptions): Promise<void> {
  await withEngine(options, async (engine, mode) => {
    const info = await call(engine, 'app.info', {});
    const value = {
      version: info.appVersion,
      node: info.node,
      electron: info.electron,
      sqlite: info.sqlite,
      platform: info.platform,
      backend: info.tf.backend,
      tfjs: info.tf,
      workspace: info.workspace.path,
      dbFile: info.workspace.dbFile,
      schemaVersion: info.workspace.schemaVersion,
      latestSchemaVersion: info.workspace.latestSchemaVersion,
      encrypted: info.workspace.encrypted,
    };
    printResult(mode, value, () =>
      table([
        ['Localyst', value.version],
        ['Node.js', value.node],
        ['SQLite', value.sqlite],
        ['TensorFlow.js', `${info.tf.version} on ${value.backend}${info.tf.simd ? ' (SIMD)' : ''}`],
        ...(info.tf.note ? ([['', info.tf.note]] as Array<[string, string]>) : []),
        ['Workspace', value.workspace],
        ['Schema', `${value.schemaVersion} (latest ${value.latestSchemaVersion})`],
        ['Encrypted', value.encrypted ? 'yes (ChaCha20-Poly1305; key wrapped with Argon2id)' : 'no'],
      ]),
    );
  }, undefined, 'read');
}

export async function statsCommand(options: GlobalOptions): Promise<void> {
  await withEngine(options, async (engine, mode) => {
    const stats = await call(engine, 'workspace.stats', {});
    printResult(mode, stats, () =>
      table([
        ['Customers', formatNumber(stats.customers)],
        ['Products', formatNumber(stats.products)],
        ['Orders', formatNumber(stats.orders)],
        ['Order lines', formatNumber(stats.orderLines)],
        ['Returns', formatNumber(stats.returns)],
        ['Lines without customer', formatNumber(stats.linesWithoutCustomer)],
        ['Reviews', formatNumber(stats.reviews)],
        ['Campaigns', formatNumber(stats.campaigns)],
        ['Revenue', `${formatNumber(stats.revenue, 2)} ${stats.currency}`],
      ]),
    );
  }, undefined, 'read');
}

export type DemoOptions = GlobalOptions & { customers: string; seed: string };

/** `demo`: numbers are passed as given so the engine's schema reports bad values with their field. */
export async function demoCommand(options: DemoOptions): Promise<void> {
  const input = { customers: Number(options.customers), seed: Number(options.seed) };
  const precheck = (): void => {
    const parsed = demoInputSchema.safeParse(input);
    if (parsed.success) return;
    const field = String(parsed.error.issues[0]?.path[0] ?? 'customers') as 'customers' | 'seed';
    const limits = field === 'customers' ? 'from 1 to 2,000,000' : 'from 0 to 2,147,483,647';
    throw new AppError('bad-input', `--${field} must be a whole number ${limits} (got "${options[field]}").`, { field });
  };
  await withEngine(options, async (engine, mode) => {
    const result = await runJob(engine, () => call(engine, 'demo.generate', input));
    printResult(mode, result, () => {
      const r = result as Record<string, number>;
      return table(Object.entries(r).map(([k, v]) => [k, k === 'seconds' ? `${v.toFixed(1)} s` : formatNumber(v)]));
    });
  }, precheck);
}

/** Starts a job and waits for its end, showing progress on stderr; Ctrl-C cancels it (rolled back). */
export async function runJob(engine: Engine, start: () => Promise<{ jobId: string }>): Promise<unknown> {
  const seen: Array<{ event: EventName; payload: unknown }> = [];
  let settle: ((e: { event: EventName; payload: unknown }) => void) | undefined;
  const off = engine.onEvent((event, payload) => {
    if (settle) settle({ event, payload });
    else seen.push({ event, payload });
  });
  const { jobId } = await start();
  const onSigint = (): void => void engine.invoke('jobs.cancel', { jobId });
  process.once('SIGINT', onSigint);
  try {
    return await new Promise<unknown>((resolve, reject) => {
      settle = ({ event, payload }) => {
        const p = payload as { jobId?: string };
        if (p.jobId !== jobId) return;
        if (event === 'job.progress') showProgress(payload as EventPayload<'job.progress'>);
        if (event === 'job.done') resolve((payload as EventPayload<'job.done'>).result);
        if (event === 'job.failed') {
          const { error } = payload as EventPayload<'job.failed'>;
          reject(new AppError(error.code, error.message, error.details));
        }
      };
      for (const item of seen.splice(0)) settle(item);
    });
  } finally {
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.off('SIGINT', onSigint);
    off();
  }
}

let lastStage = '';
function showProgress(p: EventPayload<'job.progress'>): void {
  const pct = `${(p.fraction * 100).toFixed(0).padStart(3)}%`;
  const rate = p.rowsPerSecond ? ` · ${formatNumber(p.rowsPerSecond)} rows/s` : '';
  const eta = p.etaSeconds !== null ? ` · ${Math.ceil(p.etaSeconds)} s left` : '';
  if (process.stderr.isTTY) process.stderr.write(`\r${pct} ${p.stage}: ${p.message}${rate}${eta}\x1b[K`);
  else if (p.stage !== lastStage) process.stderr.write(`${pct} ${p.stage}: ${p.message}\n`);
  lastStage = p.stage;
}

export type ServeOptions = GlobalOptions & { port: string; maxUploadMb?: string };

export const DEFAULT_MAX_UPLOAD_MB = DEFAULT_MAX_UPLOAD_BYTES / 1024 ** 2;

/** `serve`: the browser mode on 127.0.0.1; runs until interrupted. */
export async function serveCommand(options: ServeOptions): Promise<void> {
  const mode = { json: Boolean(options.json) };
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    printError(mode, { code: 'bad-input', message: `--port must be a whole number from 0 to 65535, not "${options.port}".`, details: { field: 'port' } });
    return;
  }
  const maxUploadMb = Number(options.maxUploadMb ?? DEFAULT_MAX_UPLOAD_MB);
  if (!Number.isInteger(maxUploadMb) || maxUploadMb < 1) {
    printError(mode, { code: 'bad-input', message: `--max-upload-mb must be a whole number of megabytes, 1 or more, not "${options.maxUploadMb}".`, details: { field: 'max-upload-mb' } });
    return;
  }
  let engine: Engine;
  try {
    engine = await openEngine(options, 'serve');
  } catch (error) {
    printError(mode, toErrorData(error));
    return;
  }
  try {
    const host = await startHost({ engine, port, rendererDir: rendererDir(), maxUploadBytes: maxUploadMb * 1024 ** 2 });
    guardServeProcess({
      engineAnswers: async () => (await engine.invoke('settings.get', {})).ok,
      log: (line) => process.stderr.write(`${line}\n`),
      exit: (code) => process.exit(code),
    });
    printResult(mode, { url: host.url, port: host.port, workspace: engine.workspaceDir() }, () => `Localyst is running at ${host.url}`);
    const stop = (): void => {
      void host.close().then(() => engine.close()).finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    await engine.close();
    const data = toErrorData(error);
    const code = (error as NodeJS.ErrnoException).code;
    printError(mode, code === 'EADDRINUSE' ? { code: 'conflict', message: `Port ${port} is already in use. Choose another with --port.`, details: { field: 'port' } } : data);
  }
}

/** The built renderer: LOCALYST_RENDERER_DIR, else out/renderer beside the CLI bundle (or the repo's out/). */
function rendererDir(): string {
  if (process.env.LOCALYST_RENDERER_DIR) return path.resolve(process.env.LOCALYST_RENDERER_DIR);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../renderer'), path.resolve(here, '../../out/renderer')];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
  if (!found) throw new AppError('not-found', 'The user interface is not built. Run `npm run build` first.');
  return found;
}
