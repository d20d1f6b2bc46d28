import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, gridCell, snap, test } from './fixtures';

async function loadDemoShop(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('demo-generate').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 60_000 });
}

/** The little of the browser this file uses inside `page.evaluate` (it is type-checked without the DOM library). */
type Browser = {
  location: { host: string };
  sessionStorage: { getItem: (key: string) => string | null };
  WebSocket: new (url: string) => {
    onopen: (() => void) | null;
    onmessage: ((message: { data: string }) => void) | null;
    onerror: (() => void) | null;
    send: (data: string) => void;
    close: () => void;
  };
};

/** Calls a contract channel over the page's own host (a second WebSocket with the page's session), as the app does. */
async function callApi<T>(page: Page, channel: string, input: unknown): Promise<T> {
  return page.evaluate(
    ({ channel, input }) =>
      new Promise<T>((resolve, reject) => {
        const g = globalThis as unknown as Browser;
        const token = g.sessionStorage.getItem('localyst.token');
        const ws = new g.WebSocket(`ws://${g.location.host}/api${token ? `?token=${encodeURIComponent(token)}` : ''}`);
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, channel, input }));
        ws.onerror = () => reject(new Error('WebSocket failed'));
        ws.onmessage = (message) => {
          const frame = JSON.parse(message.data) as { id?: number; envelope?: { ok: boolean; value?: T; error?: { message: string } } };
          if (frame.id !== 1 || !frame.envelope) return;
          ws.close();
          if (frame.envelope.ok) resolve(frame.envelope.value as T);
          else reject(new Error(frame.envelope.error?.message ?? 'failed'));
        };
      }),
    { channel, input },
  );
}

/** Closes notifications until none is left (a late one may arrive), never failing a test over a toast. */
async function closeToasts(page: Page): Promise<void> {
  await expect(async () => {
    for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click({ timeout: 1_000 }).catch(() => undefined);
    await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 1_000 });
  })
    .toPass({ timeout: 10_000 })
    .catch(() => undefined);
}

/** A screenshot without notifications over its corner, scrolled to `target` (or the page's top). */
async function shot(page: Page, name: string, target?: Locator): Promise<void> {
  await closeToasts(page);
  const element = target ?? page.getByRole('heading', { level: 1 });
  // Scrolled to the top of `target`, below the sticky top bar (or the heading into the middle).
  await element.evaluate(
    (el, toTarget) => {
      (el as unknown as { scrollIntoView: (o: object) => void }).scrollIntoView({ block: toTarget ? 'start' : 'center' });
      if (toTarget) (globalThis as unknown as { scrollBy: (x: number, y: number) => void }).scrollBy(0, -64);
    },
    target !== undefined,
  );
  await snap(page, name);
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
  await expect(page.getByTestId('copy-response-model')).toBeVisible();
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

/**
 * Holds a copy generation "running" at the wire: the built-in engine finishes in milliseconds, so to see (and
 * screenshot) what a long language-model job looks like, the test keeps the job's end from the page, sends the
 * progress a model would stream, and answers the page's cancel as the engine does.
 */
async function holdGenerations(page: Page): Promise<{ release: () => void }> {
  let holding = true;
  await page.routeWebSocket(/\/api/, (ws) => {
    const server = ws.connectToServer();
    const generateRequests = new Set<number>();
    const held = new Set<string>();
    const send = (frame: unknown): void => ws.send(JSON.stringify(frame));
    const chunks = ['Hi {{firstName|there}},', '\n\nThe evenings are drawing in,', ' and your favourite diffuser is', ' waiting for you.'];
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { id: number; channel: string; input: { jobId?: string } };
      if (holding && frame.channel === 'copy.generate') generateRequests.add(frame.id);
      if (frame.channel === 'jobs.cancel' && frame.input.jobId && held.has(frame.input.jobId)) {
        const jobId = frame.input.jobId;
        send({ id: frame.id, envelope: { ok: true, value: { cancelled: true } } });
        setTimeout(() => send({ event: 'job.failed', payload: { jobId, kind: 'copy.generate', error: { code: 'cancelled', message: 'Cancelled.' } } }), 200);
        return;
      }
      server.send(message);
    });
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as {
        id?: number;
        envelope?: { ok: boolean; value?: { jobId?: string; id?: string; status?: string } };
        event?: string;
        payload?: { jobId?: string };
      };
      if (frame.id !== undefined && generateRequests.has(frame.id) && frame.envelope?.value?.jobId) {
        const jobId = frame.envelope.value.jobId;
        held.add(jobId);
        ws.send(message);
        chunks.forEach((_, i) =>
          setTimeout(() => {
            const preview = chunks.slice(0, i + 1).join('');
            send({ event: 'job.progress', payload: { jobId, kind: 'copy.generate', fraction: 0.2 + 0.15 * i, stage: 'Writing variant 2 of 5', message: 'local language model', rowsPerSecond: null, etaSeconds: 20 - 4 * i, preview } });
          }, 150 * (i + 1)),
        );
        return;
      }
      // The job's record, as the page asks for it, stays "running" while held.
      const value = frame.envelope?.value;
      if (value?.id && held.has(value.id)) {
        ws.send(JSON.stringify({ ...frame, envelope: { ok: true, value: { ...value, status: 'running', fraction: 0.2, finishedAt: null, result: undefined } } }));
        return;
      }
      if (frame.event && frame.payload?.jobId && held.has(frame.payload.jobId) && frame.event !== 'job.started') return;
      ws.send(message);
    });
  });
  return { release: () => (holding = false) };
}

test('copy studio: from a campaign’s audience to a brief; a long generation shows progress, streamed text and can be cancelled', async ({ page, host, pageErrors }) => {
  test.setTimeout(180_000);
  await holdGenerations(page);
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
  const job = page.getByTestId('copy-job');
  await expect(job).toBeVisible();
  await expect(job.getByTestId('copy-streamed')).toContainText('your favourite diffuser is waiting for you.');
  await expect(page.getByTestId('copy-generate')).toBeDisabled();
  await shot(page, '192-copy-generating-light', page.getByTestId('copy-results'));

  await job.getByTestId('job-cancel').click();
  await expect(page.getByTestId('copy-cancelled')).toBeVisible();
  await expect(job).toBeHidden();
  await expect(page.getByTestId('copy-empty')).toBeVisible();
  await expect(page.getByTestId('copy-generate')).toBeEnabled();
  await shot(page, '193-copy-cancelled-light', page.getByTestId('copy-results'));
  expect(pageErrors).toEqual([]);
});

test('copy studio settings: the language model block says what runs here and refuses a file that is not a model', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  await page.keyboard.press('Alt+Digit9');
  const block = page.getByTestId('llm-settings');
  await expect(block).toBeVisible();
  await expect(block.getByTestId('llm-available')).toHaveAttribute('data-available', /true|false/);
  await block.getByTestId('llm-path').fill(`${host.workspace}/not-a-model.gguf`);
  await block.getByTestId('llm-use').click();
  await expect(block.getByTestId('error-alert')).toBeVisible();
  await block.scrollIntoViewIfNeeded();
  await snap(page, '191-settings-llm-light');
  expect(pageErrors).toEqual([]);
});
