import { spawn, execFile, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

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

/** Closes notifications until none is left (a late one may arrive), never failing a test over a toast. */
export async function closeToasts(page: Page): Promise<void> {
  await expect(async () => {
    for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click({ timeout: 1_000 }).catch(() => undefined);
    await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 1_000 });
  })
    .toPass({ timeout: 10_000 })
    .catch(() => undefined);
}

/** A screenshot without notifications over its corner, scrolled to `target` (or the page's top). */
export async function shot(page: Page, name: string, target?: Locator): Promise<void> {
  await closeToasts(page);
  const element = target ?? page.getByRole('heading', { level: 1 });
  // Scrolled to the top of `target`, below the sticky top bar (or the heading into the middle).
  await element.evaluate(
    (el, toTarget) => {
      (el as unknown as { scrollIntoView: (o: object) => void }).scrollIntoView({ block: toTarget ? 'start' : 'center' });
      if (toTarget) (globalThis as unknown as { scrollBy: (x: number, y: number) => void }).scrollBy(0, -64);
    },
    target !== undefined,
  );
  await snap(page, name);
}

/** Windows-1252 bytes for text whose characters are all in Latin-1 (plus the euro sign). */
export function encodeWindows1252(text: string): Buffer {
  const bytes = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 0xff && code !== 0x20ac) throw new Error(`not in Windows-1252: ${text[i]}`);
    bytes[i] = code === 0x20ac ? 0x80 : code;
  }
  return bytes;
}

export const MESSY_ORDERS_HEADER = 'Order No;Order Date;Customer;E-mail;SKU;Item;Qty;Unit Price;Country';

/**
 * The messy shop export of the import issue: semicolons, decimal commas ("12,50", "1.234,00"), day-first dates,
 * a quoted item name holding a semicolon, Latin-1 accents, one guest checkout and exactly one impossible date
 * (row 5: 31/02/2024). Five good rows for two customers, one bad row.
 */
export const MESSY_ORDERS_ROWS = [
  'A-1001;03/02/2024 10:15;K-17;anna.mueller@example.de;CND-01;"Geurkaars ""Crème brûlée""; groot";2;12,50;Nederland',
  'A-1001;03/02/2024 10:15;K-17;anna.mueller@example.de;CND-02;Theelichtjes (50 stuks);1;4,95;Nederland',
  'A-1002;14/02/2024 18:40;K-18;jorg@example.be;KIT-07;Schneidebrett Eiche (Müller);1;1.234,00;België',
  'A-1003;31/02/2024 09:00;K-19;elise@example.fr;CND-01;Geurkaars groot;1;12,50;België',
  'A-1004;29/02/2024 12:00;;;CND-03;Kaarsenhouder messing;3;7,25;France',
  'A-1005;20/02/2024 11:00;K-18;jorg@example.be;KIT-07;Schneidebrett Eiche (retour);-1;1.234,00;België',
];

/** Writes the messy export as Windows-1252 with CRLF line ends; returns its path. */
export async function writeMessyOrdersFile(dir: string, name = 'bestellingen.csv'): Promise<string> {
  const text = [MESSY_ORDERS_HEADER, ...MESSY_ORDERS_ROWS].join('\r\n') + '\r\n';
  const file = path.join(dir, name);
  await writeFile(file, encodeWindows1252(text));
  return file;
}

/** One cell of an AG Grid, by row index and column id (pinned and scrolling parts of a row are separate elements). */
export const gridCell = (grid: Locator, rowIndex: number, colId: string): Locator =>
  grid.locator(`.ag-row[row-index="${rowIndex}"] [col-id="${colId}"]`);

/** The row index of the AG Grid row whose `colId` cell reads exactly `text`. */
export async function rowIndexOf(grid: Locator, text: string, colId = 'customerId'): Promise<number> {
  const row = grid.locator('.ag-row').filter({ has: grid.page().locator(`[col-id="${colId}"]`).getByText(text, { exact: true }) });
  await expect(row.first()).toBeVisible();
  return Number(await row.first().getAttribute('row-index'));
}

/** A tidy customers export (UTF-8, commas) for the customers of the messy orders file: names, e-mails, phones. */
export async function writeCustomersFile(dir: string, name = 'klanten.csv'): Promise<string> {
  const text = [
    'Customer ID,First name,Last name,Email,Phone,City,Country',
    'K-17,Anna,Müller,anna.mueller@example.de,+49 30 1234567,Berlin,Nederland',
    'K-18,Jörg,Peeters,jorg@example.be,,Gent,België',
  ].join('\n');
  const file = path.join(dir, name);
  await writeFile(file, `${text}\n`, 'utf8');
  return file;
}

/** A large, clean orders export (semicolons, decimal commas) of `rows` lines, streamed to disk; returns its path. */
export async function writeLargeOrdersFile(dir: string, rows: number, name = 'orders-large.csv'): Promise<string> {
  const file = path.join(dir, name);
  const lines: string[] = [MESSY_ORDERS_HEADER];
  for (let i = 0; i < rows; i += 1) {
    lines.push(`B-${i};0${(i % 9) + 1}/03/2024 10:00;K-${i % 5000};;SKU-${i % 40};Item ${i % 300};1;9,99;Nederland`);
  }
  await writeFile(file, lines.join('\r\n') + '\r\n');
  return file;
}

/** The little of the browser this file uses inside `page.evaluate` (it is type-checked without the DOM library). */
type Browser = {
  location: { host: string };
  sessionStorage: { getItem: (key: string) => string | null };
  WebSocket: new (url: string) => {
    onopen: (() => void) | null;
    onmessage: ((message: { data: string }) => void) | null;
    onerror: (() => void) | null;
    send: (data: string) => void;
    close: () => void;
  };
};

/**
 * Waits until no job runs in the workspace. A demo shop's reviews are analysed by a job of its own after the demo;
 * when it ends the data has changed and the screens fetch again, which would race with what a test checks next.
 */
export async function noJobRunning(page: Page, timeout = 120_000): Promise<void> {
  const running = async (): Promise<number> =>
    (await callApi<{ jobs: Array<{ status: string }> }>(page, 'jobs.list', {})).jobs.filter((j) => j.status === 'running').length;
  await expect.poll(running, { timeout }).toBe(0);
}

/** Calls a contract channel over the page's own host (a second WebSocket with the page's session), as the app does. */
export async function callApi<T>(page: Page, channel: string, input: unknown): Promise<T> {
  return page.evaluate(
    ({ channel, input }) =>
      new Promise<T>((resolve, reject) => {
        const g = globalThis as unknown as Browser;
        const token = g.sessionStorage.getItem('localyst.token');
        const ws = new g.WebSocket(`ws://${g.location.host}/api${token ? `?token=${encodeURIComponent(token)}` : ''}`);
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, channel, input }));
        ws.onerror = () => reject(new Error('WebSocket failed'));
        ws.onmessage = (message) => {
          const frame = JSON.parse(message.data) as { id?: number; envelope?: { ok: boolean; value?: T; error?: { message: string } } };
          if (frame.id !== 1 || !frame.envelope) return;
          ws.close();
          if (frame.envelope.ok) resolve(frame.envelope.value as T);
          else reject(new Error(frame.envelope.error?.message ?? 'failed'));
        };
      }),
    { channel, input },
  );
}
