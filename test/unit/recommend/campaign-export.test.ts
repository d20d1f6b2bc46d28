import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/engine/db/open-workspace';
import { recommendedNamesFor } from '../../../src/engine/recommend/read-repo';
import type { CampaignExportResult } from '../../../src/shared/campaign-schemas';
import { chosen, demoEngine, type DemoEngine } from '../engine-helpers';
import { seedRecommendations } from './seed-recommendations';

let demo: DemoEngine;
beforeAll(async () => {
  demo = await demoEngine({ customers: 400, seed: 17 });
}, 120_000);
afterAll(async () => demo.close());

/** Plain comma-separated rows (the names in this demo hold no commas or quotes). */
const rows = (file: string): string[][] =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','));

describe('campaign export with a recommendation model', () => {
  it("adds each recipient's three recommended products as merge-field columns", async () => {
    const db = new Database(path.join(demo.root, 'ws', 'workspace.sqlite'));
    try {
      seedRecommendations(db as unknown as Db);
      const campaign = await demo.value<{ id: number }>('campaigns.create', {
        name: 'Picked for you',
        channel: 'email',
        goal: 'promotion',
        audience: { rule: { all: [{ field: 'orders', op: '>=', value: 1 }] } },
        arms: [{ name: 'A' }],
        holdout: 0.1,
        seed: 2,
      });
      const folder = path.join(demo.root, 'export-recs');
      const done = demo.nextDone<CampaignExportResult>('campaigns.export');
      await demo.value('campaigns.export', { id: campaign.id, folder: chosen(demo.engine, folder, 'folder'), reveal: false });
      const result = await done;
      expect(result.files.find((f) => f.name === 'email.csv')?.description).toContain('Recommended 1–3');
      const email = rows(path.join(folder, 'email.csv'));
      expect(email[0]).toEqual(['Email Address', 'First Name', 'Last Name', 'Arm', 'Send Hour', 'Customer ID', 'Recommended 1', 'Recommended 2', 'Recommended 3']);
      expect(email.length).toBeGreaterThan(100);
      const ids = new Map((db.prepare('SELECT external_id, id FROM customers').raw().all() as Array<[string, number]>).map(([e, i]) => [e, i]));
      const sample = email.slice(1, 40);
      const want = recommendedNamesFor(db as unknown as Db, sample.map((r) => ids.get(r[5] as string) as number), 3);
      for (const row of sample) expect(row.slice(6)).toEqual(want.get(ids.get(row[5] as string) as number));
    } finally {
      db.close();
    }
  });
});
