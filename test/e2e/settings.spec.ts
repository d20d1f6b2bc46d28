import { expect, snap, test } from './fixtures';

test('the workspace currency chosen in Settings is used on the dashboard and by the CLI', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  await page.getByTestId('demo-generate').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('kpi-revenue')).toContainText('€');

  // The chart's tooltip gives a month's figures.
  const chart = page.getByTestId('revenue-chart');
  const box = await chart.boundingBox();
  expect(box).not.toBeNull();
  if (box) await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.55);
  await expect(chart.getByText('Buying customers')).toBeVisible();
  await snap(page, '60-dashboard-tooltip-light');

  await page.keyboard.press('Alt+Digit9');
  const currency = page.getByTestId('currency-select');
  await expect(currency).toHaveValue('EUR · Euro');
  await currency.click();
  await page.keyboard.type('dollar');
  await snap(page, '61-settings-currency-search-light');
  await page.getByRole('option', { name: 'USD · US Dollar' }).click();
  await expect(currency).toHaveValue('USD · US Dollar');
  await expect(page.getByText('Currency set to USD.')).toBeVisible();

  await page.keyboard.press('Alt+Digit1');
  await expect(page.getByTestId('kpi-revenue')).toContainText('$');
  await expect(page.getByText('Sales per calendar month, in USD.', { exact: false })).toBeVisible();
  await snap(page, '62-dashboard-usd-light');
  expect((await host.stats()).currency).toBe('USD');

  expect(pageErrors).toEqual([]);
});
