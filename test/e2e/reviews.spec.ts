import { expect, gridCell, shot, snap, test } from './fixtures';

test('reviews on an empty workspace say how to get reviews in', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
  await page.getByTestId('nav-reviews').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible();
  await expect(page.getByTestId('reviews-empty')).toBeVisible();
  await snap(page, '300-reviews-empty-light');
  expect(pageErrors).toEqual([]);
});

test('demo shop → reviews view with themes → a theme’s quotes → the reviewer’s 360 with sentiment', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  await page.getByTestId('demo-generate').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 60_000 });

  // The demo's reviews are analysed by themselves after the shop is made; Alt+0 opens the reviews view.
  await page.keyboard.press('Alt+Digit0');
  await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible();
  const themes = page.getByTestId('reviews-theme');
  await expect(themes.first()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('reviews-over-time-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('reviews-themes-chart').locator('canvas')).toBeVisible();
  const counts = page.getByTestId('reviews-counts');
  await expect(counts.getByTestId('reviews-count-positive')).toBeVisible();
  expect(await themes.count()).toBeGreaterThanOrEqual(10);
  await shot(page, '301-reviews-demo-light');

  // Only the negative reviews: the themes are complaints now.
  await page.getByTestId('reviews-filter-sentiment').getByText('Negative').click();
  await expect(themes.first()).toHaveAttribute('data-label', 'negative');
  const phrase = (await themes.first().getAttribute('data-phrase')) ?? '';
  await shot(page, '302-reviews-negative-light', page.getByTestId('reviews-themes'));

  // A theme's quotes from the keyboard: focus it, Enter.
  await themes.first().focus();
  await page.keyboard.press('Enter');
  const quotes = page.getByTestId('reviews-quotes');
  await expect(quotes.getByRole('heading', { name: `“${phrase}”` })).toBeVisible();
  const quote = quotes.getByTestId('reviews-quote');
  await expect(quote.first()).toBeVisible();
  await expect(quote.first()).toContainText(phrase.split(' ')[0] ?? '', { ignoreCase: true });
  await shot(page, '303-reviews-quotes-light', page.getByTestId('reviews-themes'));
  const customerId = (await quote.first().locator('p').last().innerText()).split(' · ')[1] ?? '';
  expect(customerId).not.toBe('');
  await page.keyboard.press('Escape');
  await expect(quotes).toBeHidden();

  // The reviewer's 360 shows each review's sentiment.
  await page.getByTestId('nav-customers').click();
  const grid = page.getByTestId('explorer-grid');
  await page.getByTestId('explorer-search').fill(customerId);
  await expect(page.getByTestId('explorer-total')).toHaveAttribute('data-total', '1');
  await gridCell(grid, 0, 'orders').focus();
  await page.keyboard.press('Enter');
  const body = page.getByTestId('customer-360-body');
  await expect(body).toHaveAttribute('data-customer-id', customerId);
  const badge = body.getByTestId('review-sentiment').first();
  await expect(badge).toBeVisible();
  await expect(badge).toHaveAttribute('data-label', /positive|neutral|negative/);
  await shot(page, '304-customer-360-review-sentiment-light', body.getByTestId('customer-360-timeline'));
  expect(pageErrors).toEqual([]);
});
