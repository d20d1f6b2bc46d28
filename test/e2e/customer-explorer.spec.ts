import type { Locator, Page } from '@playwright/test';
import { callApi, closeToasts, expect, gridCell, noJobRunning, snap, test } from './fixtures';

/** A number as the explorer shows it ("€1,234.50", "12") back as a number. */
const numberIn = async (cell: Locator): Promise<number> => Number((await cell.innerText()).replace(/[^\d.-]/g, ''));

async function loadDemoShop(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('demo-generate').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 60_000 });
  // The review analysis after the demo changes the data when it ends (the explorer counts again): let it finish.
  await noJobRunning(page);
}

/** Opens a column's filter from its header, picks an operator and types a value. */
async function filterColumn(page: Page, colId: string, option: string, value: string): Promise<void> {
  await page.locator(`.ag-header-cell[col-id="${colId}"] .ag-header-cell-filter-button`).click();
  const popup = page.locator('.ag-filter').first();
  await popup.locator('.ag-picker-field-wrapper').first().click();
  await page.locator('.ag-list-item').getByText(option, { exact: true }).click();
  await popup.locator('input').first().fill(value);
}

test('the explorer on a 2,000-customer shop: sort, filter, search, columns, views, the 360 and erase', async ({ page, host, pageErrors }) => {
  await loadDemoShop(page, host.url);
  const stats = await host.stats();

  await page.keyboard.press('Alt+Digit2');
  const grid = page.getByTestId('explorer-grid');
  const total = page.getByTestId('explorer-total');
  await expect(total).toHaveAttribute('data-total', String(stats.customers));
  await expect(total).toHaveText('2,000 customers');
  await expect(gridCell(grid, 0, 'customerId')).toBeVisible();
  // Masked identities carry a lock, money is in the workspace currency.
  await expect(gridCell(grid, 0, 'email')).toContainText('•••@');
  await expect(gridCell(grid, 0, 'revenue')).toHaveText(/^€[\d,]+\.\d\d$/);
  await snap(page, '85-explorer-demo-light');

  // Sorting is done by the engine: revenue, highest first.
  const revenueHeader = page.locator('.ag-header-cell[col-id="revenue"] .ag-header-cell-label');
  await revenueHeader.click();
  await revenueHeader.click();
  await expect(page.locator('.ag-header-cell[col-id="revenue"]')).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => (await numberIn(gridCell(grid, 0, 'revenue'))) >= (await numberIn(gridCell(grid, 1, 'revenue')))).toBe(true);
  const top = await numberIn(gridCell(grid, 0, 'revenue'));
  expect(top).toBeGreaterThanOrEqual(await numberIn(gridCell(grid, 5, 'revenue')));

  // Ctrl+Down jumps to the last customer: only the blocks around it are fetched, not the whole table.
  await gridCell(grid, 0, 'orders').focus();
  await page.keyboard.press('Control+ArrowDown');
  await expect(gridCell(grid, stats.customers - 1, 'customerId')).toBeVisible();
  expect(await grid.locator('.ag-row [col-id="customerId"]').count()).toBeLessThan(200);
  await page.keyboard.press('Control+ArrowUp');
  await expect(gridCell(grid, 0, 'customerId')).toBeVisible();

  // A broad quick search: a term under three characters is counted up to 1,000 ("1,000+"), Count all gives the number
  // (every demo e-mail holds an "e").
  await page.getByTestId('explorer-search').fill('e');
  await expect(total).toHaveAttribute('data-capped', 'true');
  await expect(total).toHaveText('1,000+ customers match');
  await expect(gridCell(grid, 0, 'customerId')).toBeVisible();
  await snap(page, '85b-explorer-search-capped-light');
  await page.getByTestId('explorer-count-all').click();
  await expect(total).toHaveAttribute('data-capped', 'false');
  await expect(total).toHaveAttribute('data-total', String(stats.customers));
  await expect(total).toHaveText(`${stats.customers.toLocaleString('en')} customers match`);
  await page.getByTestId('explorer-search').fill('');
  await expect(total).toHaveText(`${stats.customers.toLocaleString('en')} customers`);

  // A column filter, translated to the engine's filter: orders ≥ 3.
  await filterColumn(page, 'orders', 'Greater than or equal to', '3');
  await expect(page.getByTestId('explorer-active-filters')).toContainText('Orders ≥ 3');
  await page.keyboard.press('Escape');
  await expect(total).not.toHaveAttribute('data-total', String(stats.customers));
  const filtered = Number(await total.getAttribute('data-total'));
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(stats.customers);
  await expect(total).toContainText('customers match');
  for (const row of [0, 1, 2]) expect(await numberIn(gridCell(grid, row, 'orders'))).toBeGreaterThanOrEqual(3);
  await snap(page, '86-explorer-filtered-light');

  // One more column, then save the view.
  await page.getByTestId('explorer-columns').click();
  await page.getByTestId('explorer-column-city').click();
  await page.keyboard.press('Escape');
  await expect(page.locator('.ag-header-cell[col-id="city"]')).toBeVisible();
  await page.getByTestId('explorer-views').click();
  await page.getByTestId('explorer-view-save').click();
  await page.getByTestId('explorer-view-name').fill('Loyal buyers');
  await snap(page, '87-explorer-save-view-light');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('explorer-views')).toHaveText('View: Loyal buyers');

  // Clearing the filters leaves the view; applying it brings them back.
  await page.getByTestId('explorer-clear-filters').click();
  await expect(total).toHaveAttribute('data-total', String(stats.customers));
  await expect(page.getByTestId('explorer-views')).toHaveText('Views');
  await page.getByTestId('explorer-views').click();
  await snap(page, '88-explorer-views-light');
  await page.getByTestId('explorer-view').filter({ hasText: 'Loyal buyers' }).click();
  await expect(total).toHaveAttribute('data-total', String(filtered));
  await expect(page.getByTestId('explorer-active-filters')).toContainText('Orders ≥ 3');
  await expect(page.getByTestId('explorer-views')).toHaveText('View: Loyal buyers');

  // The quick search (debounced) narrows to one customer by id.
  const firstId = await gridCell(grid, 0, 'customerId').innerText();
  await page.getByTestId('explorer-search').fill(firstId);
  await expect(total).toHaveAttribute('data-total', '1');
  await expect(page.getByTestId('explorer-views')).toHaveText('Views');

  // Keyboard: Enter on a row opens the customer 360, Escape closes it.
  await gridCell(grid, 0, 'customerId').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('customer-360-body')).toBeHidden();
  await gridCell(grid, 0, 'orders').focus();
  await page.keyboard.press('Enter');
  const body = page.getByTestId('customer-360-body');
  await expect(body).toHaveAttribute('data-customer-id', firstId);
  await expect(body.getByTestId('timeline-event').first()).toBeVisible();
  await expect(body.getByTestId('customer-360-spend').locator('canvas')).toBeVisible();
  await snap(page, '89-customer-360-demo-light');

  // An export of this customer with real values, made earlier: the erase cannot clean it, so it offers to delete it.
  const { jobId } = await callApi<{ jobId: string }>(page, 'customers.export', { view: { quickSearch: firstId }, columns: ['customerId', 'email'], reveal: true });
  await expect.poll(async () => (await callApi<{ status: string }>(page, 'jobs.get', { jobId })).status).toBe('done');
  const exported = (await callApi<{ result: { fileName: string } }>(page, 'jobs.get', { jobId })).result.fileName;

  // Erase: the danger confirm names what goes; afterwards the grid and the CLI agree.
  await page.getByTestId('customer-360-erase').click();
  const erase = page.getByTestId('customer-360-erase-dialog');
  await expect(erase).toContainText(firstId);
  await expect(erase).toContainText('cannot be undone');
  await snap(page, '90-customer-360-erase-confirm-light');
  await page.getByTestId('customer-360-erase-dialog-confirm').click();
  await expect(page.getByTestId('customer-360-body')).toBeHidden();
  const leftovers = page.getByTestId('erase-leftovers-dialog');
  await expect(leftovers.getByTestId('erase-leftovers-files')).toHaveText(new RegExp(`exports/${exported}`));
  await closeToasts(page);
  await snap(page, '90b-erase-leftovers-light');
  await page.getByTestId('erase-leftovers-dialog-confirm').click();
  await expect(leftovers).toBeHidden();
  await expect(page.getByText(`Nothing of customer ${firstId} is left`)).toBeVisible();
  await expect(total).toHaveAttribute('data-total', '0');
  await expect(page.getByTestId('explorer-no-match')).toBeVisible();
  expect((await host.stats()).customers).toBe(stats.customers - 1);
  await page.getByTestId('explorer-search').fill('');
  await expect(total).toHaveAttribute('data-total', String(filtered - 1));

  // Dark theme: the grid, the toolbar and the 360 stay readable.
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await snap(page, '91-explorer-dark');
  await gridCell(grid, 0, 'customerId').click();
  await expect(page.getByTestId('customer-360-body')).toBeVisible();
  await expect(page.getByTestId('customer-360-spend').locator('canvas')).toBeVisible();
  await snap(page, '92-customer-360-dark');
  await page.keyboard.press('Escape');

  expect(pageErrors).toEqual([]);
});

test('data health lists checks with what to do, and each table’s facts', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  // An empty workspace says so, and says what to do.
  await page.keyboard.press('Alt+Digit8');
  await page.getByTestId('data-tab-health').click();
  // The report is a job: a worker starts first, which takes seconds on a busy machine.
  await expect(page.getByTestId('health-check').first()).toHaveAttribute('data-id', 'empty-workspace', { timeout: 60_000 });
  await page.getByTestId('data-tab-history').click();
  await expect(page.getByTestId('import-history-empty')).toBeVisible();
  await snap(page, '93-import-history-empty-light');

  await loadDemoShop(page, host.url);
  const stats = await host.stats();
  await page.keyboard.press('Alt+Digit8');
  await page.getByTestId('data-tab-health').click();
  await expect(page.getByTestId('health-checks')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('health-check').first()).toBeVisible();
  const customers = page.getByTestId('health-table').and(page.locator('[data-table="customers"]'));
  await expect(customers.getByTestId('health-table-rows')).toHaveText('2,000');
  const orders = page.getByTestId('health-table').and(page.locator('[data-table="orders"]'));
  await expect(orders.getByTestId('health-table-rows')).toHaveText(stats.orders.toLocaleString('en-GB'));
  // The report came from a customers.health job; checking again runs another and keeps the report on screen.
  await expect(page.getByTestId('data-health')).toHaveAttribute('data-status', 'done');
  const jobs = async (): Promise<Array<{ kind: string; status: string }>> => (await callApi<{ jobs: Array<{ kind: string; status: string }> }>(page, 'jobs.list', {})).jobs;
  const healthJobs = async (): Promise<number> => (await jobs()).filter((j) => j.kind === 'customers.health' && j.status === 'done').length;
  // Count the reports once nothing runs any more (a report made again after the review analysis would count too).
  await noJobRunning(page);
  await expect(page.getByTestId('data-health')).toHaveAttribute('data-status', 'done');
  const before = await healthJobs();
  await page.getByTestId('health-recheck').click();
  await expect.poll(healthJobs, { timeout: 60_000 }).toBe(before + 1);
  await expect(page.getByTestId('data-health')).toHaveAttribute('data-status', 'done');
  await expect(customers.getByTestId('health-table-rows')).toHaveText('2,000');
  await snap(page, '94-data-health-light');
  await page.getByTestId('health-tables').scrollIntoViewIfNeeded();
  await snap(page, '94-data-health-tables-light');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await snap(page, '95-data-health-dark');
  await page.getByTestId('data-tab-import').click();
  await snap(page, '96-import-choose-file-dark');

  expect(pageErrors).toEqual([]);
});
