import { settingsSchema, type Settings } from '../../shared/contract';
import type { Db } from '../db/open-workspace';
import { readSetting, writeSetting } from '../db/settings-repo';

const defaults: Settings = { currency: 'EUR', retrainAfterImport: false };

/** The workspace's settings, each falling back to its default when unset or unreadable. */
export function readSettings(db: Db): Settings {
  const currency = settingsSchema.shape.currency.safeParse(readSetting(db, 'currency'));
  const retrain = settingsSchema.shape.retrainAfterImport.safeParse(readSetting(db, 'retrainAfterImport'));
  return {
    currency: currency.success ? currency.data : defaults.currency,
    retrainAfterImport: retrain.success ? retrain.data : defaults.retrainAfterImport,
  };
}

export function updateSettings(db: Db, patch: Partial<Settings>): Settings {
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) writeSetting(db, key, value);
  })();
  return readSettings(db);
}
