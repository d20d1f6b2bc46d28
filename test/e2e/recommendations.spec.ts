import type { Page } from '@playwright/test';
import { callApi, closeToasts, expect, gridCell, shot, snap, test } from './fixtures';

async function loadDemoShop(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('demo-generate').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 60_000 });
}

/**
 * Trains recommendations from the model lab's card, as a person would. MERGE: this needs the training helper's
 * `recommend.train` job, which the recommendation-surfaces branch does not have; the lead runs this spec after the merge.
 */
async function trainRecommendations(page: Page): Promise<void> {
  await page.getByTestId('recommend-train').click();
  await expect(page.getByTestId('recommend-evaluation')).toBeVisible({ timeout: 240_000 });
}

test('recommendations: train, the evaluation, a product view, a customer’s recommendations, {{recommended1}} in a preview', async ({ page, host, pageErrors }) => {
  test.setTimeout(420_000);
  await loadDemoShop(page, host.url);

  // The model lab's Recommendations card, before any training: what it does and a button to train.
  await page.keyboard.press('Alt+Digit7');
  const card = page.getByTestId('recommend-card');
  await expect(card).toBeVisible();
  await expect(card.getByTestId('recommend-empty')).toBeVisible();
  await shot(page, '300-recommend-card-empty-light', card);

  await trainRecommendations(page);
  // The honest protocol (all products ranked) for the model and popularity side by side; the sampled figure labelled.
  const status = await callApi<{ active: { result: { model: { hitRate10: number }; popularity: { hitRate10: number } } } | null }>(page, 'recommend.status', {});
  expect(status.active).not.toBeNull();
  await expect(card.getByTestId('recommend-metrics').locator('tbody tr')).toHaveCount(3);
  await expect(card.getByTestId('recommend-sampled')).toContainText('99 random products');
  await expect(card.getByTestId('recommend-version')).toHaveCount(1);
  await expect(card.getByTestId('recommend-version').first()).toHaveAttribute('data-active', 'true');
  await expect(card.getByTestId('recommend-chart').locator('canvas')).toBeVisible();
  await shot(page, '301-recommend-card-evaluation-light', card);

  // A product from the card's search: bought together in plain words, similar products.
  const firstProduct = card.getByTestId('recommend-product').first();
  await expect(firstProduct).toBeVisible();
  await firstProduct.click();
  const drawer = page.getByTestId('product-view');
  await expect(drawer.getByTestId('product-buyers')).toContainText(/Bought by [\d,]+ customers/);
  await expect(drawer.getByTestId('product-together')).toBeVisible();
  await expect(drawer.getByTestId('product-together-item').first()).toContainText(/bought together in [\d,]+ baskets/);
  await snap(page, '302-product-view-light');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // A customer's recommendations in the 360: new to them, and to buy again.
  await page.keyboard.press('Alt+Digit2');
  const grid = page.getByTestId('explorer-grid');
  await gridCell(grid, 0, 'customerId').click();
  const body = page.getByTestId('customer-360-body');
  await expect(body).toBeVisible();
  const section = body.getByTestId('customer-360-recommendations');
  await expect(section).toHaveAttribute('data-trained', 'true');
  await expect(section.getByTestId('recommendation-item').first()).toBeVisible();
  const externalId = (await body.getAttribute('data-customer-id')) as string;
  const recs = await callApi<{ discover: Array<{ name: string }>; buyAgain: Array<{ name: string }> }>(page, 'recommend.forCustomer', { externalId, n: 5 });
  await expect(section.getByTestId('recommendations-discover').getByTestId('recommendation-item')).toHaveCount(recs.discover.length);
  if (recs.discover[0]) await expect(section.getByTestId('recommendations-discover')).toContainText(recs.discover[0].name);
  // The drawer scrolls on its own: the section in its middle, title and both lists in view.
  await section.evaluate((el) => (el as unknown as { scrollIntoView: (o: object) => void }).scrollIntoView({ block: 'center' }));
  await closeToasts(page);
  await snap(page, '303-customer-360-recommendations-light');
  // A recommended product opens its product view.
  await section.getByTestId('recommendation-item').first().getByRole('button').click();
  await expect(page.getByTestId('product-view')).toBeVisible();
  await snap(page, '304-customer-360-product-light');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('product-view')).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(body).toBeHidden();

  // The copy studio: {{recommended1}} in a variant, previewed on real customers with their own recommendation.
  await page.keyboard.press('Alt+Digit6');
  await page.getByTestId('copy-empty-sample').click();
  // The sample brief is filled in from the workspace's own products (a request): wait for it before generating.
  await expect(page.getByTestId('copy-product-name')).not.toHaveValue('');
  await page.getByTestId('copy-generate').click();
  await expect(page.getByTestId('copy-job')).toBeHidden({ timeout: 60_000 });
  const first = page.getByTestId('copy-variant').first();
  await expect(first).toBeVisible({ timeout: 60_000 });
  await first.getByTestId('copy-variant-edit').click();
  const bodyField = first.getByTestId('copy-edit-body');
  await bodyField.fill(`${await bodyField.inputValue()}\n\nPicked for you: {{recommended1|our best sellers}}.`);
  await first.getByTestId('copy-variant-edit').click();
  await first.getByTestId('copy-variant-preview').click();
  const preview = page.getByTestId('copy-preview');
  await expect(preview.getByTestId('copy-preview-tokens')).toContainText('{{recommended1|');
  const customer = preview.getByTestId('copy-preview-customer').first();
  await expect(customer).toBeVisible();
  const previewId = ((await customer.innerText()).match(/Customer (\S+)/)?.[1] ?? '').trim();
  const theirs = await callApi<{ discover: Array<{ name: string }>; buyAgain: Array<{ name: string }> }>(page, 'recommend.forCustomer', { externalId: previewId, n: 1 });
  const name = theirs.discover[0]?.name ?? theirs.buyAgain[0]?.name;
  expect(name, 'the previewed customer has a recommendation').toBeDefined();
  await expect(customer).toContainText(`Picked for you: ${name ?? ''}.`);
  await closeToasts(page);
  await snap(page, '305-copy-preview-recommended-light');
  await page.keyboard.press('Escape');
  expect(pageErrors).toEqual([]);
});
