import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { channelNames, channels, type Channel, type ChannelInput } from '../../../src/shared/contract';
import { contentDigest, tempDir } from '../helpers';

/** One valid input per channel; the fuzzer mutates these and also sends arbitrary values. */
const exampleBrief = {
  channel: 'sms' as const,
  goal: 'promotion' as const,
  tone: 'friendly' as const,
  product: { name: 'Amber candle', benefits: ['Burns for 60 hours'] },
  offer: { discountPercent: 20, code: 'SAVE20' },
};
const exampleVariant = {
  id: 'v-1',
  channel: 'sms' as const,
  framework: 'AIDA',
  angle: 'leads with the offer',
  fields: { channel: 'sms' as const, text: 'Amber candle: 20% off with SAVE20. Reply STOP to opt out' },
  score: 80,
  reasons: ['Rank 1'],
  checks: [{ name: 'opt-out', passed: true, detail: 'there' }],
  readingGrade: 4,
  engine: 'builtin' as const,
};
/** A well-formed file handle (a door grants real ones; this one is unknown to any engine). */
const HANDLE = 'fh_AAAAAAAAAAAAAAAAAAAAAA';
const validExamples = {
  'app.info': {},
  'workspace.current': {},
  'workspace.list': {},
  'workspace.open': { name: 'second shop', create: false },
  'workspace.stats': {},
  'dashboard.summary': {},
  'analytics.rfm': {},
  'analytics.cohorts': { metric: 'retention', maxMonths: 24 },
  'analytics.trends': { grain: 'week' },
  'demo.generate': { customers: 10, seed: 1 },
  'jobs.list': {},
  'jobs.get': { jobId: 'abc' },
  'jobs.cancel': { jobId: 'abc' },
  'settings.get': {},
  'settings.update': { currency: 'USD' },
  'import.inspect': { file: HANDLE },
  'import.preview': { file: HANDLE, kind: 'orders', mapping: { InvoiceNo: 'orderId' } },
  'import.start': { file: HANDLE, kind: 'orders', mapping: { InvoiceNo: 'orderId' }, onError: 'skip' },
  'import.history': {},
  'import.undo': { importId: 1 },
  'mappings.list': { kind: 'orders' },
  'mappings.delete': { name: 'Shop export' },
  'customers.page': {
    offset: 0,
    limit: 100,
    sort: [{ field: 'revenue', dir: 'desc' }],
    filters: [{ field: 'country', op: 'equals', value: 'NL' }],
    quickSearch: 'jansen',
  },
  'customers.count': { view: { sort: [], filters: [], quickSearch: 'example.com' } },
  'customers.get': { id: 1 },
  'customers.reveal': { id: 1 },
  'customers.erase': { id: 1 },
  'customers.eraseLeftovers': { files: ['exports/customers-20260101-120000.csv'] },
  'customers.export': { view: { sort: [], filters: [], quickSearch: '' }, columns: ['customerId', 'revenue'], reveal: false },
  'views.list': {},
  'views.save': { name: 'Top Dutch buyers', columns: ['customerId', 'revenue'], view: { sort: [{ field: 'revenue', dir: 'desc' }] } },
  'views.delete': { name: 'Top Dutch buyers' },
  'customers.health': {},
  'clv.fit': { model: 'bgnbd', calibrationEnd: '1997-09-30', unit: 'weeks' },
  'clv.predict': { model: 'pareto', summaryFile: HANDLE, horizon: 12, discountRate: 0.1, discountPer: 'year' },
  'models.options': {},
  'models.list': {},
  'models.get': { id: 1 },
  'models.activate': { id: 1 },
  'recommend.train': { cutoff: '2024-06-01', seed: 3 },
  'models.train': { target: 'purchase', category: 'Candles', horizonDays: 90, folds: 3, seed: 7 },
  'models.trainClv': { model: 'bgnbd', horizonMonths: 12, discountRate: 0.01, discountPer: 'month' },
  'segments.fields': {},
  'segments.count': { rule: { all: [{ field: 'country', op: '=', value: 'NL' }, { event: 'purchased', category: 'Candles', withinDays: 90, minTimes: 2 }] } },
  'segments.why': { rule: { any: [{ field: 'orders', op: '>=', value: 3 }, { not: { field: 'churnRisk', op: 'isNull' } }] }, customerId: 1 },
  'segments.list': {},
  'segments.get': { id: 1 },
  'segments.create': { name: 'Lapsed candle lovers', rule: { all: [{ field: 'recencyDays', op: '>', value: 180 }] } },
  'segments.update': { id: 1, name: 'Renamed' },
  'segments.delete': { id: 1 },
  'segments.profile': { id: 1 },
  'segments.compare': { a: { id: 1 }, b: { rule: { all: [] } } },
  'segments.discover': { k: 4, seed: 1 },
  'segments.export': { id: 1, columns: ['customerId', 'revenue'] },
  'model.trainTable': { file: HANDLE, target: 'Churn', id: 'customerID', folds: 5, seed: 1 },
  'model.tableColumns': { file: HANDLE },
  'text.trainTable': { file: HANDLE, textColumn: 'review', target: 'label', positive: '1', folds: 10, seed: 1 },
  'federate.simulate': { file: HANDLE, target: 'Churn', positive: 'Yes', splitBy: 'Contract', exclude: ['customerID'], rounds: 20, secure: true, seed: 1 },
  'copy.generate': { brief: exampleBrief, variants: 3, seed: 7 },
  'copy.check': { brief: exampleBrief, fields: { channel: 'sms', text: 'Lumen: 20% off candles. Reply STOP to opt out' } },
  'copy.audience': { segmentId: 1 },
  'copy.reviews': { sentiment: 'complaint', limit: 10 },
  'copy.preview': { fields: { channel: 'push', title: 'Hi {{firstName|there}}', body: 'New candles' }, count: 3 },
  'copy.libraryList': { campaign: 'Winter sale' },
  'copy.librarySave': { campaign: 'Winter sale', brief: exampleBrief, variant: exampleVariant },
  'copy.libraryUpdate': { id: 1, starred: true },
  'copy.libraryDelete': { id: 1 },
  'copy.libraryHistory': { id: 1 },
  'copy.libraryExport': { format: 'csv' },
  'copy.llmStatus': {},
  'copy.llmChoose': { file: null },
  'campaigns.list': {},
  'campaigns.get': { id: 1 },
  'campaigns.create': { name: 'Spring sale', channel: 'email', audience: { segmentIds: [1], exclusions: { contactedWithinDays: 14 } }, arms: [{ name: 'A' }, { name: 'B' }], holdout: 0.1, seed: 1 },
  'campaigns.update': { id: 1, plan: { name: 'Spring sale', channel: 'sms', audience: { rule: { all: [{ field: 'country', op: '=', value: 'NL' }] } } } },
  'campaigns.delete': { id: 1 },
  'campaigns.audience': { id: 1 },
  'campaigns.power': { baseline: 0.03, mde: 0.01, alpha: 0.05, power: 0.8, groups: 3 },
  'campaigns.experiment': { id: 1 },
  'campaigns.forecast': { id: 1 },
  'campaigns.export': { id: 1, reveal: false },
  'campaigns.importResults': { id: 1, file: HANDLE },
  'campaigns.report': { id: 1 },
  'campaigns.compare': { ids: [1, 2] },
  'campaigns.uplift': { id: 1 },
  'recommend.forCustomer': { externalId: 'C-1', n: 10 },
  'recommend.product': { sku: 'SKU-1' },
  'recommend.status': {},
  'recommend.products': { search: 'candle', limit: 20 },
  'reviews.analyze': {},
  'reviews.overview': { filter: { category: 'Candles', stars: [1, 2], from: '2025-01-01', to: '2025-12-31' } },
  'reviews.themes': { filter: { sentiment: 'negative', segmentId: 1 }, limit: 20 },
  'reviews.quotes': { themeId: 1, filter: { productId: 3 }, order: 'negative', offset: 0, limit: 20 },
  'synth.columns': { source: { kind: 'customer-features' } },
  'synth.train': { source: { kind: 'file', file: HANDLE }, columns: [{ name: 'age', role: 'numeric' }, { name: 'label', role: 'categorical' }], target: 'label', methods: ['copula'], epochs: 10, seed: 2 },
  'synth.list': {},
  'synth.get': { id: 1 },
  'synth.delete': { id: 1 },
  'synth.sample': { rows: 100, seed: 3 },
  'synth.workspace': { modelId: 1, name: 'Twin of the shop', rows: 500 },
  'federate.features': {},
  'federate.propose': { label: 'churn', features: ['recency_days', 'orders', 'country'], office: 'Lyon', offices: ['Paris', 'Nantes'] },
  'federate.join': { code: 'lfi1.AAAAAAAAAAAAAAAAAAAA' },
  'federate.accept': { jobId: '00000000-0000-4000-8000-000000000000' },
  'federate.list': {},
  'federate.get': { id: 1 },
  'federate.delete': { id: 1 },
  'workspace.security': {},
  'workspace.unlock': { secret: { passphrase: 'correct horse battery staple' } },
  'workspace.encrypt': { passphrase: 'correct horse battery staple', remember: false },
  'workspace.decrypt': { passphrase: 'correct horse battery staple' },
  'workspace.passphrase': { current: { passphrase: 'old one here' }, next: 'new one here' },
} satisfies { [K in Channel]: ChannelInput<K> };

const hostile = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    "'; DROP TABLE customers; --",
    '../../../../etc/passwd',
    '\u0000',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -1,
    2 ** 53,
    1e308,
    'x'.repeat(10_000),
    null,
    [],
    { __proto__: { polluted: true } },
    JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  ),
);

/** Payloads built from a valid example by replacing, removing or adding one key, or anything at all. */
function malformed(channel: Channel): fc.Arbitrary<unknown> {
  const example = validExamples[channel] as Record<string, unknown>;
  const keys = [...Object.keys(example), '__proto__', 'constructor', 'extra'];
  const mutated = fc
    .tuple(fc.constantFrom(...keys), hostile, fc.constantFrom('replace', 'delete'))
    .map(([key, value, how]) => {
      const copy: Record<string, unknown> = { ...example };
      if (how === 'delete') delete copy[key];
      else Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
      return copy;
    });
  const schema = channels[channel].input;
  return fc.oneof(mutated, hostile).filter((payload) => payload !== undefined && !schema.safeParse(payload).success);
}

let engine: Engine;
let workspaceDir: string;
let cleanup: () => void;

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  workspaceDir = path.join(tmp.dir, 'ws');
  engine = await createEngine({ workspaceDir, home: path.join(tmp.dir, 'home') });
});
afterAll(async () => {
  await engine.close();
  cleanup();
});

describe('the contract under malformed input', () => {
  it('has a valid example for every channel (the fuzzer starts from these)', () => {
    for (const channel of channelNames) {
      expect(channels[channel].input.safeParse(validExamples[channel]).success, channel).toBe(true);
    }
  });

  it('answers every malformed payload on every channel with bad-input and writes nothing', async () => {
    const dbFile = path.join(workspaceDir, 'workspace.sqlite');
    const before = contentDigest(dbFile);
    let sent = 0;
    for (const channel of channelNames) {
      const samples = fc.sample(malformed(channel), { numRuns: 300, seed: 42 });
      expect(samples.length, channel).toBe(300);
      for (const payload of samples) {
        const reply = await engine.invoke(channel, payload);
        sent += 1;
        if (reply.ok) throw new Error(`${channel} accepted ${JSON.stringify(payload)}`);
        expect(reply.error.code, `${channel} ${JSON.stringify(payload)?.slice(0, 200)}`).toBe('bad-input');
        expect(reply.error.message.length).toBeGreaterThan(10);
      }
    }
    expect(sent).toBe(300 * channelNames.length);
    expect(contentDigest(dbFile)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Still alive and answering.
    const stats = await engine.invoke('workspace.stats', {});
    expect(stats.ok).toBe(true);
  });

  it('refuses unknown channels, prototype names included, without throwing', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null, undefined, { a: 1 }]) {
      const reply = await engine.invoke(name, {});
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('unknown-channel');
    }
  });

  it('answers valid requests with envelopes whose values match the output schema', async () => {
    for (const channel of ['workspace.current', 'workspace.stats', 'dashboard.summary', 'jobs.list', 'settings.get'] as const) {
      const reply = await engine.invoke(channel, {});
      expect(reply.ok, channel).toBe(true);
      if (reply.ok) expect(channels[channel].output.safeParse(reply.value).success).toBe(true);
    }
  });
});
