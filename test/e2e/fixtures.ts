import { spawn, execFile, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test as base, expect, type Page } from '@playwright/test';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '..', '..');
const cli = path.join(repo, 'bin', 'localyst.js');
export const screenshotDir = path.join(repo, 'test', 'artifacts', 'screenshots');

export type CliStats = {
  customers: number;
  products: number;
  orders: number;
  orderLines: number;
  returns: number;
  revenue: number;
  currency: string;
};

export type LocalystHost = {
  /** The address `localyst serve` printed, with its session token. */
  url: string;
  /** The same origin without the token. */
  origin: string;
  workspace: string;
  /** `localyst stats --json` for the test's workspace. */
  stats: () => Promise<CliStats>;
  /** Stops the host, as if the engine went away. */
  kill: () => Promise<void>;
};

const READY_LINE = /Localyst is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/;

function waitForUrl(child: ChildProcessWithoutNullStreams, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => fail(`no address within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string): void => {
      clearTimeout(timer);
      reject(new Error(`localyst serve did not start: ${why}\nstdout: ${stdout}\nstderr: ${stderr}`));
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = READY_LINE.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => fail(`exited with ${code}`));
  });
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

type Fixtures = {
  host: LocalystHost;
  /** Console errors and uncaught page errors seen during the test. */
  pageErrors: string[];
};

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as the first argument.
  host: async ({}, use, testInfo) => {
    const root = await mkdtemp(path.join(tmpdir(), 'localyst-e2e-'));
    const workspace = path.join(root, 'workspace');
    const home = path.join(root, 'home');
    await mkdir(home);
    const env = { ...process.env, LOCALYST_HOME: home };
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--workspace', workspace], { cwd: repo, env });
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.once('exit', (code, signal) => (log += `\n[localyst serve exited: code ${code}, signal ${signal}]\n`));
    try {
      const url = await waitForUrl(child, 30_000);
      const origin = new URL(url).origin;
      const stats = async (): Promise<CliStats> => {
        const { stdout } = await run(process.execPath, [cli, 'stats', '--workspace', workspace, '--json'], { cwd: repo, env });
        return JSON.parse(stdout) as CliStats;
      };
      await use({ url, origin, workspace, stats, kill: () => stop(child) });
    } finally {
      await stop(child);
      if (testInfo.status !== testInfo.expectedStatus && log) {
        await testInfo.attach('localyst serve stderr', { body: log, contentType: 'text/plain' });
      }
      await rm(root, { recursive: true, force: true });
    }
  },
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    await use(errors);
  },
});

export { expect };

/** Saves a screenshot of the whole window to test/artifacts/screenshots/<name>.png. */
export async function snap(page: Page, name: string): Promise<void> {
  // Let charts and transitions settle so screenshots show what a person sees.
  await page.waitForTimeout(350);
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}
