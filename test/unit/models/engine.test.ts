import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { channels } from '../../../src/shared/contract';
import { contentDigest, tempDir } from '../helpers';
import { readCdnowSampleTransactions } from './cdnow';

// The CDNOW sample loaded into a real workspace file as customers, sale orders and lines: the clv channels must
// find the published numbers through the repository (SQL) and the handlers, exactly as the app and CLI do.
let engine: Engine;
let workspaceDir: string;
let home: string;
let cleanup: () => void;

function loadCdnow(dbFile: string): void {
  const db = new Database(dbFile);
  const insertCustomer = db.prepare("INSERT INTO customers (external_id, created_at) VALUES (?, '1997-01-01')");
  const insertOrder = db.prepare("INSERT INTO orders (external_id, customer_id, ordered_at, kind) VALUES (?, ?, ?, 'sale')");
  const insertLine = db.prepare('INSERT INTO order_lines (order_id, line_no, quantity, unit_price) VALUES (?, 1, 1, ?)');
  const ids = new Map<string, number>();
  db.transaction(() => {
    readCdnowSampleTransactions().forEach((t, i) => {
      let id = ids.get(t.customerId);
      if (id === undefined) {
        id = Number(insertCustomer.run(t.customerId).lastInsertRowid);
        ids.set(t.customerId, id);
      }
      // 177 customer-days of the sample have more than one order: each must count as one purchase.
      const orderId = Number(insertOrder.run(`o${i}`, id, `${t.date}T12:00:00`).lastInsertRowid);
      insertLine.run(orderId, t.value);
    });
    // A return and a guest order: neither is a purchase of a known customer.
    const returned = Number(insertOrder.run('r1', ids.get('1'), '1997-03-01T10:00:00').lastInsertRowid);
    db.prepare("UPDATE orders SET kind = 'return' WHERE id = ?").run(returned);
    insertLine.run(returned, 99);
    insertLine.run(Number(insertOrder.run('g1', null, '1997-03-02T10:00:00').lastInsertRowid), 50);
  })();
  db.close();
}

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  workspaceDir = path.join(tmp.dir, 'ws');
  home = path.join(tmp.dir, 'home');
  const first = await createEngine({ workspaceDir, home });
  await first.close();
  loadCdnow(path.join(workspaceDir, 'workspace.sqlite'));
  engine = await createEngine({ workspaceDir, home });
});
afterAll(async () => {
  await engine.close();
  cleanup();
});

describe('clv.fit on a workspace', () => {
  it('reproduces the published BG/NBD and Gamma-Gamma estimates from the orders, and writes nothing', async () => {
    const before = contentDigest(path.join(workspaceDir, 'workspace.sqlite'));
    const reply = await engine.invoke('clv.fit', { model: 'bgnbd', calibrationEnd: '1997-09-30', unit: 'weeks' });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const fit = channels['clv.fit'].output.parse(reply.value);
    expect(fit).toMatchObject({ model: 'bgnbd', calibrationEnd: '1997-09-30', customers: 2357, repeatCustomers: 946 });
    const p = fit.params as { r: number; alpha: number; a: number; b: number };
    expect([p.r, p.alpha, p.a, p.b].map((v) => v.toFixed(3))).toEqual(['0.243', '4.414', '0.793', '2.426']);
    expect(fit.logLikelihood.toFixed(1)).toBe('-9582.4');
    expect(fit.spend && [fit.spend.p.toFixed(2), fit.spend.q.toFixed(2), fit.spend.v.toFixed(2)]).toEqual(['6.25', '3.74', '15.44']);
    expect(contentDigest(path.join(workspaceDir, 'workspace.sqlite'))).toBe(before);
  });

  it('Pareto/NBD through the same path: r 0.553, alpha 10.578, s 0.606, beta 11.669', async () => {
    const reply = await engine.invoke('clv.fit', { model: 'pareto', calibrationEnd: '1997-09-30' });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const p = channels['clv.fit'].output.parse(reply.value).params as { r: number; alpha: number; s: number; beta: number };
    expect([p.r, p.alpha, p.s, p.beta].map((v) => v.toFixed(3))).toEqual(['0.553', '10.578', '0.606', '11.669']);
  });

  it('without a calibration end it uses the day of the latest sale', async () => {
    const reply = await engine.invoke('clv.fit', {});
    expect(reply.ok && channels['clv.fit'].output.parse(reply.value).calibrationEnd).toBe('1998-06-30');
  });

  it('a calibration end before enough history is a clear bad-input error', async () => {
    const reply = await engine.invoke('clv.fit', { calibrationEnd: '1997-01-01' });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('bad-input');
    expect(reply.error.message).toMatch(/BG\/NBD needs/);
  });
});

describe('clv.predict on a workspace', () => {
  it('returns one row per customer with P(alive), expected purchases, spend and CLV', async () => {
    const reply = await engine.invoke('clv.predict', { calibrationEnd: '1997-09-30', horizon: 12 });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const { rows } = channels['clv.predict'].output.parse(reply.value);
    expect(rows).toHaveLength(2357);
    const one = rows.find((r) => r.id === '1');
    expect(one?.pAlive.toFixed(3)).toBe('0.727');
    expect(one?.clv).toBeGreaterThan(0);
    // Next order if still active: the median of a Lomax(r + x, α + T) wait after the calibration end, with FHL's
    // published r 0.243, α 4.414 for x = 2, T = 38.86 weeks: 43.27 × (2^(1/2.243) − 1) = 15.66 weeks ≈ 110 days.
    const expectedDays = (4.414 + 38.86) * (2 ** (1 / 2.243) - 1) * 7;
    const days = (Date.parse(one?.nextOrderDate ?? '') - Date.parse('1997-09-30')) / 86_400_000;
    expect(Math.abs(days - expectedDays)).toBeLessThan(2);
    for (const r of rows) expect(Number.isFinite(r.pAlive) && Number.isFinite(r.expectedPurchases) && Number.isFinite(r.clv ?? Number.NaN)).toBe(true);
  });
});

describe('clv on an empty workspace', () => {
  it('says to import orders first', async () => {
    const tmp = tempDir();
    const empty = await createEngine({ workspaceDir: path.join(tmp.dir, 'ws'), home: path.join(tmp.dir, 'home') });
    try {
      const reply = await empty.invoke('clv.fit', {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'bad-input', message: 'This workspace has no sale orders yet. Import orders (or a demo shop) first.' } });
    } finally {
      await empty.close();
      tmp.cleanup();
    }
  });
});
