import type { Locator, Page } from '@playwright/test';
import { expect, snap, test } from './fixtures';

async function loadDemoShop(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('demo-generate').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 60_000 });
}

const sumOf = async (locator: Locator, attribute: string): Promise<number> => {
  let sum = 0;
  for (const element of await locator.all()) sum += Number(await element.getAttribute(attribute));
  return sum;
};

test('insights on an empty workspace say how to get sales in', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
  await page.keyboard.press('Alt+Digit3');
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
  await expect(page.getByTestId('insights-empty')).toBeVisible();
  await expect(page.getByTestId('insights-empty-import')).toBeVisible();
  await expect(page.getByTestId('insights-empty-demo')).toBeVisible();
  await snap(page, '140-insights-empty-light');
  await page.getByTestId('insights-empty-import').click();
  await expect(page).toHaveURL(/#\/data$/);
  expect(pageErrors).toEqual([]);
});

test('insights on a demo shop: RFM grid and segments, cohorts, trends with forecast and backtest', async ({ page, host, pageErrors }) => {
  await loadDemoShop(page, host.url);
  const stats = await host.stats();

  // RFM: every demo customer has bought, so all are scored; the grid and the table both add up to them.
  await page.keyboard.press('Alt+Digit3');
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
  const rfm = page.getByTestId('rfm-tab');
  await expect(rfm).toHaveAttribute('data-customers', String(stats.customers));
  await expect(rfm.getByText(`${stats.customers.toLocaleString('en-GB')} customers with at least one sale order`)).toBeVisible();
  const cells = page.getByTestId('rfm-cell');
  await expect(cells).toHaveCount(25);
  expect(await sumOf(cells, 'data-customers')).toBe(stats.customers);
  const rows = page.getByTestId('rfm-segment-row');
  await expect(rows).toHaveCount(11);
  expect(await sumOf(rows, 'data-customers')).toBe(stats.customers);
  const champions = rows.and(page.locator('[data-segment="champions"]'));
  expect(Number(await champions.getAttribute('data-customers'))).toBeGreaterThan(0);
  await expect(champions).toContainText('€');
  await snap(page, '141-insights-rfm-light');

  // Hover shows a cell's figures; choosing it highlights its segment.
  const topRight = cells.and(page.locator('[data-r="5"][data-fm="5"]'));
  await topRight.hover();
  await expect(page.getByRole('tooltip')).toContainText('Champions');
  await snap(page, '142-insights-rfm-tooltip-light');
  await topRight.click();
  await expect(topRight).toHaveAttribute('aria-pressed', 'true');
  await expect(cells.and(page.locator('[data-r="1"][data-fm="1"]'))).toHaveAttribute('data-dimmed', 'true');
  // Keyboard: the cells are buttons; focus shows the same figures, Enter chooses.
  await page.mouse.move(0, 0);
  await page.keyboard.press('Shift+Tab');
  const left = cells.and(page.locator('[data-r="5"][data-fm="4"]'));
  await expect(left).toBeFocused();
  await expect(page.getByRole('tooltip').filter({ hasText: 'R 5, FM 4' })).toBeVisible();
  // Enter on a cell of the chosen segment (Champions again) clears the choice.
  await page.keyboard.press('Enter');
  await expect(left).toHaveAttribute('aria-pressed', 'false');
  await expect(cells.and(page.locator('[data-r="1"][data-fm="1"]'))).toHaveAttribute('data-dimmed', 'false');

  // Cohorts: one row per month of the demo's three years, retention by default, then revenue per customer.
  await page.getByTestId('insights-tab-cohorts').click();
  await expect(page).toHaveURL(/#\/insights\/cohorts$/);
  const heatmap = page.getByTestId('cohort-heatmap');
  await expect(heatmap).toHaveAttribute('data-metric', 'retention');
  expect(Number(await heatmap.getAttribute('data-cohorts'))).toBeGreaterThanOrEqual(36);
  await expect(page.getByTestId('cohort-chart').locator('canvas').first()).toBeVisible();
  const chartBox = await page.getByTestId('cohort-chart').boundingBox();
  expect(chartBox).not.toBeNull();
  if (chartBox) await page.mouse.move(chartBox.x + chartBox.width * 0.35, chartBox.y + 90);
  await expect(page.getByTestId('cohort-chart').getByText('Buying customers')).toBeVisible();
  await snap(page, '143-insights-cohorts-light');
  await page.getByTestId('cohort-metric').getByText('Revenue per customer').click();
  await expect(heatmap).toHaveAttribute('data-metric', 'revenuePerCustomer');
  await snap(page, '144-insights-cohorts-revenue-light');

  // Trends: weekly revenue with a Holt-Winters forecast and its backtest against seasonal naive.
  await page.getByTestId('insights-tab-trends').click();
  const panel = page.getByTestId('trend-panel');
  await expect(panel).toHaveAttribute('data-grain', 'week');
  expect(Number(await panel.getAttribute('data-periods'))).toBeGreaterThan(150);
  await expect(page.getByTestId('forecast-model')).toHaveAttribute('data-kind', 'holt-winters');
  await expect(page.getByTestId('forecast-model')).toContainText('52 weeks');
  const backtestRows = page.getByTestId('backtest-row');
  await expect(backtestRows).toHaveCount(4);
  const mae = backtestRows.and(page.locator('[data-measure="mae"]'));
  expect(Number(await mae.getAttribute('data-ours'))).toBeGreaterThan(0);
  expect(Number(await mae.getAttribute('data-baseline'))).toBeGreaterThan(0);
  await expect(mae).toContainText('€');
  await expect(page.getByTestId('backtest')).toContainText('Same week last year');
  await snap(page, '145-insights-trends-light');
  await page.getByTestId('backtest').scrollIntoViewIfNeeded();
  await snap(page, '146-insights-trends-backtest-light');
  await page.getByTestId('trend-chart').scrollIntoViewIfNeeded();
  const trendBox = await page.getByTestId('trend-chart').boundingBox();
  expect(trendBox).not.toBeNull();
  if (trendBox) await page.mouse.move(trendBox.x + trendBox.width - 40, trendBox.y + trendBox.height / 2);
  await expect(page.getByTestId('trend-chart').getByText('95 % interval')).toBeVisible();
  await snap(page, '147-insights-trends-tooltip-light');

  // Monthly orders: a seasonal model of 12 months; active customers have no forecast, and say so.
  await page.getByTestId('trend-grain').getByText('Monthly').click();
  await expect(panel).toHaveAttribute('data-grain', 'month');
  await page.getByTestId('trend-metric').getByText('Orders', { exact: true }).click();
  await expect(page.getByTestId('forecast-model')).toContainText('12 months');
  await snap(page, '148-insights-trends-monthly-orders-light');
  await page.getByTestId('trend-metric').getByText('Active customers').click();
  await expect(page.getByTestId('trend-no-forecast')).toBeVisible();

  // Dark theme.
  await page.getByTestId('trend-metric').getByText('Revenue', { exact: true }).click();
  await page.getByTestId('trend-grain').getByText('Weekly').click();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expect(page.getByTestId('forecast-model')).toHaveAttribute('data-kind', 'holt-winters');
  await snap(page, '149-insights-trends-dark');
  await page.getByTestId('insights-tab-rfm').click();
  await expect(page.getByTestId('rfm-grid')).toBeVisible();
  await snap(page, '150-insights-rfm-dark');
  await page.getByTestId('insights-tab-cohorts').click();
  await expect(page.getByTestId('cohort-chart').locator('canvas').first()).toBeVisible();
  await snap(page, '151-insights-cohorts-dark');

  expect(pageErrors).toEqual([]);
});
