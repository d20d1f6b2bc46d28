import type { Locator } from '@playwright/test';
import { expect, snap, test } from './fixtures';

const sections = [
  { id: 'dashboard', title: 'Dashboard', digit: 1 },
  { id: 'customers', title: 'Customers', digit: 2 },
  { id: 'insights', title: 'Insights', digit: 3 },
  { id: 'segments', title: 'Segments', digit: 4 },
  { id: 'campaigns', title: 'Campaigns', digit: 5 },
  { id: 'copy', title: 'Copy studio', digit: 6 },
  { id: 'models', title: 'Models', digit: 7 },
  { id: 'data', title: 'Data', digit: 8 },
  { id: 'settings', title: 'Settings', digit: 9 },
  { id: 'reviews', title: 'Reviews', digit: 0 },
] as const;

const numberIn = async (locator: Locator): Promise<number> =>
  Number(await locator.getAttribute('data-value'));

test('first launch: demo data, dashboard equal to the CLI, every section, dark theme', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);

  // The token leaves the address bar once the page has it.
  await expect(page).not.toHaveURL(/token=/);

  // An empty workspace greets with the two ways to begin.
  const welcome = page.getByTestId('welcome');
  await expect(welcome).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Explore with demo data' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Import your data' })).toBeVisible();
  await snap(page, '01-welcome-light');

  await page.getByText('Advanced').click();
  await expect(page.getByTestId('demo-seed')).toBeVisible();
  await page.getByTestId('demo-size').getByText('2,000', { exact: true }).click();
  await expect(page.getByTestId('demo-generate')).toHaveText('Generate a shop with 2,000 customers');
  await snap(page, '02-welcome-options-light');

  // Record every progress figure the page shows: a 2,000-customer shop can be ready in well under a second.
  // (A string, because this project's Node tsconfig has no DOM types.)
  await page.evaluate(`(() => {
    const seen = (window.__progressSeen = []);
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-testid="demo-progress"] [data-testid="job-percent"]')) {
        seen.push(el.textContent ?? '');
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  await page.getByTestId('demo-generate').click();

  // The dashboard replaces the welcome screen when the job is done.
  const customers = page.getByTestId('kpi-customers');
  await expect(customers).toBeVisible({ timeout: 60_000 });
  const seen = (await page.evaluate('window.__progressSeen')) as string[];
  expect(seen.length, 'the job showed its progress inline').toBeGreaterThan(0);
  expect(seen.every((text) => /^\d{1,3}%$/.test(text))).toBe(true);

  // Every figure equals what the CLI reads from the same workspace.
  const stats = await host.stats();
  expect(stats.customers).toBe(2000);
  expect(await numberIn(customers)).toBe(stats.customers);
  expect(await numberIn(page.getByTestId('kpi-orders'))).toBe(stats.orders - stats.returns);
  expect(await numberIn(page.getByTestId('kpi-returns'))).toBe(stats.returns);
  expect(await numberIn(page.getByTestId('kpi-revenue'))).toBeCloseTo(stats.revenue, 2);
  const aov = await numberIn(page.getByTestId('kpi-aov'));
  expect(aov).toBeCloseTo(stats.revenue / (stats.orders - stats.returns), 1);
  // Shown formatted: thousands separators and the workspace's currency.
  await expect(customers).toHaveText('2,000');
  await expect(page.getByTestId('kpi-revenue')).toContainText(/€[\d,]+/);
  await expect(page.getByTestId('revenue-chart').locator('canvas').first()).toBeVisible();
  await expect(page.getByText(/^Orders from .+ to .+$/)).toBeVisible();
  await snap(page, '03-dashboard-light');

  // The job tray keeps the finished job.
  await page.getByTestId('job-tray').click();
  const trayJob = page.getByTestId('job-tray-dropdown').getByTestId('job').first();
  await expect(trayJob).toHaveAttribute('data-status', 'done');
  await snap(page, '04-job-tray-done-light');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('job-tray-dropdown')).toBeHidden();

  // Every section through the sidebar…
  for (const [index, section] of sections.entries()) {
    await page.getByTestId(`nav-${section.id}`).click();
    await expect(page.getByRole('heading', { level: 1, name: section.title })).toBeVisible();
    await expect(page.getByTestId(`nav-${section.id}`)).toHaveAttribute('aria-current', 'page');
    if (section.id !== 'dashboard') {
      // Wait for the real content (not the skeletons) before the screenshot.
      await expect(page.locator('[aria-busy="true"], .mantine-Skeleton-root')).toHaveCount(0);
      await snap(page, `${String(index + 4).padStart(2, '0')}-${section.id}-light`);
    }
  }

  // …and through the keyboard shortcuts, from any page.
  for (const section of [...sections].reverse()) {
    await page.keyboard.press(`Alt+Digit${section.digit}`);
    await expect(page.getByRole('heading', { level: 1, name: section.title })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#/${section.id}$`));
  }

  // Settings names the TensorFlow.js backend in use and the versions.
  await page.keyboard.press('Alt+Digit9');
  await expect(page.getByTestId('tf-backend')).toHaveAttribute('data-backend', /^(tensorflow|wasm|cpu)$/);
  await expect(page.getByTestId('version-electron')).toHaveText('Browser mode');
  await expect(page.getByTestId('version-sqlite')).toHaveText(/^\d+\.\d+/);

  // Dark theme, remembered across a reload.
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expect(page.getByTestId('tf-backend')).toBeVisible();
  await snap(page, '20-settings-dark');
  await page.keyboard.press('Alt+Digit1');
  await expect(page.getByTestId('kpi-customers')).toHaveAttribute('data-value', String(stats.customers));
  await snap(page, '21-dashboard-dark');
  await page.keyboard.press('Alt+Digit2');
  await expect(page.getByTestId('explorer-total')).toHaveAttribute('data-total', String(stats.customers));
  await snap(page, '22-customers-dark');

  expect(pageErrors).toEqual([]);
});

test('the page is refused without the session token', async ({ host, playwright }) => {
  const anonymous = await playwright.request.newContext();
  try {
    const page = await anonymous.get(`${host.origin}/`);
    expect(page.status()).toBe(401);
    const wrong = await anonymous.get(`${host.origin}/?token=not-the-token`);
    expect(wrong.status()).toBe(401);
  } finally {
    await anonymous.dispose();
  }
});

test('cancelling a 100,000-customer demo from the job tray leaves the workspace empty', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
  await page.getByTestId('demo-size').getByText('100,000', { exact: true }).click();
  await expect(page.getByTestId('demo-generate')).toHaveText('Generate a shop with 100,000 customers');
  await page.getByTestId('demo-generate').click();

  // Inline progress on the welcome screen, and a running job in the tray.
  await expect(page.getByTestId('demo-progress')).toBeVisible();
  await expect(page.getByTestId('job-tray')).toHaveAttribute('data-running', '1');
  await expect(page.getByTestId('demo-progress').getByTestId('job-detail')).not.toBeEmpty();
  await snap(page, '30-demo-running-light');

  await page.getByTestId('job-tray').click();
  const job = page.getByTestId('job-tray-dropdown').getByTestId('job').first();
  await expect(job).toHaveAttribute('data-status', 'running');
  await snap(page, '31-job-tray-running-light');
  await job.getByTestId('job-cancel').click();

  await expect(job).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 });
  await expect(job.getByTestId('job-status')).toHaveText('Cancelled');
  await snap(page, '32-job-tray-cancelled-light');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('job-tray-dropdown')).toBeHidden();

  // Still the welcome screen, with an honest note, and the CLI agrees the workspace is empty.
  await expect(page.getByTestId('welcome')).toBeVisible();
  await expect(page.getByTestId('demo-cancelled')).toBeVisible();
  await expect(page.getByTestId('job-tray')).toHaveAttribute('data-running', '0');
  await snap(page, '33-welcome-after-cancel-light');
  const stats = await host.stats();
  expect(stats.customers).toBe(0);
  expect(stats.orders).toBe(0);

  expect(pageErrors).toEqual([]);
});
