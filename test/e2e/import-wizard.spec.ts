import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, gridCell, rowIndexOf, snap, test, writeCustomersFile, writeLargeOrdersFile, writeMessyOrdersFile } from './fixtures';

let dir: string;
test.beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'localyst-import-'));
});
test.afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Opens Data → Import and chooses the file through the file input (which uploads it to the host). */
async function chooseFile(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Alt+Digit8');
  await page.getByTestId('data-tab-import').click();
  await page.getByTestId('import-file-input').setInputFiles(file);
  await expect(page.getByTestId('import-detected')).toBeVisible();
}

/** From the detected file to the validation report: mapping, preview, then the whole-file check. */
async function checkWholeFile(page: Page): Promise<void> {
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-validation-report')).toBeVisible({ timeout: 30_000 });
}

test('a messy export: detected, mapped, previewed, checked, rejected, then imported without its bad row', async ({ page, host, pageErrors }) => {
  const file = await writeMessyOrdersFile(dir);
  await page.goto(host.url);
  await expect(page.getByTestId('welcome')).toBeVisible();

  // The empty Data section teaches what can be imported.
  await page.keyboard.press('Alt+Digit8');
  await expect(page.getByTestId('import-drop-zone')).toBeVisible();
  await snap(page, '70-import-choose-file-light');

  // 1. The file: encoding, delimiter, decimal comma and date format are detected and shown.
  await chooseFile(page, file);
  await expect(page.getByTestId('import-file-name')).toContainText('bestellingen.csv');
  await expect(page.getByTestId('import-encoding')).toHaveAttribute('data-value', 'windows-1252');
  await expect(page.getByTestId('import-encoding')).toHaveValue(/Windows-1252/);
  await expect(page.getByTestId('import-delimiter')).toHaveAttribute('data-value', ';');
  await expect(page.getByTestId('import-decimal')).toHaveAttribute('data-value', 'comma');
  await expect(page.getByTestId('import-date-format')).toHaveAttribute('data-value', 'dd/MM/yyyy HH:mm');
  await expect(page.getByTestId('import-kind')).toHaveValue('Orders (line items)');
  // The accents were decoded, and the quoted semicolon stayed inside its value.
  await expect(page.getByTestId('import-raw-rows')).toContainText('Geurkaars "Crème brûlée"; groot');
  await expect(page.getByTestId('import-raw-rows')).toContainText('België');
  await snap(page, '71-import-detected-light');

  // 2. The mapping was suggested: nothing to do by hand.
  await page.getByTestId('import-next').click();
  const mapped = async (column: string): Promise<string | null> =>
    page.getByTestId('import-mapping-row').and(page.locator(`[data-column="${column}"]`)).getAttribute('data-field');
  expect(await mapped('Order No')).toBe('orderId');
  expect(await mapped('Order Date')).toBe('orderDate');
  expect(await mapped('Customer')).toBe('customerId');
  expect(await mapped('E-mail')).toBe('email');
  expect(await mapped('Unit Price')).toBe('unitPrice');
  expect(await mapped('Qty')).toBe('quantity');
  await expect(page.getByTestId('import-required-orderId')).toHaveAttribute('data-met', 'true');
  await expect(page.getByTestId('import-required-orderDate')).toHaveAttribute('data-met', 'true');
  await expect(page.getByTestId('import-next')).toBeEnabled();
  await snap(page, '72-import-mapping-light');
  // Personal data can be pseudonymised; only the kinds the file has can be chosen (it has e-mails, no phones).
  await expect(page.getByTestId('import-pseudonymize-email')).toBeEnabled();
  await expect(page.getByTestId('import-pseudonymize-phone')).toBeDisabled();
  await page.getByTestId('import-pseudonymize-email').scrollIntoViewIfNeeded();
  await snap(page, '72-import-mapping-privacy-light');

  // 3. The preview shows values typed as stored (12.5, not "12,50") and marks the impossible date.
  await page.getByTestId('import-next').click();
  const grid = page.getByTestId('import-preview-grid');
  await expect(grid.locator('.ag-row[row-id="2"] [col-id="unitPrice"]')).toHaveText('12.5');
  await expect(grid.locator('.ag-row[row-id="4"] [col-id="unitPrice"]')).toHaveText('1,234');
  await expect(grid.locator('.ag-row[row-id="2"] [col-id="orderDate"]')).toHaveText('3 Feb 2024, 10:15');
  await expect(grid.locator('.ag-row[row-id="5"] [col-id="_status"]')).toContainText('bad-date');
  const previewError = page.getByTestId('import-preview-errors').getByTestId('row-error');
  await expect(previewError).toHaveCount(1);
  await expect(previewError).toHaveAttribute('data-row', '5');
  await snap(page, '73-import-preview-light');

  // 4. The whole-file check: nothing written yet, the bad row listed with its row, column and code.
  await page.getByTestId('import-check').click();
  const report = page.getByTestId('import-validation-report');
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report.getByTestId('count-rows')).toHaveAttribute('data-value', '6');
  await expect(report.getByTestId('count-inserted')).toHaveAttribute('data-value', '5');
  await expect(report.getByTestId('count-updated')).toHaveAttribute('data-value', '0');
  await expect(report.getByTestId('count-unchanged')).toHaveAttribute('data-value', '0');
  await expect(report.getByTestId('count-rejected')).toHaveAttribute('data-value', '1');
  const bad = report.getByTestId('row-error');
  await expect(bad).toHaveCount(1);
  await expect(bad).toHaveAttribute('data-row', '5');
  await expect(bad).toHaveAttribute('data-code', 'bad-date');
  await expect(bad).toContainText('Order Date');
  await expect(report.getByTestId('row-error-total')).toHaveAttribute('data-count', '1');
  expect((await host.stats()).orders).toBe(0);
  await snap(page, '74-import-validation-light');

  // 5a. Reject the file: nothing is imported.
  await page.getByTestId('import-reject').click();
  const outcome = page.getByTestId('import-outcome');
  await expect(outcome).toHaveAttribute('data-outcome', 'rejected', { timeout: 30_000 });
  await expect(page.getByTestId('import-outcome-title')).toHaveText('Rejected: 1 row has problems');
  await snap(page, '75-import-rejected-light');
  const afterReject = await host.stats();
  expect(afterReject.orders).toBe(0);
  expect(afterReject.customers).toBe(0);

  // 5b. Again, skipping the bad row: the rest is imported.
  await page.getByTestId('import-outcome-skip').click();
  await expect(outcome).toHaveAttribute('data-outcome', 'imported', { timeout: 30_000 });
  await expect(page.getByTestId('import-outcome-title')).toHaveText('Imported 5 new rows, skipped 1 bad row');
  await expect(outcome.getByTestId('count-inserted')).toHaveAttribute('data-value', '5');
  await expect(outcome.getByTestId('count-rejected')).toHaveAttribute('data-value', '1');
  const stats = await host.stats();
  expect(stats.orders).toBe(4);
  expect(stats.customers).toBe(2);
  expect(stats.revenue).toBeCloseTo(1285.7, 2);
  await snap(page, '76-import-done-light');

  // A second file, the customers export, adds names, e-mails and phones to the same customers.
  await page.getByTestId('import-another').click();
  await chooseFile(page, await writeCustomersFile(dir));
  await expect(page.getByTestId('import-kind')).toHaveValue('Customers');
  await checkWholeFile(page);
  await expect(page.getByTestId('import-validation-report').getByTestId('count-updated')).toHaveAttribute('data-value', '2');
  await page.getByTestId('import-run').click();
  await expect(outcome).toHaveAttribute('data-outcome', 'imported', { timeout: 30_000 });
  await expect(page.getByTestId('import-outcome-title')).toHaveText('Updated 2 rows');
  expect((await host.stats()).customers).toBe(2);

  // The explorer shows the imported customers; its total matches the CLI.
  await page.getByTestId('import-open-explorer').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  const explorer = page.getByTestId('explorer-grid');
  await expect(page.getByTestId('explorer-total')).toHaveAttribute('data-total', String(stats.customers));
  await expect(explorer.locator('.ag-row [col-id="customerId"]')).toHaveCount(stats.customers);
  // Identities are masked, numbers formatted with the workspace currency.
  const k17 = await rowIndexOf(explorer, 'K-17');
  await expect(gridCell(explorer, k17, 'name')).toHaveText('A. M•••');
  await expect(gridCell(explorer, k17, 'email')).toHaveText('a•••@e•••.de');
  await expect(gridCell(explorer, k17, 'revenue')).toHaveText('€29.95');
  await expect(gridCell(explorer, k17, 'orders')).toHaveText('1');
  await snap(page, '80-explorer-imported-light');

  // The customer 360: key figures, the timeline; reveal the identity (confirmed, audited).
  await gridCell(explorer, k17, 'customerId').click();
  const drawer = page.getByTestId('customer-360-body');
  await expect(drawer).toHaveAttribute('data-customer-id', 'K-17');
  await expect(page.getByTestId('customer-360-orders')).toContainText('1');
  await expect(page.getByTestId('customer-360-revenue')).toContainText('€29.95');
  await expect(drawer.getByTestId('timeline-event')).toHaveCount(1);
  await expect(page.getByTestId('customer-360-email')).toHaveText('a•••@e•••.de');
  await snap(page, '81-customer-360-light');
  await page.getByTestId('customer-360-reveal').click();
  await expect(page.getByTestId('customer-360-reveal-dialog')).toContainText('audit log');
  await snap(page, '82-customer-360-reveal-confirm-light');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer-360-email')).toHaveText('anna.mueller@example.de');
  await expect(page.getByTestId('customer-360-name')).toHaveText('Anna Müller');
  await expect(page.getByTestId('customer-360-phone')).toHaveText('+49 30 1234567');
  await expect(page.getByTestId('customer-360-identity')).toHaveAttribute('data-revealed', 'true');
  await snap(page, '83-customer-360-revealed-light');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('customer-360-body')).toBeHidden();

  // Export the current view; the browser mode offers the file for download.
  await page.getByTestId('explorer-export-open').click();
  await page.getByTestId('explorer-export-start').click();
  await expect(page.getByTestId('explorer-export-done')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('explorer-export-done')).toContainText('Exported 2 customers');
  await expect(page.getByTestId('explorer-export-path')).toContainText(path.join(host.workspace, 'exports'));
  await snap(page, '84-explorer-export-done-light');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('explorer-export-download').click();
  const download = await downloading;
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.split(/\r?\n/).filter(Boolean)).toHaveLength(1 + stats.customers);
  expect(csv).toContain('K-17');
  expect(csv).not.toContain('anna.mueller@example.de');

  expect(pageErrors).toEqual([]);
});

test('importing the same file again changes nothing, and Undo in the history takes the import back', async ({ page, host, pageErrors }) => {
  const file = await writeMessyOrdersFile(dir);
  await page.goto(host.url);
  await expect(page.getByTestId('welcome')).toBeVisible();

  // First import, saving its mapping for next time and skipping the bad row.
  await chooseFile(page, file);
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-save-mapping').check();
  await page.getByTestId('import-save-mapping-name').fill('Bestellingen export');
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-check').click();
  await page.getByTestId('import-skip').click();
  await expect(page.getByTestId('import-outcome')).toHaveAttribute('data-outcome', 'imported', { timeout: 30_000 });
  expect((await host.stats()).orders).toBe(4);

  // The same file again: its saved mapping is used, the check says it was imported, and nothing changes.
  await page.getByTestId('import-another').click();
  await chooseFile(page, file);
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-mapping-source')).toContainText('Bestellingen export');
  await page.getByTestId('import-back').click();
  await checkWholeFile(page);
  await expect(page.getByTestId('import-already-imported')).toBeVisible();
  await expect(page.getByTestId('import-validation-report').getByTestId('count-unchanged')).toHaveAttribute('data-value', '5');
  await page.getByTestId('import-skip').click();
  await expect(page.getByTestId('import-outcome')).toHaveAttribute('data-outcome', 'unchanged', { timeout: 30_000 });
  await expect(page.getByTestId('import-outcome-title')).toHaveText('This file was already imported — nothing changed');
  await snap(page, '77-import-again-unchanged-light');
  expect((await host.stats()).orders).toBe(4);

  // The history lists the one import; Undo (confirmed) removes it.
  await page.getByTestId('import-see-history').click();
  const rows = page.getByTestId('import-history-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-status', 'done');
  await expect(rows.first()).toContainText('bestellingen.csv');
  await expect(rows.first().getByTestId('history-inserted')).toHaveText('5');
  await expect(page.getByTestId('saved-mapping-row')).toHaveCount(1);
  await expect(page.getByTestId('saved-mapping-row')).toContainText('Bestellingen export');
  await snap(page, '78-import-history-light');
  await rows.first().getByTestId('import-undo').click();
  const dialog = page.getByTestId('import-undo-dialog');
  await expect(dialog).toContainText('bestellingen.csv');
  await snap(page, '79-import-undo-confirm-light');
  await page.getByTestId('import-undo-dialog-confirm').click();
  await expect(rows.first()).toHaveAttribute('data-status', 'undone');
  await expect(rows.first().getByTestId('import-undo')).toHaveCount(0);
  const stats = await host.stats();
  expect(stats.orders).toBe(0);
  expect(stats.customers).toBe(0);
  await snap(page, '79-import-undone-history-light');

  // A saved mapping can be deleted (confirmed).
  await page.getByRole('button', { name: 'Delete the mapping Bestellingen export' }).click();
  await page.getByTestId('delete-mapping-dialog-confirm').click();
  await expect(page.getByTestId('saved-mappings-empty')).toBeVisible();

  // Nothing left to explore: the Customers section says how to get customers in.
  await page.keyboard.press('Alt+Digit2');
  await expect(page.getByTestId('customers-empty')).toBeVisible();

  expect(pageErrors).toEqual([]);
});

test('a large file shows the check’s progress (rows per second, time left) and can be cancelled', async ({ page, host, pageErrors }) => {
  // Large enough that the check is still running when Cancel is clicked (300,000 rows finished first once the reader got faster).
  const file = await writeLargeOrdersFile(dir, 1_000_000);
  await page.goto(host.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
  await chooseFile(page, file);
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByTestId('import-preview-summary')).toHaveText('Every row shown can be imported');
  await page.getByTestId('import-check').click();

  const progress = page.getByTestId('import-job-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toContainText(/rows\/s/);
  await expect(progress).toContainText(/left/);
  await snap(page, '97-import-checking-light');
  await progress.getByTestId('job-cancel').click();
  await expect(page.getByTestId('import-job-cancelled')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('import-job-cancelled')).toContainText('Nothing was written');
  await snap(page, '98-import-check-cancelled-light');
  expect((await host.stats()).orders).toBe(0);

  expect(pageErrors).toEqual([]);
});
