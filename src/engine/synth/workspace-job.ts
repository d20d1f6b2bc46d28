import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { SynthSource, SynthWorkspaceResult } from '../../shared/synth-schemas';
import { refreshCustomerMetrics } from '../customers/metrics';
import { COUNTRY_CODES, countryTable, createPeopleFactory } from '../demo/people';
import { closeWorkspace, openWorkspace, type Db } from '../db/open-workspace';
import type { JobControl, JobInputs } from '../kernel/jobs';
import { choice, createRng, integer, logNormal, type Rng } from '../kernel/random';
import { readSettings, updateSettings } from '../workspace/settings';
import { parseDateTime } from './columns';
import { sampleChunks } from './sample-job';
import { readSynthArtefact } from './synth-repo';
import { realEngines, type SynthEngines } from './train-job';

/**
 * The synth.workspace job: a new workspace that holds a synthetic shop. Every customer is a row of the twin with a
 * fake name; where the twin learned the customer feature table, each customer's orders are rebuilt from their
 * figures (frequency → number of orders between the first and last order date, monetary value → order values,
 * top category → products of that category from this workspace's catalogue, or made up when it has none). Built in
 * a hidden folder beside the target in one transaction and renamed into place: a failure leaves no half workspace.
 */

/** Which twins can become a workspace, and the plain reason when one cannot. */
export function workspaceRefusal(source: SynthSource): string | null {
  if (source.kind === 'customer-features') return null;
  if (source.kind === 'table' && source.table === 'customers') return null;
  const what = source.kind === 'table' ? `the ${source.table.replace('_', ' ')} table` : 'a file';
  return `This twin learned ${what}, which does not say who the customers are or what they bought. Train a twin on the customer feature table (or the customers table) to make a workspace from it.`;
}

type Product = { id: number; category: string; price: number };
const MAX_ORDERS = 500;

/** Reads a twin row's value by column name. */
const reader = (header: readonly string[]) => {
  const at = new Map(header.map((h, j) => [h, j]));
  return (cells: readonly string[], name: string): string | null => {
    const j = at.get(name);
    const v = j === undefined ? undefined : cells[j];
    return v === undefined || v === '' ? null : v;
  };
};

const num = (v: string | null): number => (v === null ? NaN : Number(v));
const stamp = (seconds: number): string => new Date(Math.round(seconds) * 1000).toISOString().slice(0, 19);

/** The source workspace's catalogue (priced products), or one made up for the twin's categories. */
function catalogue(source: Db, categories: Set<string>, typicalValue: number): { rows: Array<[number, string, string, string, number]>; byCategory: Map<string, Product[]>; all: Product[] } {
  const real = source.prepare('SELECT sku, name, category, price FROM products WHERE price > 0 ORDER BY id').all() as Array<{ sku: string; name: string; category: string | null; price: number }>;
  const rows: Array<[number, string, string, string, number]> = [];
  const add = (sku: string, name: string, category: string, price: number): void => void rows.push([rows.length + 1, sku, name, category, Math.round(price * 100) / 100]);
  for (const p of real) add(p.sku, p.name, p.category ?? 'Other', p.price);
  const have = new Set(rows.map((r) => r[3]));
  const price = Number.isFinite(typicalValue) && typicalValue > 0 ? typicalValue / 2 : 25;
  for (const category of [...categories, ...(rows.length === 0 ? ['General'] : [])]) {
    if (have.has(category)) continue;
    for (let k = 1; k <= 5; k++) add(`SYN-${category.replace(/[^A-Za-z0-9]+/g, '-').toUpperCase()}-${k}`, `${category} item ${k}`, category, price * (0.5 + 0.25 * k));
    have.add(category);
  }
  const all = rows.map(([id, , , category, p]) => ({ id, category, price: p }));
  const byCategory = new Map<string, Product[]>();
  for (const p of all) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p]);
  return { rows, byCategory, all };
}

/** Order times: the first and the last date, and the rest spread between them (sorted). */
export function orderTimes(rng: Rng, count: number, first: number, last: number): number[] {
  if (count <= 0) return [];
  if (count === 1) return [first];
  const times = [first, last];
  for (let k = 2; k < count; k++) times.push(first + rng() * (last - first));
  return times.sort((a, b) => a - b);
}

/** Order values that add up to the customer's revenue, varying around the average like real baskets do. */
export function orderValues(rng: Rng, count: number, revenue: number): number[] {
  const weights = Array.from({ length: count }, () => logNormal(rng, 0, 0.35));
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => Math.max(0.01, Math.round(((revenue * w) / total) * 100) / 100));
}

export async function buildSynthWorkspace(source: Db, input: JobInputs['synth.workspace'], control: JobControl, engines: SynthEngines = realEngines): Promise<SynthWorkspaceResult> {
  control.progress({ fraction: 0, stage: 'Loading', message: `Loading model ${input.modelId}` });
  const { artefact, report } = readSynthArtefact(source, input.modelId);
  const refusal = workspaceRefusal(artefact.source);
  if (refusal) throw new AppError('bad-input', refusal, { field: 'modelId' });
  if (fs.existsSync(input.folder)) throw new AppError('conflict', `A workspace named "${path.basename(input.folder)}" already exists. Choose another name.`, { field: 'name' });

  // The twin's rows first (no workspace folder exists yet, so a cancel here leaves nothing behind).
  const header = artefact.columns.map((c) => c.name);
  const twin: string[][] = [];
  for await (const chunk of sampleChunks(artefact, input.rows, input.seed, control, engines)) {
    twin.push(...chunk.rows);
    control.progress({ fraction: 0.5 * (twin.length / input.rows), stage: 'Sampling', message: `${twin.length.toLocaleString('en')} synthetic customers`, rowsDone: twin.length });
  }
  const get = reader(header);
  const features = artefact.source.kind === 'customer-features';
  const categories = new Set<string>();
  let typical = NaN;
  if (features) {
    for (const row of twin) {
      const c = get(row, 'top_category');
      if (c !== null) categories.add(c);
    }
    const values = twin.map((r) => num(get(r, 'avg_order_value'))).filter(Number.isFinite).sort((a, b) => a - b);
    typical = values.length > 0 ? (values[Math.floor(values.length / 2)] as number) : NaN;
  }
  const { currency } = readSettings(source);
  const products = features ? catalogue(source, categories, typical) : null;

  const temp = path.join(path.dirname(input.folder), `.${path.basename(input.folder)}.${randomBytes(4).toString('hex')}.part`);
  let opened: Awaited<ReturnType<typeof openWorkspace>> | null = null;
  try {
    opened = await openWorkspace(temp, { create: true });
    const db = opened.db;
    const counts = db.transaction(() => writeShop(db, twin, get, products, currency, input.seed, control))();
    updateSettings(db, { currency });
    closeWorkspace(opened);
    opened = null;
    control.checkCancelled();
    fs.renameSync(temp, input.folder);
    const summary = features
      ? `${counts.customers.toLocaleString('en')} synthetic customers with fake names and ${counts.orders.toLocaleString('en')} orders rebuilt from their figures, from the ${report.method === 'gan' ? 'GAN' : 'Gaussian copula'} twin of ${report.source} (model ${input.modelId}). No real customer is in it.`
      : `${counts.customers.toLocaleString('en')} synthetic customers with fake names from the twin of ${report.source} (model ${input.modelId}); the twin learned no orders, so the shop has none. No real customer is in it.`;
    control.progress({ fraction: 1, stage: 'Done', message: summary });
    return { modelId: input.modelId, name: path.basename(input.folder), customers: counts.customers, orders: counts.orders, summary };
  } catch (error) {
    if (opened) closeWorkspace(opened);
    fs.rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

function writeShop(
  db: Db,
  twin: readonly string[][],
  get: (cells: readonly string[], name: string) => string | null,
  products: ReturnType<typeof catalogue> | null,
  currency: string,
  seed: number,
  control: JobControl,
): { customers: number; orders: number } {
  const rng = createRng(seed, 1403);
  const people = createPeopleFactory(seed);
  const countries = countryTable();
  const created = new Date().toISOString().slice(0, 19);
  const insertProduct = db.prepare('INSERT INTO products (id, sku, name, category, price) VALUES (?, ?, ?, ?, ?)');
  const insertCustomer = db.prepare(
    `INSERT INTO customers (id, external_id, email, first_name, last_name, phone, country, city, signup_date, accepts_marketing, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOrder = db.prepare(`INSERT INTO orders (id, external_id, customer_id, ordered_at, kind, country, currency) VALUES (?, ?, ?, ?, 'sale', ?, ?)`);
  const insertLine = db.prepare('INSERT INTO order_lines (id, order_id, line_no, product_id, description, quantity, unit_price) VALUES (?, ?, ?, ?, NULL, ?, ?)');
  for (const row of products?.rows ?? []) insertProduct.run(...row);
  let orderId = 0;
  let lineId = 0;
  for (const [i, cells] of twin.entries()) {
    if (i % 1000 === 0) {
      control.checkCancelled();
      control.progress({ fraction: 0.5 + 0.45 * (i / twin.length), stage: 'Building the shop', message: `${i.toLocaleString('en')} of ${twin.length.toLocaleString('en')} customers`, rowsDone: i });
    }
    const country = get(cells, 'country');
    const countryIndex = country !== null && COUNTRY_CODES.includes(country) ? COUNTRY_CODES.indexOf(country) : choice(rng, countries);
    const person = people(rng, countryIndex, i + 1);
    const signup = get(cells, 'signup_date');
    const marketing = get(cells, 'accepts_marketing');
    const id = i + 1;
    let first = parseDateTime(get(cells, 'first_order_at') ?? '');
    let last = parseDateTime(get(cells, 'last_order_at') ?? '');
    const signupSeconds = parseDateTime(signup ?? '');
    if (!Number.isFinite(first)) first = Number.isFinite(last) ? last : signupSeconds;
    if (!Number.isFinite(last)) last = first;
    if (last < first) [first, last] = [last, first];
    insertCustomer.run(
      id,
      `SYN-${String(id).padStart(7, '0')}`,
      person.email,
      person.firstName,
      person.lastName,
      person.phone,
      country ?? COUNTRY_CODES[countryIndex] ?? null,
      person.city,
      signup !== null && Number.isFinite(signupSeconds) ? signup.slice(0, 10) : Number.isFinite(first) ? stamp(first).slice(0, 10) : null,
      marketing === null ? null : /^(1|true|yes|y)$/i.test(marketing) ? 1 : 0,
      created,
    );
    if (!products || !Number.isFinite(first)) continue;
    const frequency = Math.min(MAX_ORDERS, Math.max(0, Math.round(num(get(cells, 'frequency')))));
    if (!(frequency > 0)) continue;
    const monetary = num(get(cells, 'monetary'));
    const average = num(get(cells, 'avg_order_value'));
    const revenue = Number.isFinite(monetary) && monetary > 0 ? monetary : Number.isFinite(average) && average > 0 ? average * frequency : 25 * frequency;
    const top = get(cells, 'top_category');
    const favourites = (top !== null ? products.byCategory.get(top) : undefined) ?? products.all;
    const times = orderTimes(rng, frequency, first, last);
    const values = orderValues(rng, frequency, revenue);
    times.forEach((t, k) => {
      orderId++;
      insertOrder.run(orderId, `SYN-O-${String(orderId).padStart(8, '0')}`, id, stamp(t), country, currency);
      const lines = integer(rng, 1, 3);
      const picked = Array.from({ length: lines }, () => {
        const pool = rng() < 0.75 ? favourites : products.all;
        return { product: pool[Math.floor(rng() * pool.length)] as Product, quantity: rng() < 0.85 ? 1 : 2 };
      });
      const listTotal = picked.reduce((s, p) => s + p.product.price * p.quantity, 0);
      const factor = (values[k] as number) / listTotal;
      picked.forEach((p, n) => {
        lineId++;
        insertLine.run(lineId, orderId, n + 1, p.product.id, p.quantity, Math.max(0.01, Math.round(p.product.price * factor * 100) / 100));
      });
    });
  }
  control.checkCancelled();
  control.progress({ fraction: 0.97, stage: 'Updating figures', message: 'Computing the customer figures' });
  refreshCustomerMetrics(db);
  return { customers: twin.length, orders: orderId };
}
