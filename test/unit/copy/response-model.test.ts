import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FEATURE_COUNT,
  copyFeatures,
  featureNames,
  fnv1a,
  loadCampaignHistory,
  responseModelFor,
  trainResponseModel,
  type ResponseModel,
} from '../../../src/engine/copy/response-model';
import type { Db } from '../../../src/engine/db/open-workspace';
import { createRng } from '../../../src/engine/kernel/random';
import { loadTf } from '../../../src/engine/ml/backend';
import { responseModelStatusSchema } from '../../../src/shared/copy-schemas';
import { testWorkspace, type TestWorkspace } from '../customers/helpers';

// A history whose click rate is driven by one known text feature: subjects that ask a question get 6 % clicks,
// the others 3 %, each sent to 2,000 recipients who click at that rate (seeded), so campaigns differ by binomial noise.

const RECIPIENTS = 2000;
const PRODUCTS = ['running shoes', 'rain jackets', 'summer dresses', 'wool socks', 'leather bags', 'linen shirts', 'garden tools', 'coffee beans', 'yoga mats', 'desk lamps', 'board games', 'travel mugs', 'sun hats', 'winter boots', 'silk scarves'];
const QUESTIONS = ['Ready for new {p}?', 'Looking for {p}?', 'Have you seen our {p}?', 'Need fresh {p}?'];
const STATEMENTS = ['Ready for new {p}.', 'New {p} are here', 'Our {p} just landed', 'Fresh {p} for the season'];
const BODY = 'Shop the collection online. Unsubscribe at any time.';

type SyntheticCampaign = { subject: string | null; body: string | null; rate: number; recipients: number };

/** The question-driven history: campaign i asks a question when i is even. */
function questionHistory(count: number): SyntheticCampaign[] {
  return Array.from({ length: count }, (_, i) => {
    const question = i % 2 === 0;
    const template = (question ? QUESTIONS : STATEMENTS)[Math.floor(i / 2) % 4] as string;
    return { subject: template.replace('{p}', PRODUCTS[i % PRODUCTS.length] as string), body: BODY, rate: question ? 0.06 : 0.03, recipients: RECIPIENTS };
  });
}

/** Writes customers, campaigns and one results row per recipient, outcomes drawn with a seeded generator. */
function insertHistory(db: Db, campaigns: SyntheticCampaign[], seed = 7, prefix = 'C'): void {
  const rng = createRng(seed, 1);
  const most = Math.max(0, ...campaigns.map((c) => c.recipients));
  const addCustomer = db.prepare("INSERT OR IGNORE INTO customers (external_id, created_at) VALUES (?, '2024-01-01T00:00:00')");
  const customerId = db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck();
  const addCampaign = db.prepare("INSERT INTO campaigns (external_id, name, channel, sent_at, subject, body) VALUES (?, ?, 'email', ?, ?, ?)");
  const addResult = db.prepare('INSERT INTO campaign_results (campaign_id, customer_id, sent, opened, clicked, converted) VALUES (?, ?, 1, ?, ?, ?)');
  db.transaction(() => {
    const customers: number[] = [];
    for (let r = 0; r < most; r++) {
      addCustomer.run(`P-${r}`);
      customers.push(customerId.get(`P-${r}`) as number);
    }
    campaigns.forEach((c, i) => {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const id = Number(addCampaign.run(`${prefix}-${i}`, `Campaign ${prefix}${i}`, `2024-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${day}T09:00:00`, c.subject, c.body).lastInsertRowid);
      for (let r = 0; r < c.recipients; r++) {
        const clicked = rng() < c.rate ? 1 : 0;
        addResult.run(id, customers[r], clicked || rng() < 0.2 ? 1 : 0, clicked, clicked && rng() < 0.2 ? 1 : 0);
      }
    });
  })();
}

function trained(model: ResponseModel): Extract<ResponseModel, { trained: true }> {
  if (!model.trained) throw new Error(`expected a trained model: ${model.status.detail}`);
  return model;
}

describe('copyFeatures', () => {
  it('is a fixed-length vector with a name for every entry', () => {
    expect(featureNames).toHaveLength(FEATURE_COUNT);
    expect(new Set(featureNames).size).toBe(FEATURE_COUNT);
    expect(copyFeatures('')).toHaveLength(FEATURE_COUNT);
    expect(copyFeatures('A long subject line with many words in it, for you')).toHaveLength(FEATURE_COUNT);
  });

  it('hashes with 32-bit FNV-1a (published test vectors)', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('reads the style a copywriter would name', () => {
    const at = (text: string, name: string): number => copyFeatures(text)[featureNames.indexOf(name)] as number;
    expect(at('Ready for summer?', 'question')).toBe(1);
    expect(at('Ready for summer.', 'question')).toBe(0);
    expect(at('Big news!', 'exclamation')).toBe(1);
    expect(at('Save 20% on boots', 'number')).toBe(1);
    expect(at('Save big on boots', 'number')).toBe(0);
    expect(at('Hi {{firstName|there}}, new boots', 'personalisation')).toBe(1);
    expect(at('Your boots, your way', 'youShare')).toBeCloseTo(0.5);
    expect(at('Last chance: sale ends tonight', 'urgency')).toBe(1);
    expect(at('A calm autumn edit', 'urgency')).toBe(0);
    expect(at('Boots are back 🥾', 'emoji')).toBe(1);
    expect(at('Boots are back', 'emoji')).toBe(0);
    expect(at('Boots™ © 2025 Shop®', 'emoji')).toBe(0);
    // A link's query string is no question, and its digits no number.
    expect(at('New boots: https://shop.example/boots?utm_source=mail&id=42', 'question')).toBe(0);
    expect(at('New boots: https://shop.example/boots?utm_source=mail&id=42', 'number')).toBe(0);
    expect(at('The Big Boot Sale', 'titleCase')).toBe(1);
    expect(at('The big boot sale', 'titleCase')).toBe(0.25);
    expect(at('', 'length')).toBe(0);
    expect(at('one two three', 'length')).toBeGreaterThan(at('one', 'length'));
  });

  it('hashes lower-cased unigrams and bigrams deterministically, leaving tokens out', () => {
    expect(Array.from(copyFeatures('New Boots'))).toEqual(Array.from(copyFeatures('new boots')).map((v, j) => (featureNames[j] === 'titleCase' ? 1 : v)));
    const hashed = (text: string): number => copyFeatures(text).slice(featureNames.indexOf('hash000')).filter((v) => v > 0).length;
    expect(hashed('new boots')).toBe(3); // "new", "boots", "new boots" (no collision among these three)
    expect(hashed('new boots {{firstName}}')).toBe(3);
    const norm = Math.hypot(...copyFeatures('a longer line of plain words').slice(featureNames.indexOf('hash000')));
    expect(norm).toBeCloseTo(1, 5);
  });
});

describe('the response model on a history where questions get twice the clicks', () => {
  let ws: TestWorkspace;
  let model: Extract<ResponseModel, { trained: true }>;
  let tensorsBefore: number;

  beforeAll(async () => {
    ws = await testWorkspace();
    insertHistory(ws.db, questionHistory(30));
    const { tf } = await loadTf();
    tensorsBefore = tf.memory().numTensors;
    model = trained(await trainResponseModel(ws.db, { seed: 1 }));
  });
  afterAll(() => ws.dispose());

  it('loads one row per campaign with its copy and summed results', () => {
    const history = loadCampaignHistory(ws.db);
    expect(history).toHaveLength(30);
    expect(history[0]?.text).toBe(`Ready for new running shoes?\n${BODY}`);
    expect(history.every((c) => c.sent === RECIPIENTS && c.channel === 'email')).toBe(true);
    const questions = history.filter((c) => c.text.includes('?'));
    const rate = (cs: typeof history): number => cs.reduce((s, c) => s + c.clicked, 0) / cs.reduce((s, c) => s + c.sent, 0);
    expect(rate(questions)).toBeCloseTo(0.06, 2);
    expect(rate(history.filter((c) => !c.text.includes('?')))).toBeCloseTo(0.03, 2);
    expect(history.every((c) => c.converted <= c.clicked && c.clicked <= c.opened)).toBe(true);
  });

  it('is trained on clicks and says so', () => {
    expect(responseModelStatusSchema.parse(model.status)).toEqual(model.status);
    expect(model.status).toMatchObject({ status: 'trained', campaigns: 30, needed: 8, target: 'clicked' });
    expect(model.status.backend).toMatch(/^(tensorflow|wasm|cpu)$/);
    expect(model.status.detail).toMatch(/^30 campaigns; leave-one-out error \d+\.\d points of click rate vs \d+\.\d for the average rate/);
    expect(model.baseRate).toBeCloseTo(0.045, 2);
    // Full-batch steps until the loss stopped falling, short of the cap.
    expect(model.training.steps).toBeGreaterThanOrEqual(25);
    expect(model.training.steps).toBeLessThan(400);
  });

  it('ranks a question above the same words without one, near the rates of the history', () => {
    const [question, statement] = model.predict(['Ready for new hiking boots?', 'Ready for new hiking boots.']) as [number, number];
    expect(question).toBeGreaterThan(statement);
    expect(question).toBeGreaterThan(0.045);
    expect(statement).toBeLessThan(0.045);
    expect(question / statement).toBeGreaterThan(1.4);
    const all = model.predict(loadCampaignHistory(ws.db).map((c) => c.text));
    expect(all.every((p) => p > 0 && p < 1)).toBe(true);
  });

  it('does not extrapolate to copy unlike the history', () => {
    const long = Array.from({ length: 400 }, (_, i) => `word${i % 50}`).join(' ');
    for (const p of model.predict(['Boots?', 'Boots', long, `${long}?`, '🥾 TODAY ONLY: 50% OFF!!! {{firstName}}, you, your, you'])) {
      expect(p).toBeGreaterThan(0.02);
      expect(p).toBeLessThan(0.08);
    }
  });

  it('explains with the question feature, in points of click rate', () => {
    const yes = model.explain('Ready for new hiking boots?');
    expect(yes.length).toBeGreaterThan(0);
    expect(yes.length).toBeLessThanOrEqual(2);
    expect(yes[0]).toMatch(/^a question in the text \(\+\d+\.\d points of click rate in your history\)$/);
    const no = model.explain('Ready for new hiking boots.');
    expect(no[0]).toMatch(/^no question in the text \(−\d+\.\d points of click rate in your history\)$/);
  });

  it('predicts held-out campaigns better than their average rate', () => {
    expect(model.error.model).toBeLessThan(model.error.baseline * 0.6);
    // The noise floor: a rate of ~4.5 % over 2,000 recipients varies by ~0.4 points.
    expect(model.error.model).toBeGreaterThan(0.001);
  });

  it('frees every tensor it made', async () => {
    const { tf } = await loadTf();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    await trainResponseModel(ws.db, { seed: 2 });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('gives the same predictions for the same seed', async () => {
    const texts = ['Ready for new hiking boots?', 'Our sun hats just landed', 'Last chance: 20% off today!'];
    const again = trained(await trainResponseModel(ws.db, { seed: 1 }));
    expect(again.predict(texts)).toEqual(model.predict(texts));
    expect(again.status).toEqual(model.status);
    expect(again.explain(texts[2] as string)).toEqual(model.explain(texts[2] as string));
  });

  it('is remembered per workspace until the campaign data changes', async () => {
    const first = await responseModelFor(ws.db);
    expect(await responseModelFor(ws.db)).toBe(first);
    insertHistory(ws.db, [{ subject: 'Need fresh sun hats?', body: null, rate: 0.06, recipients: 100 }], 9, 'NEW');
    const next = await responseModelFor(ws.db);
    expect(next).not.toBe(first);
    expect(next.status.campaigns).toBe(31);
  });
});

describe('the response model on a history where words drive clicks', () => {
  it('learns a phrase from the hashed words and names it', async () => {
    const ws = await testWorkspace();
    try {
      // Same punctuation and nearly the same length: only the words "free delivery" tell the better campaigns apart.
      const history = Array.from({ length: 30 }, (_, i) => {
        const product = PRODUCTS[i % PRODUCTS.length] as string;
        const free = i % 2 === 0;
        return { subject: free ? `Free delivery on ${product}` : `New season of ${product}`, body: BODY, rate: free ? 0.06 : 0.03, recipients: RECIPIENTS };
      });
      insertHistory(ws.db, history, 11);
      const model = trained(await trainResponseModel(ws.db));
      const [free, plain] = model.predict(['Free delivery on hiking boots', 'New season of hiking boots']) as [number, number];
      expect(free).toBeGreaterThan(plain * 1.2);
      expect(model.explain('Free delivery on hiking boots').join(' ')).toMatch(/the words? [^(]*"(free|delivery|free delivery)"/);
      expect(model.error.model).toBeLessThan(model.error.baseline);
    } finally {
      ws.dispose();
    }
  });
});

describe('the history of experiments', () => {
  /** An experiment: arms A and B with their own copy and click rates, a holdout sent nothing, by assignment. */
  function insertExperiment(db: Db, armCopy: { A: string | null; B: string | null }): number {
    const campaignId = Number(
      db.prepare("INSERT INTO campaigns (external_id, name, channel, sent_at, subject, body) VALUES ('AB-1', 'A/B test', 'email', '2024-06-01T09:00:00', 'Campaign subject', 'Campaign body')").run().lastInsertRowid,
    );
    const addArm = db.prepare('INSERT INTO campaign_arms (campaign_id, arm, name, share, holdout, subject, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
    addArm.run(campaignId, 0, 'A', 0.45, 0, armCopy.A, armCopy.A === null ? null : BODY);
    addArm.run(campaignId, 1, 'B', 0.45, 0, armCopy.B, armCopy.B === null ? null : BODY);
    addArm.run(campaignId, 2, 'holdout', 0.1, 1, null, null);
    const addCustomer = db.prepare("INSERT INTO customers (external_id, created_at) VALUES (?, '2024-01-01T00:00:00')");
    const assign = db.prepare('INSERT INTO campaign_assignments (campaign_id, customer_id, arm) VALUES (?, ?, ?)');
    const result = db.prepare('INSERT INTO campaign_results (campaign_id, customer_id, sent, delivered, opened, clicked, converted) VALUES (?, ?, 1, 1, ?, ?, 0)');
    // 90 in A (9 clicks), 90 in B (27 clicks), 20 in the holdout; every fifth recipient opens, every clicker too.
    for (let i = 0; i < 200; i++) {
      const customerId = Number(addCustomer.run(`AB-${i}`).lastInsertRowid);
      const arm = i < 90 ? 0 : i < 180 ? 1 : 2;
      assign.run(campaignId, customerId, arm);
      if (arm === 2) continue;
      const k = arm === 0 ? i : i - 90;
      const clicked = k < (arm === 0 ? 9 : 27) ? 1 : 0;
      result.run(campaignId, customerId, clicked || k % 5 === 0 ? 1 : 0, clicked);
    }
    return campaignId;
  }

  it('gives one row per arm sent something, with the arm’s own copy and its recipients’ rates; not the holdout', async () => {
    const ws = await testWorkspace();
    try {
      insertHistory(ws.db, questionHistory(2));
      const id = insertExperiment(ws.db, { A: 'Our new boots are here', B: 'Ready for new boots?' });
      const history = loadCampaignHistory(ws.db);
      expect(history.map((h) => [h.campaignId === id, h.arm])).toEqual([[false, null], [false, null], [true, 'A'], [true, 'B']]);
      const [a, b] = history.slice(2);
      expect(a).toMatchObject({ text: `Our new boots are here\n${BODY}`, sent: 90, clicked: 9, converted: 0 });
      expect(b).toMatchObject({ text: `Ready for new boots?\n${BODY}`, sent: 90, clicked: 27, converted: 0 });
      // The 9 clickers and every fifth of the other 81 (k = 10, 15, … 85).
      expect(a?.opened).toBe(9 + 16);
      expect(history.some((h) => h.text.includes('Campaign subject'))).toBe(false);
    } finally {
      ws.dispose();
    }
  });

  it('lets an arm without copy of its own inherit the campaign’s, and a campaign whose arms have no assignments count whole', async () => {
    const ws = await testWorkspace();
    try {
      const id = insertExperiment(ws.db, { A: 'Our new boots are here', B: null });
      const history = loadCampaignHistory(ws.db);
      expect(history.map((h) => [h.arm, h.text, h.sent])).toEqual([
        ['A', `Our new boots are here\n${BODY}`, 90],
        ['B', 'Campaign subject\nCampaign body', 90],
      ]);
      ws.db.prepare('DELETE FROM campaign_assignments WHERE campaign_id = ?').run(id);
      expect(loadCampaignHistory(ws.db).map((h) => [h.arm, h.text, h.sent, h.clicked])).toEqual([[null, 'Campaign subject\nCampaign body', 180, 36]]);
    } finally {
      ws.dispose();
    }
  });

  it('is enough on the demo shop to train the model on its past campaigns and their A/B arms', async () => {
    const ws = await testWorkspace({ customers: 2000, seed: 1 });
    try {
      const history = loadCampaignHistory(ws.db);
      const arms = history.filter((h) => h.arm !== null);
      expect(arms.length).toBeGreaterThanOrEqual(8);
      expect(arms.every((h) => h.arm !== 'holdout' && h.sent >= 20)).toBe(true);
      expect(new Set(history.map((h) => h.channel))).toEqual(new Set(['email', 'sms']));
      const model = trained(await trainResponseModel(ws.db));
      expect(model.status).toMatchObject({ status: 'trained', campaigns: history.length, needed: 8, target: 'clicked' });
    } finally {
      ws.dispose();
    }
  });
});

describe('the response model with too little history', () => {
  it('says how many campaigns it has and needs when there are three', async () => {
    const ws = await testWorkspace();
    try {
      insertHistory(ws.db, questionHistory(3));
      // Too few recipients and no copy at all: neither counts.
      insertHistory(ws.db, [{ subject: 'Tiny test send?', body: null, rate: 0.5, recipients: 19 }, { subject: null, body: '  ', rate: 0.05, recipients: 500 }], 3, 'X');
      const model = await trainResponseModel(ws.db);
      expect(model.trained).toBe(false);
      expect('predict' in model).toBe(false);
      expect(model.status).toMatchObject({ status: 'too-little-history', campaigns: 3, needed: 8, target: null, backend: null });
      expect(model.status.detail).toContain('Only 3 campaigns have both copy and results');
      expect(model.status.detail).toContain('needs 8');
      expect(model.status.detail).toContain('2 more campaigns have results but no copy text or fewer than 20 recipients');
      expect((await trainResponseModel(ws.db, { minCampaigns: 3 })).trained).toBe(true);
    } finally {
      ws.dispose();
    }
  });

  it('does not train on campaigns without copy', async () => {
    const ws = await testWorkspace();
    try {
      insertHistory(ws.db, questionHistory(12).map((c) => ({ ...c, subject: null, body: null })));
      const model = await trainResponseModel(ws.db);
      expect(model.status).toMatchObject({ status: 'too-little-history', campaigns: 0, needed: 8, target: null });
      expect(model.status.detail).toMatch(/^No campaign has both copy and results .* needs 8\. 12 more campaigns have results but no copy text/);
      expect(loadCampaignHistory(ws.db)).toEqual([]);
    } finally {
      ws.dispose();
    }
  });

  it('falls back to conversions when no clicks were recorded, and says when there is neither', async () => {
    const ws = await testWorkspace();
    try {
      insertHistory(ws.db, questionHistory(10).map((c) => ({ ...c, rate: 0 })));
      const none = await trainResponseModel(ws.db);
      expect(none.status).toMatchObject({ status: 'too-little-history', campaigns: 10, target: null });
      expect(none.status.detail).toContain('no clicks and no conversions');
      ws.db.prepare('UPDATE campaign_results SET converted = 1 WHERE customer_id % 40 = 0').run();
      const converted = trained(await trainResponseModel(ws.db));
      expect(converted.status.target).toBe('converted');
      expect(converted.status.detail).toContain('points of conversion rate');
    } finally {
      ws.dispose();
    }
  });
});
