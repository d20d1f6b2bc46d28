import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { callApi, expect, shot, test } from './fixtures';

const saved = (page: Page) => expect(page.getByTestId('campaign-save-status')).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });

type Experiment = { baseline: { rate: number }; power: { perArm: number } };
type Report = { arms: Array<{ name: string; recipients: number; conversions: number }>; verdict: { outcome: string }; srm: { mismatch: boolean } };

test('a campaign from a saved segment: two arms and a holdout, sized, copy from the studio, exported, measured', async ({ page, host, pageErrors }) => {
  test.setTimeout(300_000);
  await page.goto(host.url);
  await page.getByTestId('demo-generate').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 60_000 });

  // The list: the demo's past campaigns with their results.
  await page.evaluate(`window.location.hash = '#/campaigns'`);
  await expect(page.getByTestId('campaigns-grid')).toBeVisible();
  await expect(page.getByTestId('campaign-status').first()).toHaveAttribute('data-status', 'results');
  await shot(page, '300-campaigns-list');

  // Audience: a saved segment handed over from Segments.
  const segment = await callApi<{ id: number; count: number }>(page, 'segments.create', { name: 'Ordered twice or more', rule: { all: [{ field: 'orders', op: '>=', value: 2 }] } });
  await page.evaluate(`window.location.hash = '#/campaigns/audience/${segment.id}'`);
  await page.getByTestId('campaign-audience-plan').click();
  await page.getByTestId('campaign-create-name').fill('Autumn candles test');
  await page.getByTestId('campaign-create-submit').click();
  const builder = page.getByTestId('campaign-builder');
  await expect(builder).toHaveAttribute('data-step', 'audience');
  const audience = page.getByTestId('campaign-audience-result');
  await expect(audience).toHaveAttribute('data-matched', String(segment.count), { timeout: 15_000 });
  const consent = page.getByTestId('campaign-audience-exclusion').and(page.locator('[data-reason="noConsent"]'));
  const removed = Number(await consent.getAttribute('data-removed'));
  expect(removed).toBeGreaterThan(0);
  await expect(audience).toHaveAttribute('data-size', String(segment.count - removed));
  await expect(page.getByTestId('campaign-send-hours')).toBeVisible();
  await shot(page, '301-campaign-audience');
  const id = Number(/#\/campaigns\/(\d+)/.exec(page.url())?.[1]);
  expect(id).toBeGreaterThan(0);

  // Channel and timing: a send date inside the demo's history, so the holdout's own orders can be counted.
  await page.getByTestId('campaign-step-channel').click();
  await page.getByTestId('campaign-send-date').fill('2026-09-15');
  await saved(page);
  await shot(page, '302-campaign-channel');

  // Experiment: two arms and the default 10 % holdout; the planner's size is the standard formula's.
  await page.getByTestId('campaign-step-experiment').click();
  await page.getByTestId('campaign-arm-add').click();
  await expect(page.getByTestId('campaign-arm')).toHaveCount(2);
  await saved(page);
  const result = page.getByTestId('campaign-power-result');
  const experiment = await callApi<Experiment>(page, 'campaigns.experiment', { id });
  const power = await callApi<{ perArm: number }>(page, 'campaigns.power', { baseline: experiment.baseline.rate, mde: 0.01, groups: 3 });
  await expect(result).toHaveAttribute('data-per-arm', String(power.perArm));
  await expect(result).toHaveAttribute('data-enough', 'false');
  await expect(page.getByTestId('campaign-power-verdict')).toContainText(/too small/i);
  await shot(page, '303-campaign-experiment', result);

  // Content: write in the studio for this audience, save two variants to this campaign, come back and pick them.
  await page.getByTestId('campaign-step-content').click();
  await page.getByTestId('campaign-write-in-studio').click();
  await expect(page.getByTestId('copy-back-to-campaign')).toBeVisible();
  await page.getByTestId('copy-empty-sample').click();
  // The sample brief is filled in from the workspace's own products (a request): wait for it before generating.
  await expect(page.getByTestId('copy-product-name')).not.toHaveValue('');
  await page.getByTestId('copy-generate').click();
  await expect(page.getByTestId('copy-job')).toBeHidden({ timeout: 60_000 });
  const variants = page.getByTestId('copy-variant');
  await expect(variants.first()).toBeVisible({ timeout: 60_000 });
  for (const n of [0, 1]) {
    await variants.nth(n).getByTestId('copy-variant-save').click();
    await expect(page.getByTestId('copy-save-campaign')).toHaveValue('Autumn candles test');
    await page.getByTestId('copy-save-confirm').click();
    await expect(variants.nth(n).getByTestId('copy-variant-saved')).toBeVisible();
  }
  await shot(page, '304-campaign-studio');
  await page.getByTestId('copy-back-to-campaign').click();
  await expect(builder).toHaveAttribute('data-step', 'content');
  const arms = page.getByTestId('campaign-arm-content');
  for (const n of [0, 1]) {
    await arms.nth(n).getByTestId('campaign-arm-item').click();
    await page.getByRole('option').nth(n).click();
    await expect(arms.nth(n)).toHaveAttribute('data-item', /\d+/);
  }
  await saved(page);
  await expect(arms.first().getByTestId('campaign-preview-customer').first()).toBeVisible({ timeout: 15_000 });
  await shot(page, '305-campaign-content');

  // Forecast, then review and export.
  await page.getByTestId('campaign-step-forecast').click();
  await page.getByTestId('campaign-cost-per-contact').fill('0.02');
  await saved(page);
  await expect(page.getByTestId('campaign-forecast')).toHaveAttribute('data-source', /history|model/);
  await shot(page, '306-campaign-forecast');
  await page.getByTestId('campaign-step-review').click();
  await page.getByTestId('campaign-export-start').click();
  const done = page.getByTestId('campaign-export-done');
  await expect(done).toBeVisible({ timeout: 60_000 });
  await shot(page, '307-campaign-exported', done);
  const folder = await page.getByTestId('campaign-export-folder').innerText();
  const assignments = (await readFile(path.join(folder, 'assignments.csv'), 'utf8')).trim().split(/\r?\n/);
  expect(assignments[0]).toBe('customerId,arm');
  const members = assignments.slice(1).map((line) => line.split(',') as [string, string]);
  expect(members).toHaveLength(segment.count - removed);
  expect(new Set(members.map(([, arm]) => arm))).toEqual(new Set(['A', 'B', 'holdout']));
  const holdout = members.filter(([, arm]) => arm === 'holdout').length;
  await expect(done).toHaveAttribute('data-holdout', String(holdout));
  await page.getByTestId('campaign-step-audience').click();
  await expect(page.getByTestId('campaign-audience-frozen')).toBeVisible();

  // Results for the arms (the holdout received nothing), imported into this campaign; the report reads them.
  const rows = ['customerId,sent,delivered,opened,clicked,converted,revenue'];
  members.forEach(([customer, arm], i) => {
    if (arm === 'holdout') return;
    const converted = arm === 'B' ? i % 6 === 0 : i % 14 === 0;
    rows.push(`${customer},1,1,${i % 3 === 0 ? 1 : 0},${i % 7 === 0 ? 1 : 0},${converted ? 1 : 0},${converted ? 42.5 : 0}`);
  });
  const file = path.join(path.dirname(host.workspace), 'campaign-results.csv');
  await writeFile(file, `${rows.join('\n')}\n`);
  await page.getByTestId('campaign-open-report').click();
  // Chosen as the user would in the browser mode: uploaded into the workspace's incoming folder.
  await page.getByTestId('campaign-import').getByTestId('import-file-input').setInputFiles(file);
  const verdict = page.getByTestId('campaign-report-verdict');
  await expect(verdict).toBeVisible({ timeout: 60_000 });
  const report = await callApi<Report>(page, 'campaigns.report', { id });
  await expect(verdict).toHaveAttribute('data-outcome', report.verdict.outcome);
  expect(report.srm.mismatch).toBe(false);
  const armRows = page.getByTestId('campaign-report-arm');
  await expect(armRows).toHaveCount(3);
  for (const arm of report.arms) {
    await expect(armRows.and(page.locator(`[data-name="${arm.name}"]`))).toHaveAttribute('data-recipients', String(arm.recipients));
  }
  expect(report.arms.find((a) => a.name === 'holdout')?.recipients).toBe(holdout);
  await expect(page.getByTestId('campaign-report-comparison')).toHaveCount(2);
  await shot(page, '308-campaign-report', verdict);
  await shot(page, '309-campaign-report-charts', page.getByTestId('campaign-report-rate-chart'));
  expect(pageErrors).toEqual([]);
});
