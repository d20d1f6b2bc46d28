import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { callApi, expect, noJobRunning, shot, test } from './fixtures';

/**
 * Federated training from the app: this workspace ("Lyon", the test's host) proposes a churn model on 127.0.0.1,
 * a second workspace ("Paris", a second `localyst serve` with its own demo shop) joins with the invitation code
 * through its own window, reviews the proposal and accepts it. Both follow the rounds with names and row counts
 * only, and end with the federated model's card beside their own local model, AUC on the same held-out customers.
 * Screenshots 330–338.
 */

const repo = path.resolve(import.meta.dirname, '..', '..');
const READY_LINE = /Localyst is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/;

/** A second `localyst serve` on its own workspace (another office's computer, here on the same machine). */
async function secondHost(): Promise<{ url: string; close: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'localyst-e2e-office-'));
  await mkdir(path.join(root, 'home'));
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [path.join(repo, 'bin', 'localyst.js'), 'serve', '--port', '0', '--workspace', path.join(root, 'Paris')], {
    cwd: repo,
    env: { ...process.env, LOCALYST_HOME: path.join(root, 'home') },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`second host did not start: ${out}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = READY_LINE.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`second host exited with ${code}: ${out}`)));
  });
  return {
    url,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Opens a workspace in a page, fills it with a seeded demo shop and opens Models → Train with other offices. */
async function officeWithShop(page: Page, url: string, seed: number): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  await callApi(page, 'demo.generate', { customers: 1500, seed });
  await noJobRunning(page);
  await page.reload();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Models', exact: true }).click();
  await page.getByTestId('models-tab-federated').click();
  await expect(page.getByTestId('federation-tab')).toBeVisible();
}

async function newWindow(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', colorScheme: 'light' });
  return context.newPage();
}

test('federated training: propose from one office, join from another with the code, compare with the local model', async ({ page, host, browser, pageErrors }) => {
  test.setTimeout(Number(process.env.FEDERATE_E2E_TIMEOUT ?? 600_000));
  const paris = await secondHost();
  try {
    await officeWithShop(page, host.url, 11);
    // Nothing trained with other offices yet: the empty state says what to do.
    await expect(page.getByTestId('federate-empty')).toBeVisible();
    await shot(page, '330-federate-empty-light', page.getByTestId('models-tabs'));

    // The proposal: churn in 90 days, every shared feature preselected, secure aggregation on, loopback.
    const form = page.getByTestId('federate-propose');
    await expect(form.getByTestId('federate-secure')).toBeChecked();
    await expect(form.getByTestId('federate-loopback')).toBeChecked();
    const office = form.getByTestId('federate-office');
    await office.fill('Lyon');
    await form.getByTestId('federate-rounds').fill('4');
    await form.getByTestId('federate-hidden').fill('8');
    await form.getByTestId('federate-offices').fill('Paris');
    await form.getByTestId('federate-offices').press('Enter');
    await shot(page, '331-federate-propose-light', page.getByTestId('models-tabs'));
    await shot(page, '332-federate-propose-offices-light', form.getByTestId('federate-rounds'));

    // The other office's window, before it has a code: the join form.
    const other = await newWindow(browser);
    await officeWithShop(other, paris.url, 12);
    await other.getByTestId('federate-mode').getByText('Join', { exact: true }).click();
    await expect(other.getByTestId('federate-join')).toBeVisible();
    await shot(other, '333-federate-join-light', other.getByTestId('models-tabs'));

    // Start: one invitation code per invited office (not this one), with how to send it.
    await form.getByTestId('federate-start').click();
    const invitations = page.getByTestId('federate-invitations');
    await expect(invitations).toBeVisible({ timeout: 60_000 });
    await expect(invitations.getByTestId('federate-invitation')).toHaveCount(1);
    await expect(invitations.getByTestId('federate-invitation')).toHaveAttribute('data-office', 'Paris');
    await expect(invitations).toContainText('127.0.0.1');
    const code = (await invitations.getByTestId('federate-invitation-code').innerText()).trim();
    expect(code.length).toBeGreaterThan(16);
    await shot(page, '334-federate-invitations-light', page.getByTestId('federate-live'));

    // Paris pastes the code (Enter connects) and sees the proposal; nothing is sent before Accept.
    await other.getByTestId('federate-join-office').fill('Paris');
    await other.getByTestId('federate-code').fill(code);
    await other.getByTestId('federate-code').press('Enter');
    const review = other.getByTestId('federate-review');
    await expect(review).toBeVisible({ timeout: 60_000 });
    await expect(review).toContainText('Churn');
    await expect(review).toContainText('recency_days');
    await expect(review).toContainText('127.0.0.1');
    await shot(other, '335-federate-review-light', other.getByTestId('federate-live'));
    await review.getByTestId('federate-accept').click();

    // Rounds run: both offices with their customer counts (only counts), the round, the loss per round.
    const live = page.getByTestId('federate-live');
    await expect(live.getByTestId('federate-participant')).toHaveCount(2, { timeout: 60_000 });
    await expect(live.locator('[data-testid="federate-participant"][data-office="Paris"]')).toContainText(/\d/, { timeout: 60_000 });
    await expect(live.getByTestId('federate-round')).toContainText(/Round \d of 4/, { timeout: 120_000 });
    await expect(live.getByTestId('federate-loss')).not.toHaveAttribute('data-points', '0', { timeout: 120_000 });
    if ((await live.getAttribute('data-status')) === 'running') await shot(page, '336-federate-rounds-light', live);

    // Done at both offices; each card shows the federated and this office's own AUC on the same held-out rows.
    for (const [window, name] of [
      [page, 'Lyon'],
      [other, 'Paris'],
    ] as const) {
      await expect(window.getByTestId('federate-done')).toBeVisible({ timeout: 300_000 });
      const card = window.getByTestId('federated-model').first();
      await expect(card).toBeVisible();
      for (const id of ['federated-auc', 'local-auc']) {
        const auc = Number((await card.getByTestId(id).innerText()).trim());
        expect(auc).toBeGreaterThan(0.5);
        expect(auc).toBeLessThanOrEqual(1);
      }
      const offices = card.getByTestId('federated-participants');
      await expect(offices).toContainText('Lyon');
      await expect(offices).toContainText('Paris');
      await expect(card.getByTestId('federated-comparison')).toBeVisible();
      await expect(card).toContainText(name === 'Lyon' ? 'proposed and coordinated' : 'took part');
      const listed = await callApi<{ models: Array<{ rounds: number; secure: boolean; participants: Array<{ name: string; rows: number | null }> }> }>(window, 'federate.list', {});
      expect(listed.models).toHaveLength(1);
      expect(listed.models[0]?.rounds).toBe(4);
      expect(listed.models[0]?.secure).toBe(true);
      for (const p of listed.models[0]?.participants ?? []) expect(Object.keys(p).sort()).toEqual(['name', 'rows']);
    }
    await page.getByTestId('federate-live-dismiss').click();
    await shot(page, '337-federate-card-light', page.getByTestId('federated-models'));
    await other.getByTestId('federate-live-dismiss').click();
    await shot(other, '338-federate-card-office-light', other.getByTestId('federated-models'));
    await other.context().close();
    expect(pageErrors).toEqual([]);
  } finally {
    await paris.close();
  }
});
