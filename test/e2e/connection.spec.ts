import { expect, snap, test } from './fixtures';

test('when the engine goes away the app says it is reconnecting, and keeps the page usable', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);

  await host.kill();

  const banner = page.getByTestId('connection-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Reconnecting to the Localyst engine…');
  // The sidebar still works while the engine is away.
  await page.keyboard.press('Alt+Digit8');
  await expect(page.getByRole('heading', { level: 1, name: 'Data' })).toBeVisible();
  await expect(banner).toBeVisible();
  await snap(page, '50-reconnecting-light');
});
