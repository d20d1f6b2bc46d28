import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Locator, Page } from '@playwright/test';
import type { SegmentCount, SegmentRule } from '../../src/shared/segment-schemas';
import { callApi, expect, gridCell, snap, test } from './fixtures';

async function loadDemoShop(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('demo-generate').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 60_000 });
}

const openSection = (page: Page, name: 'Segments' | 'Campaigns'): Promise<void> =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }).click();


/** Picks an option of a Mantine select (or multi-select) by its visible text. */
async function pick(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The live count once it has settled (no request waiting), as a number. */
async function settledCount(page: Page): Promise<number> {
  const live = page.getByTestId('live-count');
  await expect(live).toHaveAttribute('data-state', 'ready');
  return Number(await live.getAttribute('data-count'));
}

/** Waits for the live count to settle on a value other than `previous`; returns it. */
async function countChangesFrom(page: Page, previous: number): Promise<number> {
  const live = page.getByTestId('live-count');
  await expect.poll(async () => ((await live.getAttribute('data-state')) === 'ready' ? Number(await live.getAttribute('data-count')) : previous)).not.toBe(previous);
  return settledCount(page);
}

/** A screenshot without the save notifications over its corner, from the page's top unless told otherwise. */
async function shot(page: Page, name: string, fromTop = true): Promise<void> {
  // Notifications can arrive late (a job's "finished" toast): close them until none is left, but never fail a
  // test over a toast in a screenshot.
  await expect(async () => {
    for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click({ timeout: 1_000 }).catch(() => undefined);
    await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 1_000 });
  })
    .toPass({ timeout: 10_000 })
    .catch(() => undefined);
  // Scrolled into the middle: an element merely "in view" can still sit under the sticky top bar.
  if (fromTop) await page.getByRole('heading', { level: 1 }).evaluate((el) => (el as unknown as { scrollIntoView: (o: object) => void }).scrollIntoView({ block: 'center' }));
  await snap(page, name);
}

/** Data rows of a CSV file (quoted fields may hold commas, quotes and line breaks). */
function csvRowCount(text: string): number {
  let rows = 0;
  let quoted = false;
  let content = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) {
      if (content) rows += 1;
      content = false;
      continue;
    } else if (c !== '\r') content = true;
    if (c === '"') content = true;
  }
  if (content) rows += 1;
  return rows - 1; // the header
}

const RULE: SegmentRule = {
  all: [
    { field: 'country', op: '=', value: 'NL' },
    { any: [{ field: 'orders', op: '>=', value: 3 }, { event: 'purchased', category: 'Candles', withinDays: 365, minTimes: 1 }] },
  ],
};
const NAME = 'Dutch regulars and candle buyers';
const run = promisify(execFile);

test('segments: build a two-level rule with a live count, save it, profile, compare, export and use it', async ({ page, host, pageErrors }) => {
  test.setTimeout(240_000);
  await loadDemoShop(page, host.url);
  const stats = await host.stats();

  // No segment yet: the page says what to do.
  await openSection(page, 'Segments');
  await expect(page.getByTestId('segments-none')).toBeVisible();
  await shot(page, '160-segments-empty-light');
  await page.getByTestId('segments-none-build').click();

  // A new rule: every customer until the first condition is complete.
  const builder = page.getByTestId('segment-builder');
  await expect(builder).toBeVisible();
  const everyone = await settledCount(page);
  expect(everyone).toBe(stats.customers);

  // Country = NL (the field picker is grouped; the value comes from the workspace's countries).
  const conditions = builder.getByTestId('condition');
  await expect(conditions.first().getByTestId('condition-field')).toBeFocused();
  await pick(page, conditions.nth(0).getByTestId('condition-field'), 'Country');
  await expect(conditions.nth(0).getByTestId('condition-op')).toHaveValue('is');
  await pick(page, conditions.nth(0).getByTestId('condition-value'), 'NL');
  const dutch = await countChangesFrom(page, everyone);
  expect(dutch).toBeGreaterThan(0);
  expect(dutch).toBeLessThan(everyone);

  // A nested group: any of (orders ≥ 3, bought Candles within 365 days).
  await builder.getByTestId('add-group').first().click();
  const inner = builder.locator('[data-testid="rule-group"][data-depth="1"]');
  await expect(inner).toHaveAttribute('data-mode', 'any');
  await expect(conditions.nth(1).getByTestId('condition-field')).toBeFocused();
  await pick(page, conditions.nth(1).getByTestId('condition-field'), 'Orders');
  await expect(conditions.nth(1).getByTestId('condition-op')).toHaveValue('is at least');
  await conditions.nth(1).getByTestId('condition-value').fill('3');
  const regulars = await countChangesFrom(page, dutch);
  expect(regulars).toBeLessThan(dutch);

  // Enter in a value adds the next condition to the same group, focused.
  await conditions.nth(1).getByTestId('condition-value').press('Enter');
  await expect(inner.getByTestId('condition')).toHaveCount(2);
  await expect(conditions.nth(2).getByTestId('condition-field')).toBeFocused();
  await pick(page, conditions.nth(2).getByTestId('condition-field'), 'Bought');
  await pick(page, conditions.nth(2).getByTestId('event-category'), 'Candles');
  await conditions.nth(2).getByTestId('event-within').fill('365');
  const total = await countChangesFrom(page, regulars);
  expect(total).toBeGreaterThan(regulars);
  expect(total).toBeLessThanOrEqual(dutch);

  // The count shown is the engine's count of exactly this rule.
  const api = await callApi<SegmentCount>(page, 'segments.count', { rule: RULE });
  expect(api.count).toBe(total);
  await expect(page.getByTestId('live-count-value')).toHaveText(total.toLocaleString('en-GB'));
  await expect(page.getByTestId('builder-summary')).toContainText('Country is NL and (Orders is at least 3 or bought Candles in the last 365 days)');

  // An engine refusal lands on its condition: a review of at least 4 and at most 2 stars cannot hold.
  await builder.getByTestId('add-condition').first().click();
  await pick(page, conditions.nth(3).getByTestId('condition-field'), 'Left a review');
  await pick(page, conditions.nth(3).getByTestId('event-review-mode'), 'with stars');
  await conditions.nth(3).getByTestId('event-min-rating').fill('4');
  await conditions.nth(3).getByTestId('event-max-rating').fill('2');
  await expect(conditions.nth(3).getByTestId('condition-error')).toContainText('cannot both hold');
  await expect(conditions.nth(0).getByTestId('condition-error')).toHaveCount(0);
  await conditions.nth(3).getByTestId('condition-remove').click();
  await expect(page.getByTestId('condition-error')).toHaveCount(0);
  expect(await settledCount(page)).toBe(total);

  // Why: a random member, condition by condition.
  await page.getByTestId('why-random').click();
  await expect(page.getByTestId('why-result')).toHaveAttribute('data-met', 'true');
  await expect(page.getByTestId('why-node').first()).toHaveAttribute('data-met', 'true');
  await shot(page, '161-segments-builder-light');
  await page.getByTestId('segment-why').scrollIntoViewIfNeeded();
  await shot(page, '161-segments-builder-why-light', false);

  // Save it (dynamic); the saved list and the segment's view show it.
  await page.getByTestId('segment-name').fill(NAME);
  await page.getByTestId('segment-name').press('Enter');
  const detail = page.getByTestId('segment-detail');
  await expect(detail.getByTestId('segment-detail-name')).toHaveText(NAME);
  await expect(detail).toHaveAttribute('data-count', String(total));
  await expect(page.getByTestId('segments-grid').locator('.segment-row')).toHaveCount(1);
  await shot(page, '162-segments-saved-light');

  // Its profile: KPI cards with an index, distributions, share tables.
  await detail.getByTestId('segment-profile').click();
  const profile = page.getByTestId('segment-profile');
  await expect(profile).toHaveAttribute('data-count', String(total));
  await expect(profile.getByTestId('profile-distribution').first().locator('canvas')).toBeVisible();
  await expect(profile.getByTestId('profile-share-countries').getByTestId('share-row').first()).toHaveAttribute('data-name', 'NL');
  await shot(page, '163-segments-profile-light');
  await profile.getByTestId('profile-share-categories').scrollIntoViewIfNeeded();
  await shot(page, '164-segments-profile-shares-light', false);

  // A ready-made RFM segment in one click.
  await page.getByTestId('segments-tab-discover').click();
  const champions = page.getByTestId('rfm-ready-row').and(page.locator('[data-name="Champions"]'));
  await champions.getByTestId('rfm-save').click();
  await expect(champions.getByTestId('rfm-saved')).toBeVisible();

  // Compare the two.
  await page.getByTestId('segments-tab-saved').click();
  await page.getByTestId('segments-grid').locator('.segment-row').filter({ hasText: NAME }).click();
  await expect(detail.getByTestId('segment-detail-name')).toHaveText(NAME);
  await detail.getByTestId('segment-compare').click();
  await pick(page, page.getByTestId('compare-b'), await optionFor(page, 'Champions'));
  const compare = page.getByTestId('segment-compare');
  await expect(compare.getByTestId('compare-summary-a')).toHaveAttribute('data-count', String(total));
  const championsCount = (await callApi<SegmentCount>(page, 'segments.count', { rule: { field: 'rfmSegment', op: '=', value: 'Champions' } })).count;
  await expect(compare.getByTestId('compare-summary-b')).toHaveAttribute('data-count', String(championsCount));
  await expect(compare.getByTestId('compare-metric').first()).toBeVisible();
  await shot(page, '165-segments-compare-light');

  // Export its members: as many rows as the engine counts for the rule, e-mails masked.
  await page.getByTestId('segments-tab-saved').click();
  await page.getByTestId('segments-grid').locator('.segment-row').filter({ hasText: NAME }).click();
  await detail.getByTestId('segment-export').click();
  const dialog = page.getByTestId('segment-export-dialog');
  await expect(dialog.getByTestId('segment-export-column-email')).toBeChecked();
  await dialog.getByTestId('segment-export-start').click();
  await expect(dialog.getByTestId('segment-export-done')).toHaveAttribute('data-rows', String(total), { timeout: 60_000 });
  await expect(dialog.getByTestId('segment-export-download')).toBeVisible();
  await shot(page, '166-segments-export-light', false);
  const file = await dialog.getByTestId('segment-export-path').innerText();
  const csv = await readFile(file, 'utf8');
  expect(csvRowCount(csv)).toBe((await callApi<SegmentCount>(page, 'segments.count', { rule: RULE })).count);
  // …and against the command line's count of the same rule on the same workspace.
  const cli = await run(process.execPath, ['bin/localyst.js', 'segment', 'count', '--rule', JSON.stringify(RULE), '--workspace', host.workspace, '--json']);
  expect((JSON.parse(cli.stdout) as SegmentCount).count).toBe(csvRowCount(csv));
  expect(csv).toContain('•••@');
  await page.keyboard.press('Escape');

  // Use it in a campaign: the Campaigns section names the audience, honestly.
  await detail.getByTestId('segment-use-campaign').click();
  await expect(page.getByTestId('campaign-audience-title')).toHaveText(`Audience: ${NAME} (${total.toLocaleString('en-GB')} customers)`);
  await expect(page).toHaveURL(/#\/campaigns\/audience\/\d+$/);
  await shot(page, '167-campaigns-audience-light');
  await page.reload();
  await expect(page.getByTestId('campaign-audience-title')).toContainText(NAME);

  // Back to the segment: edit loads its rule into the builder; delete asks first.
  await page.getByTestId('campaign-audience-open').click();
  await expect(detail.getByTestId('segment-detail-name')).toHaveText(NAME);
  await detail.getByTestId('segment-edit').click();
  await expect(builder.getByTestId('condition')).toHaveCount(3);
  expect(await settledCount(page)).toBe(total);
  // A stricter rule saved over it: the count drops and the size history gets its second point.
  await conditions.nth(1).getByTestId('condition-value').fill('5');
  const stricter = await countChangesFrom(page, total);
  expect(stricter).toBeLessThan(total);
  await page.getByTestId('segment-save-submit').click();
  await expect(detail).toHaveAttribute('data-count', String(stricter));
  await expect(detail.getByTestId('segment-history').locator('canvas')).toBeVisible();
  await shot(page, '162-segments-saved-history-light');
  await page.getByTestId('segments-tab-saved').click();
  await page.getByTestId('segments-grid').locator('.segment-row').filter({ hasText: 'Champions' }).click();
  await detail.getByTestId('segment-delete').click();
  await expect(page.getByTestId('segment-delete-dialog')).toContainText('cannot be undone');
  await page.getByTestId('segment-delete-dialog-confirm').click();
  await expect(page.getByTestId('segments-grid').locator('.segment-row')).toHaveCount(1);

  // Dark theme: the builder stays readable.
  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('segments-tab-builder').click();
  await expect(builder).toBeVisible();
  await shot(page, '168-segments-builder-dark');

  expect(pageErrors).toEqual([]);
});

/** The compare picker's label of a saved segment ("Champions · 123"). */
async function optionFor(page: Page, name: string): Promise<string> {
  const segments = await callApi<{ segments: { name: string; count: number }[] }>(page, 'segments.list', {});
  const segment = segments.segments.find((s) => s.name === name);
  if (!segment) throw new Error(`no segment ${name}`);
  return `${name} · ${segment.count.toLocaleString('en-GB')}`;
}

test('segments: discover groups of customers, save one, open another in the builder', async ({ page, host, pageErrors }) => {
  test.setTimeout(240_000);
  await loadDemoShop(page, host.url);
  await openSection(page, 'Segments');
  await page.getByTestId('segments-discover-open').click();
  await expect(page.getByTestId('discover-empty')).toBeVisible();
  await page.getByTestId('discover-start').click();

  // The job shows in the tray while it runs, and its result on the page.
  const result = page.getByTestId('discover-result');
  await expect(result).toBeVisible({ timeout: 180_000 });
  const k = Number(await result.getAttribute('data-k'));
  expect(k).toBeGreaterThanOrEqual(2);
  await expect(result.getByTestId('cluster-card')).toHaveCount(k);
  await expect(result.getByTestId('discover-silhouette').locator('canvas')).toBeVisible();
  await page.getByTestId('job-tray').click();
  await expect(page.getByTestId('job-tray-dropdown').locator('[data-testid="job"][data-status="done"]').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await shot(page, '169-segments-discover-light');
  await result.getByTestId('cluster-card').nth(1).scrollIntoViewIfNeeded();
  await shot(page, '170-segments-discover-clusters-light', false);

  // Save the first cluster as a segment (source: discovered).
  const first = result.getByTestId('cluster-card').first();
  const firstName = await first.getByTestId('cluster-name').innerText();
  await first.getByTestId('cluster-save').click();
  await expect(first.getByTestId('cluster-saved')).toBeVisible();
  const list = await callApi<{ segments: { name: string; source: string; count: number }[] }>(page, 'segments.list', {});
  const saved = list.segments.find((s) => s.name === firstName);
  expect(saved?.source).toBe('discovered');
  expect(saved?.count).toBe(Number(await first.getAttribute('data-rule-matches')));

  // Open the second in the builder: its rule counts what the card says it matches.
  const second = result.getByTestId('cluster-card').nth(1);
  const matches = Number(await second.getAttribute('data-rule-matches'));
  await second.getByTestId('cluster-open').click();
  await expect(page.getByTestId('segment-builder')).toBeVisible();
  await expect.poll(() => settledCount(page)).toBe(matches);
  expect(await page.getByTestId('segment-builder').getByTestId('condition').count()).toBeGreaterThan(0);

  expect(pageErrors).toEqual([]);
});

/** The builder's tree module, typed by its shape (src/renderer/src/segments/rule-model.ts). */
type DraftNode = { id: string; type: string; negated: boolean; [key: string]: unknown };
type Compiled = { rule: SegmentRule; paths: Map<string, string>; incomplete: Set<string>; conditions: number };
type RuleModel = {
  newGroup: (mode: 'all' | 'any', children: DraftNode[]) => DraftNode;
  newField: (field: string, op?: string) => DraftNode;
  newEvent: (event: string) => DraftNode;
  newPending: () => DraftNode;
  toRule: (root: DraftNode) => Compiled;
  fromRule: (rule: SegmentRule) => DraftNode;
  nodeForPath: (compiled: Compiled, path: unknown) => string | undefined;
};
// The renderer is not part of the Node type-check project, so the module is loaded at run time (no browser, no host).
const RULE_MODEL = '../../src/renderer/src/segments/rule-model';

test('the builder’s tree as a rule: incomplete conditions left out, percentages sent as 0–1, engine paths find their condition', async () => {
  const m = (await import(RULE_MODEL)) as RuleModel;
  const country = { ...m.newField('country'), single: 'NL' };
  const churn = { ...m.newField('churnRisk', '>='), single: 40 };
  const pending = m.newPending();
  const halfRange = { ...m.newField('orders', 'between'), low: 2, high: '' };
  const candles = { ...m.newEvent('purchased'), negated: true, category: 'Candles', withinDays: 365 };
  const inner = m.newGroup('any', [candles]);
  const root = m.newGroup('all', [country, churn, pending, halfRange, inner]);

  const compiled = m.toRule(root);
  const expected: SegmentRule = {
    all: [
      { field: 'country', op: '=', value: 'NL' },
      { field: 'churnRisk', op: '>=', value: 0.4 },
      { any: [{ not: { event: 'purchased', category: 'Candles', withinDays: 365, minTimes: 1 } }] },
    ],
  };
  expect(compiled.rule).toEqual(expected);
  expect(compiled.conditions).toBe(3);
  expect([...compiled.incomplete].sort()).toEqual([pending.id, halfRange.id].sort());

  // The engine names positions in the rule it was sent (left-out conditions do not count).
  expect(m.nodeForPath(compiled, 'all[2].any[0].not.category')).toBe(candles.id);
  expect(m.nodeForPath(compiled, 'all[1].value')).toBe(churn.id);
  expect(m.nodeForPath(compiled, ['rule', 'all', 0, 'value'])).toBe(country.id);
  expect(m.nodeForPath(compiled, '(whole rule)')).toBe(root.id);

  // A saved rule loads back into the same rule; the probability shows as a percentage again.
  const loaded = m.fromRule(expected);
  expect(m.toRule(loaded).rule).toEqual(expected);
  const children = loaded.children as DraftNode[];
  expect(children[1]?.single).toBe(40);
  expect(m.toRule(m.fromRule({ field: 'rfmSegment', op: '=', value: 'Champions' })).rule).toEqual({ all: [{ field: 'rfmSegment', op: '=', value: 'Champions' }] });
});

test('the customer 360 shows which saved segments the customer is in, and why', async ({ page, host, pageErrors }) => {
  test.setTimeout(120_000);
  await loadDemoShop(page, host.url);
  await callApi(page, 'segments.create', { name: 'Everyone who ordered', rule: { field: 'orders', op: '>=', value: 1 } });
  await callApi(page, 'segments.create', { name: 'Nobody', rule: { all: [{ field: 'orders', op: '<', value: 0 }] } });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Customers', exact: true }).click();
  const grid = page.getByTestId('explorer-grid');
  await gridCell(grid, 0, 'customerId').click();
  const block = page.getByTestId('customer-360-segments');
  await expect(block).toContainText('in 1 of 2 saved segments');
  const items = block.getByTestId('customer-360-segment');
  await expect(items.filter({ hasText: 'Everyone who ordered' })).toHaveAttribute('data-met', 'true');
  await expect(items.filter({ hasText: 'Nobody' })).toHaveAttribute('data-met', 'false');
  await items.filter({ hasText: 'Nobody' }).getByRole('button').click();
  await expect(block.getByTestId('why-node').filter({ hasText: /Orders is below 0/i })).toHaveAttribute('data-met', 'false');
  await block.scrollIntoViewIfNeeded();
  await snap(page, '171-customer-360-segments-light');
  expect(pageErrors).toEqual([]);
});
