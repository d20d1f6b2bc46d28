import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWorkspace, openWorkspace, type OpenedWorkspace } from '../../../src/engine/db/open-workspace';
import { generateDemo } from '../../../src/engine/demo/generate';
import { refreshCustomerMetrics } from '../../../src/engine/customers/metrics';
import { attachPseudonymKey } from '../../../src/engine/ingest/pseudonyms';
import { sampleSynth } from '../../../src/engine/synth/sample-job';
import { listSynthModels, readSynthArtefact } from '../../../src/engine/synth/synth-repo';
import { splitRows, trainSynth } from '../../../src/engine/synth/train-job';
import { buildSynthWorkspace, orderTimes, orderValues } from '../../../src/engine/synth/workspace-job';
import { readSource } from '../../../src/engine/synth/source';
import { detectColumns } from '../../../src/engine/synth/columns';
import { rowHashTest, formatRows, toSynthData, resolveColumns } from '../../../src/engine/synth/columns';
import { createRng } from '../../../src/engine/kernel/random';
import { refusal, tempDir } from '../helpers';
import { fakeEngines, recordingControl } from './fakes';
import { customerTable, toCsv } from './table';

// The synthetic twin's jobs with stand-in synthesizers (test/unit/synth/fakes.ts): reading sources, the holdout,
// progress and GAN points, cancel, storing, sampling to CSV with fake identities, and the synthetic workspace.
let dir: string;
let cleanup: () => void;
let ws: OpenedWorkspace;
let csv: string;
const COLUMNS = [
  { name: 'customer_id', role: 'id' },
  { name: 'email', role: 'pii' },
  { name: 'full_name', role: 'pii' },
  { name: 'age', role: 'numeric' },
  { name: 'income', role: 'numeric' },
  { name: 'joined', role: 'datetime' },
  { name: 'segment', role: 'categorical' },
  { name: 'churned', role: 'categorical' },
  { name: 'notes', role: 'text' },
] as const;
const trainInput = (over: Record<string, unknown> = {}) => ({
  source: { kind: 'file' as const, file: 'fh_aaaaaaaaaaaaaaaaaaaaaa' },
  file: csv,
  columns: COLUMNS.map((c) => ({ ...c })),
  methods: ['gan', 'copula'] as Array<'gan' | 'copula'>,
  epochs: 4,
  seed: 7,
  holdout: 0.2,
  ...over,
});

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  csv = path.join(dir, 'customers.csv');
  fs.writeFileSync(csv, toCsv(customerTable(300)));
  ws = await openWorkspace(path.join(dir, 'ws'), { create: true });
  attachPseudonymKey(ws.db, randomBytes(32));
  const control = recordingControl();
  ws.db.transaction(() => {
    generateDemo(ws.db, { customers: 150, seed: 4 }, control);
    refreshCustomerMetrics(ws.db);
  })();
});
afterAll(() => {
  closeWorkspace(ws);
  cleanup();
});

describe('synth.train job', () => {
  it('splits by seed, fits both methods on the training rows, streams GAN points and stores both models at the end', async () => {
    const calls: string[] = [];
    const control = recordingControl();
    const result = await trainSynth(ws.db, { ...trainInput(), target: 'churned', positive: 'yes' }, control, fakeEngines({ calls }));
    expect(result.models.map((m) => m.method)).toEqual(['gan', 'copula']);
    expect(result.backend).toBe('cpu');
    // 300 rows, 20 % kept aside: 240 learned, the quality measured against the 60 unseen rows.
    expect(calls).toEqual(['fitGan validation=60', 'quality real=60', 'fitCopula', 'quality real=60']);
    const [gan, copula] = result.models;
    expect(gan).toMatchObject({ rows: 240, columns: 5, source: 'customers.csv', target: 'churned', bestEpoch: 4, epochs: 4, backend: 'cpu' });
    expect(copula).toMatchObject({ rows: 240, backend: 'javascript', history: [], bestEpoch: null });
    expect(gan?.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    expect(gan?.efficacy?.testRows).toBe(60);
    expect(gan?.columnRoles.find((c) => c.name === 'email')?.role).toBe('pii');
    const points = control.updates.filter((u) => u.point);
    expect(points.map((p) => p.point?.gan?.generator)).toEqual([1, 1 / 2, 1 / 3, 1 / 4]);
    expect(points.every((p) => p.fraction < 0)).toBe(true);
    const fractions = control.updates.filter((u) => u.fraction >= 0).map((u) => u.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(listSynthModels(ws.db).slice(0, 2).map((m) => m.id)).toEqual([copula?.id, gan?.id]);
    // The artefact keeps no real row: hashes of the training rows only, which recognise them.
    const { artefact } = readSynthArtefact(ws.db, gan?.id as number);
    expect(artefact.omitted.map((c) => c.name)).toEqual(['customer_id', 'email', 'full_name', 'notes']);
    expect(JSON.stringify(artefact.trainingRows)).not.toContain('example.com');
    const table = customerTable(300);
    const all = toSynthData(table, resolveColumns(table, trainInput().columns));
    const isCopy = rowHashTest(artefact.trainingRows);
    const rows = formatRows(all, artefact.columns);
    const { train, holdout } = splitRows(300, 0.2, 7);
    expect(train.every((i) => isCopy(rows[i] as string[]))).toBe(true);
    expect(holdout.filter((i) => isCopy(rows[i] as string[])).length).toBeLessThan(3);
  });

  it('stores nothing when cancelled at any stage', async () => {
    const before = listSynthModels(ws.db).length;
    for (const cancelAfter of [0, 2, 5, 9, 14]) {
      const e = await refusal(trainSynth(ws.db, trainInput(), recordingControl(cancelAfter), fakeEngines()));
      expect(e.code).toBe('cancelled');
    }
    expect(listSynthModels(ws.db).length).toBe(before);
  });

  it('refuses a target that is not learned as categories, in plain words', async () => {
    const e = await refusal(trainSynth(ws.db, { ...trainInput(), target: 'age' }, recordingControl(), fakeEngines()));
    expect(e.message).toMatch(/target "age" must be one of the learned columns/);
  });

  it('learns the customer feature table of a workspace', async () => {
    const { label, table } = readSource(ws.db, { kind: 'customer-features' });
    expect(label).toBe('customer features');
    expect(table.rows.length).toBe(150);
    const roles = Object.fromEntries(detectColumns(table).map((c) => [c.name, c.role]));
    expect(roles).toMatchObject({ country: 'categorical', frequency: 'numeric', monetary: 'numeric', first_order_at: 'datetime', top_category: 'categorical' });
    const columns = detectColumns(table).map((c) => ({ name: c.name, role: c.role }));
    const result = await trainSynth(ws.db, { source: { kind: 'customer-features' }, columns, methods: ['copula'], epochs: 1, seed: 1, holdout: 0.2 }, recordingControl(), fakeEngines());
    expect(result.models[0]).toMatchObject({ source: 'customer features', rows: 120 });
  });
});

describe('synth.sample job', () => {
  it('writes the asked number of rows, fills ids and personal columns with fakes, and drops copies of training rows', async () => {
    const engines = fakeEngines({ copyShare: 0.3 });
    const trained = await trainSynth(ws.db, { ...trainInput(), methods: ['copula'] }, recordingControl(), engines);
    const modelId = trained.models[0]?.id as number;
    const target = path.join(dir, 'twin.csv');
    const control = recordingControl();
    const result = await sampleSynth(ws.db, { modelId, rows: 12_000, seed: 3, fill: true, target }, control, engines);
    expect(result).toMatchObject({ modelId, rows: 12_000, file: target, encrypted: false });
    expect(result.droppedCopies).toBeGreaterThan(1000);
    expect(result.rowsPerSecond).toBeGreaterThan(0);
    const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(target, 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual(COLUMNS.map((c) => c.name));
    expect(parsed.data).toHaveLength(12_000);
    expect(parsed.data[0]?.customer_id).toBe('SYN-0000001');
    expect(parsed.data.every((r) => /@example\.(com|net|org)$/.test(r.email ?? ''))).toBe(true);
    expect(parsed.data.every((r) => r.notes === '')).toBe(true);
    expect(parsed.data.some((r) => r.email?.startsWith('person'))).toBe(false);
    const isCopy = rowHashTest(readSynthArtefact(ws.db, modelId).artefact.trainingRows);
    expect(parsed.data.filter((r) => isCopy([r.age, r.income, r.joined, r.segment, r.churned] as string[])).length).toBe(0);
    expect(control.updates.filter((u) => u.stage === 'Sampling').length).toBeGreaterThanOrEqual(3);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);

    // Without fill: the learned columns only.
    const plain = path.join(dir, 'plain.csv');
    await sampleSynth(ws.db, { modelId, rows: 50, seed: 3, fill: false, target: plain }, recordingControl(), engines);
    expect(fs.readFileSync(plain, 'utf8').split('\r\n')[0]).toBe('age,income,joined,segment,churned');
  });

  it('leaves no file when cancelled', async () => {
    const engines = fakeEngines();
    const modelId = listSynthModels(ws.db)[0]?.id as number;
    const target = path.join(dir, 'cancelled.csv');
    const e = await refusal(sampleSynth(ws.db, { modelId, rows: 20_000, seed: 1, fill: false, target }, recordingControl(2), engines));
    expect(e.code).toBe('cancelled');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.cancelled') || f === 'cancelled.csv')).toEqual([]);
  });
});

describe('synth.workspace job', () => {
  it('rebuilds a plausible shop from a twin of the customer features, in a new workspace', async () => {
    const { table } = readSource(ws.db, { kind: 'customer-features' });
    const columns = detectColumns(table).map((c) => ({ name: c.name, role: c.role }));
    const trained = await trainSynth(ws.db, { source: { kind: 'customer-features' }, columns, methods: ['copula'], epochs: 1, seed: 2, holdout: 0.2 }, recordingControl(), fakeEngines());
    const modelId = trained.models[0]?.id as number;
    const folder = path.join(dir, 'twin-shop');
    const result = await buildSynthWorkspace(ws.db, { modelId, name: 'twin-shop', rows: 80, seed: 5, folder }, recordingControl(), fakeEngines());
    expect(result).toMatchObject({ modelId, name: 'twin-shop', customers: 80 });
    expect(result.orders).toBeGreaterThan(80);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    const shop = await openWorkspace(folder, { create: false });
    try {
      const count = (sql: string): number => (shop.db.prepare(sql).get() as { n: number }).n;
      expect(count('SELECT count(*) AS n FROM customers')).toBe(80);
      expect(count('SELECT count(*) AS n FROM orders')).toBe(result.orders);
      expect(count("SELECT count(*) AS n FROM customers WHERE email NOT LIKE '%@example.%'")).toBe(0);
      // Figures rebuilt from the twin (here a bootstrap of the real figures): orders and revenue per buying customer
      // come out near the source shop's.
      const mean = (db: typeof ws.db, col: string): number => (db.prepare(`SELECT avg(${col}) AS v FROM customer_metrics WHERE orders > 0`).get() as { v: number }).v;
      for (const col of ['orders', 'revenue']) {
        expect(mean(shop.db, col) / mean(ws.db, col)).toBeGreaterThan(0.6);
        expect(mean(shop.db, col) / mean(ws.db, col)).toBeLessThan(1.6);
      }
      expect(count('SELECT count(*) AS n FROM customer_metrics WHERE orders > 0')).toBeGreaterThan(40);
      // No real customer's identity is in the new shop.
      const names = new Set((ws.db.prepare('SELECT email FROM customers').all() as Array<{ email: string }>).map((r) => r.email));
      expect((shop.db.prepare('SELECT email FROM customers').all() as Array<{ email: string }>).some((r) => names.has(r.email))).toBe(false);
    } finally {
      closeWorkspace(shop);
    }
  });

  it('refuses a twin of a table that says nothing about customers, and leaves no folder when cancelled', async () => {
    const trained = await trainSynth(ws.db, { ...trainInput(), methods: ['copula'] }, recordingControl(), fakeEngines());
    const folder = path.join(dir, 'no-shop');
    const e = await refusal(buildSynthWorkspace(ws.db, { modelId: trained.models[0]?.id as number, name: 'no-shop', rows: 10, seed: 1, folder }, recordingControl(), fakeEngines()));
    expect(e.message).toMatch(/learned a file.*customer feature table/);
    const features = listSynthModels(ws.db).find((m) => m.source === 'customer features')?.id as number;
    for (const cancelAfter of [1, 4]) {
      const c = await refusal(buildSynthWorkspace(ws.db, { modelId: features, name: 'no-shop', rows: 3000, seed: 1, folder }, recordingControl(cancelAfter), fakeEngines()));
      expect(c.code).toBe('cancelled');
    }
    expect(fs.readdirSync(dir).filter((f) => f.includes('no-shop'))).toEqual([]);
  });

  it('spreads orders between the first and last date and splits the revenue exactly', () => {
    const rng = createRng(1);
    const times = orderTimes(rng, 5, 100, 200);
    expect(times[0]).toBe(100);
    expect(times[4]).toBe(200);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const values = orderValues(rng, 4, 100);
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(100, 1);
  });
});
