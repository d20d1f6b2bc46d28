import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { BlobReader, TextWriter, ZipReader } from '@zip.js/zip.js';
import { closeToasts, expect, noJobRunning, shot, snap, test } from './fixtures';

const PASSPHRASE = 'violet staircase 42 lamp';
const NEXT_PASSPHRASE = 'amber harbour 7 kettles';

const openSection = (page: Page, name: 'Customers' | 'Settings'): Promise<void> =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }).click();

/** Switches to another workspace of the recent list (by the start of its name) through the top bar. */
async function switchTo(page: Page, name: string): Promise<void> {
  await page.getByTestId('workspace-switcher').click();
  await page.getByRole('menuitem', { name: new RegExp(`^${name}`) }).click();
}

/** Reads the recovery key from its one-time modal, checks it cannot be dismissed by accident, and closes it. */
async function saveRecoveryKey(page: Page, screenshot?: string): Promise<string> {
  const modal = page.getByTestId('recovery-key-modal');
  await expect(modal).toBeVisible({ timeout: 60_000 });
  const key = (await page.getByTestId('recovery-key').innerText()).trim();
  expect(key.replace(/[\s-]/g, '').length).toBeGreaterThanOrEqual(20);
  await expect(modal).toContainText('only way back');
  // Neither Escape nor a click beside it closes it: only "I have saved it".
  await page.keyboard.press('Escape');
  await page.mouse.click(5, 5);
  await expect(modal).toBeVisible();
  if (screenshot) await snap(page, screenshot);
  await page.getByTestId('recovery-key-saved').click();
  await expect(modal).toBeHidden();
  return key;
}

test('encrypted workspace: create with a recovery key, unlock, Settings → Security, decrypt, encrypt, change passphrase', async ({ page, host, pageErrors }) => {
  test.setTimeout(240_000);
  await page.goto(host.url);
  await expect(page.getByTestId('welcome')).toBeVisible();

  // Create an encrypted workspace from the top bar.
  await page.getByTestId('workspace-switcher').click();
  await page.getByTestId('workspace-open-new').click();
  const dialog = page.getByRole('dialog', { name: 'New or open workspace' });
  await dialog.getByTestId('workspace-name').fill('vault-shop');
  await dialog.getByTestId('workspace-encrypt').check();
  await dialog.getByTestId('workspace-encrypt-passphrase').fill('abc');
  await expect(dialog.getByTestId('workspace-encrypt-strength')).toHaveAttribute('data-level', 'weak');
  await expect(dialog.getByTestId('workspace-open-submit')).toBeDisabled();
  await dialog.getByTestId('workspace-encrypt-passphrase').fill(PASSPHRASE);
  await dialog.getByTestId('workspace-encrypt-confirm').fill(`${PASSPHRASE}!`);
  await expect(dialog).toContainText('The two passphrases differ.');
  await expect(dialog.getByTestId('workspace-open-submit')).toBeDisabled();
  await dialog.getByTestId('workspace-encrypt-confirm').fill(PASSPHRASE);
  await expect(dialog.getByTestId('workspace-encrypt-strength')).toHaveAttribute('data-level', /good|strong/);
  // The browser mode has no OS key store: nothing to remember the key in.
  await expect(dialog.getByTestId('workspace-encrypt-remember')).toHaveCount(0);
  await snap(page, '320-encryption-create-modal');
  await dialog.getByTestId('workspace-open-submit').click();
  const recoveryKey = await saveRecoveryKey(page, '321-encryption-recovery-key');
  await expect(page.getByTestId('workspace-switcher')).toContainText('vault-shop');

  // Settings → Security says how it is protected, in plain words.
  await openSection(page, 'Settings');
  const security = page.getByTestId('security-section');
  await expect(security.getByTestId('security-state')).toHaveText('Encrypted');
  await expect(security.getByTestId('security-cipher')).toContainText('ChaCha20-Poly1305');
  await expect(security.getByTestId('security-kdf')).toContainText('Argon2id');
  await shot(page, '322-encryption-settings', security);

  // Away and back: the engine holds it locked until the passphrase is given.
  await switchTo(page, 'workspace');
  await expect(page.getByTestId('workspace-switcher')).not.toContainText('vault-shop');
  await switchTo(page, 'vault-shop');
  const lock = page.getByTestId('lock-screen');
  await expect(lock).toBeVisible();
  await expect(page.getByTestId('lock-title')).toContainText('vault-shop');
  await expect(page.getByTestId('lock-lost')).toContainText('nobody can open this workspace again');
  await expect(page.getByTestId('lock-remember')).toHaveCount(0);
  await expect(page.getByTestId('lock-passphrase')).toBeFocused();
  await page.getByTestId('lock-passphrase').fill('not the passphrase');
  await page.keyboard.press('Enter');
  await expect(lock).toContainText('That passphrase does not open this workspace');
  await snap(page, '323-encryption-lock-wrong');
  await page.getByTestId('lock-passphrase').fill(PASSPHRASE);
  await page.keyboard.press('Enter');
  await expect(lock).toBeHidden();
  await expect(page.getByTestId('workspace-switcher')).toContainText('vault-shop');

  // The recovery key opens it too.
  await switchTo(page, 'workspace');
  await switchTo(page, 'vault-shop');
  await expect(lock).toBeVisible();
  await page.getByTestId('lock-switch-mode').click();
  await expect(page.getByTestId('lock-recovery-key')).toBeFocused();
  await page.getByTestId('lock-recovery-key').fill(recoveryKey);
  await snap(page, '324-encryption-lock-recovery-key');
  await page.keyboard.press('Enter');
  await expect(lock).toBeHidden();

  // Decrypt: a plain warning and the passphrase asked again; a wrong one changes nothing.
  await openSection(page, 'Settings');
  await security.getByTestId('security-decrypt').click();
  const decrypt = page.getByTestId('decrypt-modal');
  await expect(decrypt).toContainText('anyone who copies this folder can read every customer');
  await decrypt.getByTestId('decrypt-passphrase').fill('not the passphrase');
  await decrypt.getByTestId('decrypt-start').click();
  await expect(decrypt).toContainText('That passphrase does not open this workspace');
  await snap(page, '325-encryption-decrypt');
  await decrypt.getByTestId('decrypt-passphrase').fill(PASSPHRASE);
  await decrypt.getByTestId('decrypt-start').click();
  await expect(decrypt.getByTestId('decrypt-done')).toBeVisible({ timeout: 60_000 });
  await decrypt.getByRole('button', { name: 'Close' }).click();
  await expect(security.getByTestId('security-state')).toHaveText('Not encrypted');

  // Encrypt it again from Settings: a job, then the new recovery key once.
  await security.getByTestId('security-encrypt').click();
  const encrypt = page.getByTestId('encrypt-modal');
  await encrypt.getByTestId('encrypt-passphrase').fill(PASSPHRASE);
  await encrypt.getByTestId('encrypt-confirm').fill(PASSPHRASE);
  await encrypt.getByTestId('encrypt-start').click();
  await saveRecoveryKey(page, '326-encryption-encrypt-recovery-key');
  await expect(encrypt.getByTestId('encrypt-done')).toBeVisible();
  await encrypt.getByRole('button', { name: 'Close' }).click();
  await expect(security.getByTestId('security-state')).toHaveText('Encrypted');

  // Change the passphrase: a wrong current one is refused inline; then the new one unlocks.
  await security.getByTestId('security-change').click();
  const change = page.getByTestId('change-passphrase-modal');
  await change.getByTestId('change-current').fill('not the passphrase');
  await change.getByTestId('change-next-passphrase').fill(NEXT_PASSPHRASE);
  await change.getByTestId('change-next-confirm').fill(NEXT_PASSPHRASE);
  await change.getByTestId('change-start').click();
  await expect(change).toContainText('That passphrase does not open this workspace');
  await change.getByTestId('change-current').fill(PASSPHRASE);
  await change.getByTestId('change-start').click();
  await expect(change).toBeHidden();
  await switchTo(page, 'workspace');
  await switchTo(page, 'vault-shop');
  await page.getByTestId('lock-passphrase').fill(NEXT_PASSPHRASE);
  await page.keyboard.press('Enter');
  await expect(lock).toBeHidden();

  expect(pageErrors).toEqual([]);
});

test('encrypted export archive: the export dialog says the file is not encrypted and writes an AES-256 zip instead', async ({ page, host, pageErrors }) => {
  test.setTimeout(240_000);
  await page.goto(host.url);
  await page.getByTestId('demo-generate').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 60_000 });
  await noJobRunning(page);
  await closeToasts(page);

  await openSection(page, 'Customers');
  await page.getByTestId('explorer-export-open').click();
  const dialog = page.getByTestId('explorer-export');
  await expect(dialog.getByTestId('explorer-export-not-encrypted')).toContainText('The exported file is not encrypted');
  await dialog.getByTestId('explorer-export-archive').check();
  await dialog.getByTestId('explorer-export-archive-passphrase').fill('short');
  await expect(dialog.getByTestId('explorer-export-start')).toBeDisabled();
  await dialog.getByTestId('explorer-export-archive-passphrase').fill(PASSPHRASE);
  await snap(page, '327-encryption-export-archive-option');
  await dialog.getByTestId('explorer-export-start').click();
  const done = dialog.getByTestId('explorer-export-done');
  await expect(done).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByTestId('export-archive-done')).toBeVisible();
  await expect(dialog.getByTestId('explorer-export-path')).toContainText('.zip');
  await snap(page, '328-encryption-export-archive-done');

  // The folder holds the zip and nothing else; the zip opens with the passphrase only and holds every row.
  const exportsDir = path.join(host.workspace, 'exports');
  const files = await readdir(exportsDir);
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^customers-\d{8}-\d{6}\.zip$/);
  const reader = new ZipReader(new BlobReader(new Blob([await readFile(path.join(exportsDir, files[0]!))])));
  const [entry] = await reader.getEntries();
  if (!entry || entry.directory) throw new Error('the archive holds no file');
  expect(entry.encrypted).toBe(true);
  await expect(entry.getData(new TextWriter(), { password: 'not the passphrase' })).rejects.toThrow(/password/i);
  const csv = await entry.getData(new TextWriter(), { password: PASSPHRASE });
  await reader.close();
  expect(csv.trim().split('\r\n').length - 1).toBe(Number(await done.getAttribute('data-rows')));

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // The import wizard says where an upload waits, unencrypted, and for how long.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Data', exact: true }).click();
  await expect(page.getByTestId('import-upload-notice')).toContainText('kept only until its import ends');
  await shot(page, '329-encryption-import-upload-notice');

  expect(pageErrors).toEqual([]);
});
