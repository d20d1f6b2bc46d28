import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, snap, test } from './fixtures';

test('workspace switcher: errors in plain words with their code, then a new workspace', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('welcome')).toBeVisible();

  await page.getByTestId('workspace-switcher').click();
  await expect(page.getByText('Current workspace')).toBeVisible();
  await snap(page, '40-workspace-menu-light');
  await page.getByTestId('workspace-open-new').click();

  const dialog = page.getByRole('dialog', { name: 'New or open workspace' });
  await expect(dialog).toBeVisible();
  // A name only, in the workspaces home beside this one (the browser mode takes no path).
  await expect(dialog).toContainText(path.dirname(host.workspace));
  await dialog.getByTestId('workspace-name').fill('does-not-exist');
  await dialog.getByRole('checkbox', { name: /Create it/ }).uncheck();
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  const error = dialog.getByTestId('error-alert');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-code', /^[a-z-]+$/);
  await snap(page, '41-workspace-modal-error-light');

  // A path is not a name: refused with a code, and no folder is made.
  await dialog.getByTestId('workspace-name').fill('../escaped');
  await dialog.getByRole('checkbox', { name: /Create it/ }).check();
  await dialog.getByRole('button', { name: 'Open or create' }).click();
  await expect(dialog.getByTestId('error-alert')).toHaveAttribute('data-code', 'bad-input');
  expect(existsSync(path.join(path.dirname(path.dirname(host.workspace)), 'escaped'))).toBe(false);

  await dialog.getByTestId('workspace-name').fill('second-shop');
  await dialog.getByRole('button', { name: 'Open or create' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('workspace-switcher')).toContainText('second-shop');
  await expect(page.getByTestId('welcome')).toBeVisible();

  // The first workspace is now among the recent ones; switch back.
  await page.getByTestId('workspace-switcher').click();
  await page.getByRole('menuitem', { name: /^workspace/ }).click();
  await expect(page.getByTestId('workspace-switcher')).toContainText('workspace');
  await expect(page.getByTestId('workspace-switcher')).not.toContainText('second-shop');

  expect(pageErrors).toEqual([]);
});
