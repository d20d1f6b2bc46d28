import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { writeTinyLlama } from '../unit/copy/gguf-writer';
import { callApi, closeToasts, expect, gridCell, shot, snap, test } from './fixtures';

async function loadDemoShop(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('demo-generate').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 60_000 });
}


/** Picks an option of a Mantine select by its visible text. */
async function pick(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option }).first().click();
}

/** Opens a closed part of the brief (product, offer, audience, brand). */
async function openPart(page: Page, part: 'product' | 'offer' | 'audience' | 'brand'): Promise<void> {
  const control = page.getByTestId(`copy-part-${part}`);
  if ((await control.getAttribute('aria-expanded')) !== 'true') await control.click();
  await expect(control).toHaveAttribute('aria-expanded', 'true');
}

/** Waits for a generation to finish; returns the variant cards. */
async function generated(page: Page, count: number): Promise<Locator> {
  const variants = page.getByTestId('copy-variant');
  await expect(page.getByTestId('copy-job')).toBeHidden({ timeout: 60_000 });
  await expect(variants).toHaveCount(count, { timeout: 60_000 });
  return variants;
}

/** The data rows of a CSV file (quoted fields may hold commas, quotes and line breaks). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

const BANNED = 'treat';
const CODE = 'AUTUMN20';
const CAMPAIGN = 'Autumn candles';

test('copy studio: a brief, ranked and checked variants, edit, preview, library, export, reuse; SMS and a reply', async ({ page, host, pageErrors }) => {
  test.setTimeout(300_000);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await loadDemoShop(page, host.url);
  // An audience to write for (as a newcomer would have built in Segments).
  const segment = await callApi<{ id: number; count: number }>(page, 'segments.create', {
    name: 'Candle buyers this year',
    rule: { all: [{ event: 'purchased', category: 'Candles', withinDays: 365, minTimes: 1 }] },
  });

  // Alt+6 opens the Copy studio: an empty result side that says what a brief is, and a sample to start from.
  await page.keyboard.press('Alt+Digit6');
  await expect(page.getByRole('heading', { level: 1, name: 'Copy studio' })).toBeVisible();
  await expect(page.getByTestId('copy-empty')).toBeVisible();
  await expect(page.getByTestId('copy-empty')).toContainText('Start with a brief');
  await shot(page, '180-copy-empty-light');

  // Generating an empty brief says what is missing, at the field.
  await page.getByTestId('copy-product-name').fill('');
  await page.getByTestId('copy-generate').click();
  await expect(page.getByTestId('copy-brief').getByText(/at least 1 character|required|too small/i).first()).toBeVisible();
  await expect(page.getByTestId('copy-brief-errors')).toBeVisible();
  await shot(page, '181-copy-brief-error-light');

  // The sample brief: the demo shop's best seller, what its reviews praise, an offer.
  await page.getByTestId('copy-empty-sample').click();
  const productName = page.getByTestId('copy-product-name');
  await expect(productName).not.toHaveValue('');
  const product = await productName.inputValue();
  await expect(page.getByTestId('copy-brief-errors')).toBeHidden();

  // A promotion email with a code, for the candle buyers, in a brand voice that never says "treat".
  await pick(page, page.getByTestId('copy-goal'), 'Promotion');
  await openPart(page, 'offer');
  await page.getByTestId('copy-offer-discount').fill('20');
  await page.getByTestId('copy-offer-code').fill(CODE.toLowerCase());
  await expect(page.getByTestId('copy-offer-code')).toHaveValue(CODE);
  await openPart(page, 'audience');
  await pick(page, page.getByTestId('copy-audience-segment'), /^Candle buyers this year/);
  await expect(page.getByTestId('copy-audience-segment')).toHaveValue(/^Candle buyers this year/);
  const insight = page.getByTestId('copy-audience-insight');
  await expect(insight).toBeVisible();
  await expect(insight).toHaveAttribute('data-customers', String(segment.count));
  await expect(page.getByTestId('copy-audience-categories')).toContainText('Candles');
  await openPart(page, 'brand');
  await page.getByTestId('copy-brand-name').fill('Hearth & Wick');
  await page.getByTestId('copy-brand-banned').click();
  await page.keyboard.type(BANNED);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('copy-part-brand')).toContainText('1 banned word');
  await expect(page.getByTestId('copy-engine').getByRole('radio', { name: /Local language model/ })).toBeDisabled();
  await shot(page, '182-copy-brief-light', page.getByTestId('copy-part-audience'));

  // Ctrl+Enter generates: five variants, the best first (then a diverse best few: a lower score can be kept above a
  // higher one for variety, and its reasons say so), each with a score, checks and the reasons for its rank.
  await productName.focus();
  await page.keyboard.press('Control+Enter');
  const variants = await generated(page, 5);
  const scores = await variants.evaluateAll((cards) => cards.map((card) => Number(card.getAttribute('data-score'))));
  expect(scores[0]).toBe(Math.max(...scores));
  const first = variants.first();
  await expect(first.getByTestId('copy-variant-rank')).toHaveText('#1');
  await expect(first.getByTestId('copy-checks')).toHaveAttribute('data-failed', '0');
  await expect(first.getByTestId('copy-checks-summary')).toHaveText(/^All \d+ checks pass$/);
  await expect(first.getByTestId('copy-reasons').locator('li').first()).toContainText(/Rank 1/);
  // The demo shop's past campaigns and their A/B arms are history enough: a response model helps rank.
  await expect(page.getByTestId('copy-response-model')).toHaveAttribute('data-status', 'trained');
  await expect(page.getByTestId('copy-model-badge')).toHaveText('Response model');
  await expect(page.getByTestId('copy-result-facts')).toContainText(/candidates considered/);
  for (const card of await variants.all()) {
    await expect(card.getByTestId('copy-check').and(card.locator('[data-check="banned-words"]'))).toHaveAttribute('data-passed', 'true');
    await expect(card.getByTestId('copy-check').and(card.locator('[data-check="facts"]'))).toHaveAttribute('data-passed', 'true');
    const text = (await card.getByTestId('copy-view-email').innerText()).toLowerCase();
    expect(text, 'no variant uses the banned word').not.toMatch(new RegExp(`\\b${BANNED}\\b`));
    expect(text).toContain(CODE.toLowerCase());
  }
  await shot(page, '183-copy-variants-light', page.getByTestId('copy-result-summary'));

  // Edit the best one: a banned word fails its check as you type; taking it out passes again.
  await first.getByTestId('copy-variant-edit').click();
  const subject = first.getByTestId('copy-edit-subject');
  const original = await subject.inputValue();
  await subject.fill(`${original} ${BANNED}`);
  const bannedCheck = first.locator('[data-testid="copy-check"][data-check="banned-words"]');
  await expect(bannedCheck).toHaveAttribute('data-passed', 'false');
  await expect(first.getByTestId('copy-checks-summary')).toHaveText(/^1 of \d+ checks fail$/);
  await shot(page, '184-copy-edit-light', first);
  const edited = `For you: ${original}`.slice(0, 60);
  await subject.fill(edited);
  await expect(bannedCheck).toHaveAttribute('data-passed', 'true');
  await first.getByTestId('copy-variant-edit').click();
  await expect(first).toHaveAttribute('data-edited', 'true');
  await expect(first.getByTestId('copy-field-subject')).toHaveText(edited);
  // The body greets by first name, with a fallback.
  await expect(first.getByTestId('copy-field-body').getByTestId('copy-token').first()).toHaveText(/^\{\{firstName\|\w+\}\}$/);

  // Preview on real customers of the segment: the first name filled in (or its fallback marked).
  await first.getByTestId('copy-variant-preview').click();
  const preview = page.getByTestId('copy-preview');
  await expect(preview.getByTestId('copy-preview-customer')).toHaveCount(3);
  await expect(preview.getByTestId('copy-preview-tokens')).toContainText('{{firstName|');
  const filled = preview.locator('[data-testid="copy-token-filled"], [data-testid="copy-token-fallback"]');
  await expect(filled.first()).toBeVisible();
  expect(await filled.count()).toBeGreaterThanOrEqual(3);
  await expect(preview.getByText('{{firstName', { exact: false })).toHaveCount(1); // only in the list of tokens
  await closeToasts(page);
  await snap(page, '185-copy-preview-light');
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();

  // Save two to a campaign: the name is asked once and offered again.
  await first.getByTestId('copy-variant-save').click();
  await page.getByTestId('copy-save-campaign').fill(CAMPAIGN);
  await closeToasts(page);
  await snap(page, '186-copy-save-light');
  await page.keyboard.press('Enter');
  await expect(first.getByTestId('copy-variant-saved')).toContainText(CAMPAIGN);
  const second = variants.nth(1);
  await second.getByTestId('copy-variant-save').click();
  await expect(page.getByTestId('copy-save-campaign')).toHaveValue(CAMPAIGN);
  await page.getByTestId('copy-save-confirm').click();
  await expect(second.getByTestId('copy-variant-saved')).toBeVisible();
  await expect(page.getByTestId('copy-library-count')).toHaveText('2');

  // Copy puts every field on the clipboard.
  await second.getByTestId('copy-variant-copy').click();
  await expect(second.getByTestId('copy-variant-copy')).toHaveText('Copied');
  const clipboard = await page.evaluate('navigator.clipboard.readText()');
  expect(String(clipboard)).toMatch(/^Subject: /);
  expect(String(clipboard)).toContain(CODE);

  // The library: the campaign with its two items; star one, filter by stars.
  await page.getByTestId('copy-tab-library').click();
  const grid = page.getByTestId('copy-library-grid');
  await expect(grid.locator('.ag-row')).toHaveCount(2);
  await expect(page.getByTestId('copy-library-campaigns').locator(`[data-campaign="${CAMPAIGN}"]`)).toContainText('2');
  await grid.getByTestId('copy-item-star').first().click();
  await expect(grid.locator('[data-testid="copy-item-star"][data-starred="true"]')).toHaveCount(1);
  await page.getByTestId('copy-library-starred').click();
  await expect(grid.locator('.ag-row')).toHaveCount(1);
  await page.getByTestId('copy-library-starred').click();
  await expect(grid.locator('.ag-row')).toHaveCount(2);
  // From the keyboard: S on a row stars it, again takes the star off.
  await gridCell(grid, 1, 'campaign').click();
  await expect(grid.locator('.ag-row[row-index="1"]')).toHaveClass(/selected/);
  await expect(grid.locator('.ag-row[row-index="0"]')).not.toHaveClass(/selected/);
  await page.keyboard.press('s');
  await expect(grid.locator('[data-testid="copy-item-star"][data-starred="true"]')).toHaveCount(2);
  await page.keyboard.press('s');
  await expect(grid.locator('[data-testid="copy-item-star"][data-starred="true"]')).toHaveCount(1);
  await shot(page, '187-copy-library-light');

  // Export CSV: a file with both rows and their campaign.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('copy-export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = csvRows(await readFile(await download.path(), 'utf8'));
  expect(csv.length - 1).toBe(2);
  expect(csv.slice(1).every((row) => row.includes(CAMPAIGN))).toBe(true);

  // Edit a saved item: the earlier text stays in its history.
  const firstRow = gridCell(grid, 0, 'actions');
  await firstRow.getByTestId('copy-item-edit').click();
  const editModal = page.getByTestId('copy-edit-modal');
  const preheader = editModal.getByTestId('copy-edit-preheader');
  await preheader.fill(`${await preheader.inputValue()} See you soon.`.slice(0, 99));
  await editModal.getByTestId('copy-edit-save').click();
  await expect(editModal).toBeHidden();
  await gridCell(grid, 0, 'actions').getByTestId('copy-item-history').click();
  const history = page.getByTestId('copy-history');
  await expect(history.getByTestId('copy-revision')).toHaveCount(2);
  await closeToasts(page);
  await snap(page, '188-copy-history-light');
  await page.keyboard.press('Escape');
  await expect(history).toBeHidden();

  // Delete asks first; the campaign then holds one item.
  await gridCell(grid, 1, 'actions').getByTestId('copy-item-delete').click();
  const confirm = page.getByTestId('copy-delete-dialog');
  await expect(confirm).toContainText(CAMPAIGN);
  await page.getByTestId('copy-delete-dialog-confirm').click();
  await expect(confirm).toBeHidden();
  await expect(grid.locator('.ag-row')).toHaveCount(1);
  await expect(page.getByTestId('copy-library-count')).toHaveText('1');

  // Reuse: the saved brief is back in the form.
  await page.getByTestId('copy-detail-reuse').click();
  await expect(page.getByTestId('copy-write')).toBeVisible();
  await expect(page.getByTestId('copy-product-name')).toHaveValue(product);

  // An SMS brief: each variant shows its segment count and says how to opt out.
  await page.getByTestId('copy-channel').getByText('SMS', { exact: true }).click();
  await page.getByTestId('copy-generate').click();
  const sms = await generated(page, 5);
  for (const card of await sms.all()) {
    await expect(card.getByTestId('copy-sms-segments')).toHaveText(/(GSM-7|UCS-2), \d+ .*, [12] segments?/);
    await expect(card.getByTestId('copy-view-sms')).toContainText(/Reply STOP to opt out/i);
    await expect(card.locator('[data-testid="copy-check"][data-check="opt-out"]')).toHaveAttribute('data-passed', 'true');
  }
  await shot(page, '189-copy-sms-light', page.getByTestId('copy-result-summary'));

  // A reply to a real, critical review of the shop.
  await page.getByTestId('copy-channel').getByText('Reply to a review', { exact: true }).click();
  const review = page.getByTestId('copy-review').first();
  await expect(review).toBeVisible();
  const reviewText = (await review.getByTestId('copy-review-text').innerText()).slice(0, 40);
  await review.click();
  await expect(review).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('copy-generate').click();
  const replies = await generated(page, 5);
  await expect(replies.first().getByTestId('copy-view-reply')).toBeVisible();
  await expect(replies.first().getByTestId('copy-view-reply')).toContainText(reviewText);
  await shot(page, '190-copy-reply-light', page.getByTestId('copy-brief'));

  // The same in the dark theme.
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await shot(page, '194-copy-reply-dark', page.getByTestId('copy-brief'));

  expect(pageErrors).toEqual([]);
});

test('copy studio: from a campaign’s audience to a brief, written for that audience', async ({ page, host, pageErrors }) => {
  test.setTimeout(120_000);
  await loadDemoShop(page, host.url);
  const segment = await callApi<{ id: number; count: number }>(page, 'segments.create', {
    name: 'Lapsed home fragrance fans',
    rule: { all: [{ event: 'purchased', category: 'Home fragrance', withinDays: 730, minTimes: 1 }] },
  });

  // Campaigns, with the segment as its audience (as "Use in campaign" in Segments leaves it): write copy for them.
  await page.evaluate(`window.location.hash = '#/campaigns/audience/${segment.id}'`);
  await expect(page.getByTestId('campaign-audience')).toBeVisible();
  await page.getByTestId('campaign-audience-copy').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Copy studio' })).toBeVisible();
  await expect(page).toHaveURL(/#\/copy$/);
  await expect(page.getByTestId('copy-audience-insight')).toHaveAttribute('data-customers', String(segment.count));
  await expect(page.getByTestId('copy-audience-complaints').or(page.getByTestId('copy-audience-praise')).first()).toBeVisible();

  await page.getByTestId('copy-product-name').fill('Fig & Cedar Reed Diffuser');
  await page.getByTestId('copy-generate').click();
  await generated(page, 5);
  await expect(page.getByTestId('copy-result-audience')).toContainText('For Lapsed home fragrance fans (');
  expect(pageErrors).toEqual([]);
});

/**
 * Records every text the streamed-text box of the results column shows (a MutationObserver in the page, from now
 * on), so a stream too quick for polling is still seen; returns a reader of what was seen.
 */
async function recordStreamed(page: Page): Promise<() => Promise<string[]>> {
  await expect(page.getByTestId('copy-results')).toBeVisible();
  await page.evaluate(`(() => {
    const results = document.querySelector('[data-testid="copy-results"]');
    window.__streamed = [];
    window.__streamedObserver?.disconnect();
    const look = () => {
      const text = results.querySelector('[data-testid="copy-streamed"]')?.textContent;
      if (text && text !== window.__streamed[window.__streamed.length - 1]) window.__streamed.push(text);
    };
    window.__streamedObserver = new MutationObserver(look);
    window.__streamedObserver.observe(results, { subtree: true, childList: true, characterData: true });
  })()`);
  return async () => (await page.evaluate('window.__streamed')) as string[];
}

/** Whether one text seen extends the one seen before it: the same variant, grown. */
const grew = (seen: string[]): boolean => seen.some((text, i) => i > 0 && text.length > seen[i - 1]!.length && text.startsWith(seen[i - 1]!));

type JobRecord = {
  id: string;
  kind: string;
  status: string;
  createdAt: string;
  finishedAt: string | null;
  error: { code: string } | null;
  result?: { engine: { kind: string; model: string | null }; variants: { engine: string }[] };
};

/** The newest copy generation job of the workspace (a short one may be over before the page shows its id). */
async function lastCopyJob(page: Page): Promise<JobRecord> {
  const { jobs } = await callApi<{ jobs: JobRecord[] }>(page, 'jobs.list', {});
  const copy = jobs.filter((job) => job.kind === 'copy.generate').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  expect(copy.length).toBeGreaterThan(0);
  return copy[0]!;
}

const MB = 1024 ** 2;

test('copy studio with a real local language model: chosen in Settings, streams its text, checked variants, cancel', async ({ page, host, pageErrors }) => {
  test.setTimeout(90_000);
  // A tiny llama with random weights, in the test's temporary folder. It writes gibberish at about a millisecond a
  // token; with 128-wide embeddings (1 MB) most of its email bodies run to the 1,500-character limit (about 0.7 s
  // each), so there is time to watch the text grow and to cancel.
  const modelFile = path.join(path.dirname(host.workspace), 'tiny-llama.gguf');
  const size = writeTinyLlama(modelFile, { embedding: 128 });
  const bytes = await readFile(modelFile);
  expect(bytes.length).toBe(size);
  const sha256 = createHash('sha256').update(bytes).digest('hex');

  // Settings → Local language model: the file chosen (uploaded in the browser mode), and its facts as the file states them.
  await page.goto(host.url);
  await page.keyboard.press('Alt+Digit9');
  const block = page.getByTestId('llm-settings');
  await expect(block.getByTestId('llm-available')).toHaveAttribute('data-available', 'true');
  await expect(block.getByTestId('llm-detail')).toContainText(/node-llama-cpp 3\.\d+\.\d+ on the CPU/);
  await block.getByTestId('llm-file-input').setInputFiles(modelFile);
  const facts = block.getByTestId('llm-model');
  await expect(facts).toBeVisible();
  await expect(facts.getByTestId('llm-name')).toHaveText('Tiny Random Llama');
  await expect(facts.getByTestId('llm-architecture')).toHaveText('llama');
  await expect(facts.getByTestId('llm-parameters')).toHaveText(/^\d+K$/);
  const mb = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(size / MB);
  await expect(facts.getByTestId('llm-size')).toHaveText(`${mb} MB`);
  await expect(facts.getByTestId('llm-context')).toHaveText('4,096 tokens');
  await expect(facts.getByTestId('llm-sha256')).toHaveText(sha256);
  // The browser mode reads the upload in the workspace's incoming folder, never a path the page names.
  await expect(facts.getByTestId('llm-model-path')).toHaveText(new RegExp(`^${host.workspace.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/incoming/.+/tiny-llama\\.gguf$`));
  await expect(block.getByTestId('llm-forget')).toBeVisible();
  // The size shown is rounded to 0.1 MB; the engine keeps the exact one (it tells a changed file by it).
  const status = await callApi<{ model: { sizeBytes: number; sha256: string } | null }>(page, 'copy.llmStatus', {});
  expect(status.model).toMatchObject({ sizeBytes: size, sha256 });
  await shot(page, '195-settings-llm-model-light', block);

  // Copy studio: an SMS brief, written by the language model.
  await page.keyboard.press('Alt+Digit6');
  await expect(page.getByRole('heading', { level: 1, name: 'Copy studio' })).toBeVisible();
  await page.getByTestId('copy-product-name').fill('Fig & Cedar Reed Diffuser');
  await page.getByTestId('copy-channel').getByText('SMS', { exact: true }).click();
  const engine = page.getByTestId('copy-engine');
  await engine.getByText('Language model: Tiny Random Llama', { exact: true }).click();
  await expect(engine.getByRole('radio', { name: 'Language model: Tiny Random Llama' })).toBeChecked();
  await expect(page.getByTestId('copy-engine-help')).toContainText('you see its text as it comes');

  // The streamed text shows while the model writes (five short SMS variants can be over in a second, so the page
  // records every text the box showed rather than the test polling for it).
  const job = page.getByTestId('copy-job');
  let seen = await recordStreamed(page);
  let clock = Date.now();
  await page.getByTestId('copy-generate').click();
  await expect.poll(async () => (await seen()).length, { message: 'the streamed text is shown' }).toBeGreaterThan(0);
  const smsFirstText = Date.now() - clock;
  const variants = page.getByTestId('copy-variant');
  await expect(job).toBeHidden({ timeout: 60_000 });
  await expect(variants).toHaveCount(5);
  const smsSeen = await seen();
  expect(smsSeen[0]!.trimStart().startsWith('{'), 'the model writes a JSON object of the channel’s fields').toBe(true);
  const smsJob = await lastCopyJob(page);
  expect(smsJob.status).toBe('done');
  expect(smsJob.result?.engine).toMatchObject({ kind: 'llm', model: 'Tiny Random Llama' }); // the chosen model's name, not its path
  expect(smsJob.result?.variants.map((v) => v.engine)).toEqual(['llm', 'llm', 'llm', 'llm', 'llm']);

  // The variants say who wrote them, and carry their checks (random weights write gibberish: pass or fail).
  await expect(page.getByTestId('copy-result-facts')).toContainText('Language model Tiny Random Llama');
  await expect(page.getByTestId('copy-engine-detail')).toHaveText('node-llama-cpp on the CPU, one thread, seed 1');
  for (const card of await variants.all()) {
    await expect(card.getByText('Language model', { exact: true })).toBeVisible();
    await expect(card.getByTestId('copy-view-sms')).toBeVisible();
    await expect(card.getByTestId('copy-checks-summary')).toHaveText(/^(All \d+ checks pass|\d+ of \d+ checks fail)$/);
    expect(await card.getByTestId('copy-check').count()).toBeGreaterThan(2);
    await expect(card.locator('[data-testid="copy-check"][data-check="opt-out"]')).toHaveAttribute('data-passed', /^(true|false)$/);
    await expect(card.getByTestId('copy-sms-segments')).toHaveText(/(GSM-7|UCS-2), \d+ .*segments?/);
  }
  await shot(page, '196-copy-llm-variants-light', page.getByTestId('copy-result-summary'));

  // A longer channel (email, twenty variants): the streamed text grows; Cancel stops the model promptly.
  await page.getByTestId('copy-channel').getByText('Email', { exact: true }).click();
  await page.getByTestId('copy-variants').fill('20');
  seen = await recordStreamed(page);
  clock = Date.now();
  await page.getByTestId('copy-generate').click();
  const streamed = job.getByTestId('copy-streamed');
  await expect(streamed).not.toBeEmpty();
  const emailFirstText = Date.now() - clock;
  await expect.poll(async () => grew(await seen()), { message: 'the streamed text grows' }).toBe(true);
  await expect(page.getByTestId('copy-generate')).toBeDisabled();
  // The job says which variant the model is on (the streamed text starts again with each one).
  await expect(job.getByTestId('job-detail')).toHaveText(/^Writing · The language model is writing variant \d+ of 20$/);
  await shot(page, '197-copy-llm-streaming-light', page.getByTestId('copy-results'));
  const emailJobId = await job.getByTestId('job').getAttribute('data-job-id');
  // Timed from the press itself: while the model streams, the page paints only a few frames a second here, so
  // Playwright's wait for a stable button can take a second or two before it presses.
  await page.evaluate(`document.addEventListener('click', (e) => { if (e.target.closest('[data-testid="job-cancel"]')) window.__cancelPressedAt = Date.now(); }, true)`);
  // Twenty long email variants take the model well over ten seconds here: still writing when Cancel is pressed.
  await job.getByTestId('job-cancel').click({ timeout: 30_000 });
  await expect(page.getByTestId('copy-cancelled')).toBeVisible({ timeout: 5_000 });
  const pressedAt = (await page.evaluate('window.__cancelPressedAt')) as number;
  const cancelShownMs = Date.now() - pressedAt;
  expect(cancelShownMs, 'the page says "cancelled" promptly').toBeLessThan(3_000);
  await expect(page.getByTestId('copy-cancelled')).toHaveText('Generation cancelled; nothing was kept. The variants below are from the previous brief.');
  await expect(job).toBeHidden();
  await expect(page.getByTestId('copy-generate')).toBeEnabled();
  const emailJob = await lastCopyJob(page);
  expect(emailJob).toMatchObject({ id: emailJobId, status: 'cancelled', error: { code: 'cancelled' } });
  const cancelMs = Date.parse(emailJob.finishedAt!) - pressedAt;
  expect(cancelMs, 'the job ends promptly after the press').toBeLessThan(2_000);
  // Nothing of the email was kept: the SMS variants stay, with a note that the brief has changed since.
  await expect(variants).toHaveCount(5);
  await expect(page.getByTestId('copy-view-sms')).toHaveCount(5);
  await expect(page.getByTestId('copy-view-email')).toHaveCount(0);
  await expect(page.getByTestId('copy-brief-changed')).toBeVisible();
  await shot(page, '198-copy-llm-cancelled-light', page.getByTestId('copy-results'));
  test.info().annotations.push({
    type: 'timings',
    description: `SMS: first streamed text after ${smsFirstText} ms, ${smsSeen.length} texts shown; email: first text after ${emailFirstText} ms, ${(await seen()).length} texts shown; press to job cancelled ${cancelMs} ms, to "cancelled" shown ≤ ${cancelShownMs} ms`,
  });
  expect(pageErrors).toEqual([]);
});

test('copy studio settings: the language model block says what runs here and refuses a file that is not a model', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  await page.keyboard.press('Alt+Digit9');
  const block = page.getByTestId('llm-settings');
  await expect(block).toBeVisible();
  await expect(block.getByTestId('llm-available')).toHaveAttribute('data-available', /true|false/);
  await block.getByTestId('llm-file-input').setInputFiles({ name: 'not-a-model.gguf', mimeType: 'application/octet-stream', buffer: Buffer.from('not a model') });
  await expect(block.getByTestId('error-alert')).toBeVisible();
  await block.scrollIntoViewIfNeeded();
  await snap(page, '191-settings-llm-light');
  expect(pageErrors).toEqual([]);
});
