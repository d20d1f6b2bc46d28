import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, shot, test } from './fixtures';

// Adult's income column holds "<=50K" / ">50K": neither reads as yes/no, so the user names the outcome value.
const ADULT = path.resolve('test/data/adult/adult_sdgym_train.csv');

test('the model lab trains on a file whose outcome the user picks from the column values and their counts', async ({ page, host, pageErrors }, testInfo) => {
  test.setTimeout(240_000);
  const file = testInfo.outputPath('adult-1500.csv');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${(await fs.readFile(ADULT, 'utf8')).split(/\r?\n/).slice(0, 1501).join('\n')}\n`);

  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Models', exact: true }).click();
  const panel = page.getByTestId('train-from-file');
  await expect(panel).toBeVisible();
  await panel.getByTestId('import-file-input').setInputFiles(file);
  await expect(panel.getByTestId('from-file-name')).toContainText('1,500 rows, 15 columns');

  await panel.getByTestId('from-file-target').click();
  await page.getByRole('option', { name: /^label \(2 values\)$/ }).click();
  await panel.getByTestId('from-file-positive').click();
  const options = page.getByRole('option');
  await expect(options).toHaveCount(2);
  await expect(options.first()).toHaveText(/^<=50K \([\d,]+ rows\)$/);
  await shot(page, '140-model-lab-file-outcome-light', panel);
  await page.getByRole('option', { name: />50K \(/ }).click();

  await panel.getByTestId('from-file-train').click();
  const result = panel.getByTestId('from-file-result');
  await expect(result).toBeVisible({ timeout: 200_000 });
  const auc = Number(await panel.getByTestId('from-file-auc').innerText());
  expect(auc).toBeGreaterThan(0.8);
  await expect(result).toContainText('label = >50K');
  await shot(page, '141-model-lab-file-result-light', panel);
  expect(pageErrors).toEqual([]);
});
