import type { Locator, Page } from '@playwright/test';
import { expect, gridCell, snap, test } from './fixtures';

/** A percentage as the explorer shows it ("42.5%") back as a number of percent. */
const percentIn = async (cell: Locator): Promise<number> => Number((await cell.innerText()).replace(/[^\d.]/g, ''));

async function loadDemoShop(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('demo-generate').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 60_000 });
}

/** The little of the page's `document` this file uses (it is type-checked without the DOM library). */
type PageDocument = { querySelector: (selector: string) => { getAttribute: (name: string) => string | null } | null };

/** Starts a churn training from the Train panel and waits for it to end; returns the live panel. */
async function trainChurn(page: Page, screenshot?: string): Promise<Locator> {
  await page.getByTestId('train-kind').getByText('Churn', { exact: true }).click();
  await page.getByTestId('train-start').click();
  const live = page.getByTestId('live-training');
  await expect(live).toBeVisible();
  // The loss curve is drawn from the job's progress events: at least one epoch arrives before the job ends.
  // Checked every animation frame: a short training may end within a normal poll interval.
  await page.waitForFunction(
    () => Number((globalThis as unknown as { document: PageDocument }).document.querySelector('[data-testid="live-training"]')?.getAttribute('data-points')) > 0,
    null,
    { timeout: 120_000, polling: 'raf' },
  );
  if (screenshot) {
    // The chart while it runs, if it still runs: training got fast enough to end before the canvas is drawn.
    const canvas = live.getByTestId('live-loss').locator('canvas');
    await expect.poll(async () => (await canvas.isVisible()) || (await live.getAttribute('data-status')) !== 'running', { timeout: 15_000 }).toBe(true);
    if (await canvas.isVisible()) await snap(page, screenshot);
  }
  await expect(live).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  await expect(live.getByTestId('live-training-result')).toBeVisible();
  return live;
}

/** Opens a section from the sidebar (its Alt+digit shortcut moves when sections are added). */
const openSection = (page: Page, name: 'Models' | 'Customers'): Promise<void> =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }).click();

const versionRow = (page: Page, version: number): Locator => page.getByTestId('model-version').and(page.locator(`[data-version="${version}"]`));

test('the model lab: train a churn model live, read its card, use its scores, then roll back a version', async ({ page, host, pageErrors }) => {
  test.setTimeout(480_000);
  await loadDemoShop(page, host.url);

  // An empty lab teaches what a churn model is for, and the data is enough to train one.
  await openSection(page, 'Models');
  await expect(page.getByTestId('models-empty')).toBeVisible();
  await expect(page.getByTestId('train-not-enough')).toHaveCount(0);
  await expect(page.getByTestId('train-start')).toBeEnabled();
  await expect(page.getByTestId('models-empty').getByTestId('tf-backend')).toBeVisible();
  await snap(page, '120-model-lab-empty-light');

  // Version 1, watched live.
  await trainChurn(page, '121-model-lab-training-light');
  await expect(page.getByTestId('model-version')).toHaveCount(1);
  await expect(versionRow(page, 1)).toHaveAttribute('data-active', 'true');

  // The card: AUC better than guessing with its interval and folds, the backend, and the three charts.
  const card = page.getByTestId('model-card');
  await expect(card).toHaveAttribute('data-version', '1');
  const auc = Number(await card.getByTestId('card-auc').innerText());
  expect(auc).toBeGreaterThan(0.5);
  expect(auc).toBeLessThanOrEqual(1);
  await expect(card.getByTestId('card-auc-ci')).toHaveText(/^0\.\d{3} – [01]\.\d{3}$/);
  await expect(card.getByTestId('card-auc-folds')).toHaveText(/^(0\.\d{3}|1\.000)( · (0\.\d{3}|1\.000))+$/);
  await expect(card.getByTestId('card-backend').getByTestId('tf-backend')).toBeVisible();
  for (const chart of ['card-lift', 'card-calibration', 'card-importance', 'card-loss']) {
    await expect(card.getByTestId(chart).locator('canvas')).toBeVisible();
  }
  await expect(card.getByTestId('card-features')).toBeVisible();
  await snap(page, '122-model-lab-trained-light');
  await card.getByTestId('card-quality').scrollIntoViewIfNeeded();
  await snap(page, '123-model-lab-card-light');
  await card.getByTestId('card-importance').scrollIntoViewIfNeeded();
  await snap(page, '124-model-lab-card-charts-light');

  // The explorer: Churn risk is a column to choose, shown in percent, sortable and filterable in percent.
  await openSection(page, 'Customers');
  const grid = page.getByTestId('explorer-grid');
  await expect(gridCell(grid, 0, 'customerId')).toBeVisible();
  await expect(page.locator('.ag-header-cell[col-id="churnRisk"]')).toBeHidden();
  await page.getByTestId('explorer-columns').click();
  await page.getByTestId('explorer-column-churnRisk').click();
  // Room for it at 1280 px: the masked e-mail says little here.
  await page.getByTestId('explorer-column-email').click();
  await page.keyboard.press('Escape');
  const header = page.locator('.ag-header-cell[col-id="churnRisk"]');
  await expect(header).toBeVisible();
  await expect(gridCell(grid, 0, 'churnRisk')).toHaveText(/^\d{1,3}(\.\d)?%$/);
  await header.locator('.ag-header-cell-label').click();
  await header.locator('.ag-header-cell-label').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => (await percentIn(gridCell(grid, 0, 'churnRisk'))) >= (await percentIn(gridCell(grid, 1, 'churnRisk')))).toBe(true);
  const top = await percentIn(gridCell(grid, 0, 'churnRisk'));
  const threshold = Math.max(1, Math.floor(top / 2));
  await header.locator('.ag-header-cell-filter-button').click();
  const popup = page.locator('.ag-filter').first();
  await popup.locator('.ag-picker-field-wrapper').first().click();
  await page.locator('.ag-list-item').getByText('Greater than or equal to', { exact: true }).click();
  await popup.locator('input').first().fill(String(threshold));
  await expect(page.getByTestId('explorer-active-filters')).toContainText(`Churn risk ≥ ${threshold}%`);
  await page.keyboard.press('Escape');
  // The top customer's risk passes a threshold of half of it, so the filtered grid has rows: the first two exist
  // and each shows a risk between the threshold and the top.
  await expect(page.getByTestId('explorer-total')).toContainText('match');
  const matching = Number(await page.getByTestId('explorer-total').getAttribute('data-total'));
  expect(matching).toBeGreaterThanOrEqual(2);
  for (const row of [0, 1]) {
    const cell = gridCell(grid, row, 'churnRisk');
    await expect(cell).toHaveText(/^\d{1,3}(\.\d)?%$/);
    const risk = await percentIn(cell);
    expect(risk).toBeGreaterThanOrEqual(threshold);
    expect(risk).toBeLessThanOrEqual(top);
  }
  await snap(page, '125-explorer-churn-risk-light');

  // The customer 360 says why: reasons in plain words, each raising or lowering the risk.
  await gridCell(grid, 0, 'customerId').click();
  const predictions = page.getByTestId('customer-360-predictions');
  await expect(predictions).toBeVisible();
  await expect(predictions.getByTestId('customer-360-churn-risk')).toContainText('%');
  await expect(predictions.getByTestId('customer-360-churn-risk')).toContainText('no order in');
  const reasons = predictions.getByTestId('customer-360-reason');
  expect(await reasons.count()).toBeGreaterThan(0);
  expect((await reasons.first().innerText()).trim().length).toBeGreaterThan(3);
  await expect(reasons.first()).toHaveAttribute('data-direction', /^(raises|lowers)$/);
  await predictions.scrollIntoViewIfNeeded();
  await snap(page, '126-customer-360-predictions-light');
  await page.keyboard.press('Escape');

  // Version 2, then roll back to version 1: the active badge moves and customers are re-scored.
  await openSection(page, 'Models');
  await trainChurn(page);
  await expect(page.getByTestId('model-version')).toHaveCount(2);
  await expect(versionRow(page, 2)).toHaveAttribute('data-active', 'true');
  await expect(versionRow(page, 1)).toHaveAttribute('data-active', 'false');
  await expect(page.getByTestId('model-card')).toHaveAttribute('data-version', '2');
  const rollBack = versionRow(page, 1).getByTestId('model-version-activate');
  await expect(rollBack).toHaveText('Roll back');
  await rollBack.click();
  const dialog = page.getByTestId('model-activate-dialog');
  await expect(dialog).toContainText('Roll back to Churn version 1?');
  await snap(page, '127-model-lab-roll-back-confirm-light');
  await page.keyboard.press('Enter');
  await expect(versionRow(page, 1)).toHaveAttribute('data-active', 'true', { timeout: 120_000 });
  await expect(versionRow(page, 2)).toHaveAttribute('data-active', 'false');
  await expect(page.getByTestId('model-version-active')).toHaveCount(1);
  // Keyboard: the rows are focusable and Enter shows a version's card.
  await versionRow(page, 1).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('model-card')).toHaveAttribute('data-version', '1');
  await expect(page.getByTestId('model-card').getByText('Active', { exact: true })).toBeVisible();
  await snap(page, '128-model-lab-rolled-back-light');

  // Dark theme: the lab's charts stay readable.
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.getByTestId('card-lift').scrollIntoViewIfNeeded();
  await snap(page, '129-model-lab-card-dark');

  expect(pageErrors).toEqual([]);
});

test('the model lab: a lifetime-value fit and a purchase model for one category', async ({ page, host, pageErrors }) => {
  test.setTimeout(300_000);
  await loadDemoShop(page, host.url);
  await openSection(page, 'Models');
  // Not the empty intro: the demo's reviews start a sentiment training in the background, and when it ends first the
  // lab lists that model instead (seen once in a full run). The version tabs below show that each model trained here
  // is the first of its kind.
  await expect(page.getByTestId('train-kind')).toBeVisible();

  // Lifetime value: BG/NBD over 12 months; the card names the parameters as the paper does.
  await page.getByTestId('train-kind').getByText('Lifetime value', { exact: true }).click();
  await expect(page.getByTestId('train-horizon-months')).toHaveValue('12');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('live-training')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  const card = page.getByTestId('model-card');
  await expect(card).toHaveAttribute('data-kind', 'clv');
  await expect(card).toContainText('Lifetime value (BG/NBD) · version 1');
  for (const param of ['r', 'alpha', 'a', 'b']) await expect(card.getByTestId(`card-param-${param}`)).toHaveText(/^\d/);
  await expect(card.getByTestId('card-mean-p-alive')).toHaveText(/^\d{1,3}(\.\d)?%$/);
  await expect(card.getByTestId('card-total-clv')).toHaveText(/^€[\d,]+$/);
  await card.scrollIntoViewIfNeeded();
  await snap(page, '130-model-lab-clv-card-light');
  // Validated on a holdout: the tracking and conditional-expectation charts with the holdout's totals.
  const tracking = card.getByTestId('card-clv-tracking');
  await expect(tracking).toContainText(/repeat purchases happened, the model predicted \d/);
  await expect(card.getByTestId('card-clv-conditional').locator('canvas, svg').first()).toBeVisible();
  await tracking.scrollIntoViewIfNeeded();
  await snap(page, '130b-model-lab-clv-validation-light');

  // Purchase: the category comes from the workspace's orders.
  await page.getByTestId('train-kind').getByText('Purchase', { exact: true }).click();
  await expect(page.getByTestId('train-start')).toBeDisabled();
  await page.getByTestId('train-category').click();
  await page.getByRole('option').first().click();
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('live-training')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  await expect(page.getByTestId('model-card')).toHaveAttribute('data-kind', 'purchase');
  await expect(page.getByTestId('versions-tab-purchase')).toHaveText('Purchase (1)');
  await expect(page.getByTestId('versions-tab-clv')).toHaveText('Lifetime value (1)');
  await expect(page.getByTestId('model-card').getByTestId('card-lift').locator('canvas')).toBeVisible();
  await snap(page, '131-model-lab-purchase-light');

  // The 360 now has P(alive), expected orders, CLV and the purchase chance of that category.
  await openSection(page, 'Customers');
  const grid = page.getByTestId('explorer-grid');
  await gridCell(grid, 0, 'customerId').click();
  const predictions = page.getByTestId('customer-360-predictions');
  await expect(predictions.getByTestId('customer-360-p-alive')).toContainText('%');
  await expect(predictions.getByTestId('customer-360-clv')).toContainText('€');
  await expect(predictions.getByTestId('customer-360-purchase')).toBeVisible();
  await predictions.scrollIntoViewIfNeeded();
  await snap(page, '132-customer-360-clv-purchase-light');

  expect(pageErrors).toEqual([]);
});
