import type { AudienceResult, AudienceSpec, CampaignChannel, CapScore } from '../../shared/campaign-schemas';
import type { CopyGoal } from '../../shared/copy-schemas';
import { memoisedOn } from '../kernel/memo';
import { readAsOf } from '../customers/customers-repo';
import type { Db } from '../db/open-workspace';
import { createRng } from '../kernel/random';
import { shiftDay } from '../segments/compile';
import { memberIdsSql } from '../segments/compile';
import { LiveIndexUnsupported, liveIndexIfReady, liveMembers } from '../segments/live-index';
import { segmentRule } from '../segments/segments-repo';
import { activeModelId, activePurchaseModels } from '../models/model-repo';

/**
 * Who a campaign goes to: the members of its segments (or rule, or everyone), minus the exclusions in a fixed
 * order (each counted as it removes people, so the waterfall adds up), then optionally only the N customers with
 * the highest predicted response. Membership is kept in a mask indexed by customer id: a million customers is
 * a megabyte, and every exclusion is one SQL query whose ids clear bits.
 */

export type AudienceContext = { channel: CampaignChannel; goal: CopyGoal; sendDate: string; campaignId: number | null; seed: number };
export type ResolvedAudience = {
  /** Members, ascending. */
  ids: Int32Array;
  matched: number;
  exclusions: AudienceResult['exclusions'];
  cap: AudienceResult['cap'];
};

const maxCustomerId = (db: Db): number => (db.prepare('SELECT max(id) FROM customers').pluck().get() as number | null) ?? 0;

function idsOf(db: Db, sql: string, params: unknown[]): number[] {
  return db.prepare(sql).pluck().all(...params) as number[];
}

/** Members of the segments or rule, or every customer with figures when neither is given. */
function matchMask(db: Db, spec: AudienceSpec, size: number): Uint8Array {
  const mask = new Uint8Array(size);
  const asOf = readAsOf(db);
  const rules = [...spec.segmentIds.map((id) => segmentRule(db, { id })), ...(spec.rule ? [spec.rule] : [])];
  if (rules.length === 0) {
    for (const id of idsOf(db, 'SELECT customer_id FROM customer_metrics', [])) mask[id] = 1;
    return mask;
  }
  const live = liveIndexIfReady(db);
  for (const rule of rules) {
    const bySql = (): number[] => {
      const q = memberIdsSql(rule, { asOf });
      return idsOf(db, q.sql, q.params);
    };
    let members: number[];
    try {
      members = live ? liveMembers(live, rule, asOf) : bySql();
    } catch (error) {
      // Conditions the index does not hold (recommendations) are answered by SQL.
      if (!(error instanceof LiveIndexUnsupported)) throw error;
      members = bySql();
    }
    for (const id of members) mask[id] = 1;
  }
  return mask;
}

type Exclusion = { reason: string; label: string; sql: string; params: unknown[] };

/** The exclusions that apply, in the order they are counted. */
function exclusionQueries(spec: AudienceSpec, ctx: AudienceContext): Exclusion[] {
  const list: Exclusion[] = [];
  const ex = spec.exclusions;
  if (ctx.channel === 'sms') {
    list.push({ reason: 'noPhone', label: 'have no phone number', sql: "SELECT id FROM customers WHERE phone IS NULL OR trim(phone) = ''", params: [] });
  } else {
    list.push({ reason: 'noEmail', label: 'have no e-mail address', sql: "SELECT id FROM customers WHERE email IS NULL OR instr(email, '@') = 0", params: [] });
  }
  if (ex.notAcceptingMarketing) {
    list.push({ reason: 'noConsent', label: 'have not agreed to marketing', sql: 'SELECT id FROM customers WHERE accepts_marketing IS NOT 1', params: [] });
  }
  if (ex.contactedWithinDays !== undefined) {
    const from = shiftDay(ctx.sendDate, -ex.contactedWithinDays);
    // Sent by any campaign with results, or exported here (holdouts received nothing and are not counted).
    list.push({
      reason: 'recentlyContacted',
      label: `were contacted in the ${ex.contactedWithinDays} days before the send`,
      sql: `SELECT r.customer_id FROM campaign_results r JOIN campaigns k ON k.id = r.campaign_id
             WHERE r.sent > 0 AND k.sent_at >= ? AND k.sent_at < ? AND k.id IS NOT ?
            UNION
            SELECT s.customer_id FROM campaign_assignments s
              JOIN campaigns k ON k.id = s.campaign_id
              JOIN campaign_arms a ON a.campaign_id = s.campaign_id AND a.arm = s.arm AND a.holdout = 0
             WHERE k.status = 'exported' AND k.sent_at >= ? AND k.sent_at < ? AND k.id IS NOT ?`,
      params: [from, ctx.sendDate, ctx.campaignId, from, ctx.sendDate, ctx.campaignId],
    });
  }
  if (ex.pAliveBelow !== undefined) {
    list.push({
      reason: 'probablyLeft',
      label: `have probably left (P(alive) below ${Math.round(ex.pAliveBelow * 100)} %)`,
      sql: 'SELECT customer_id FROM customer_metrics WHERE p_alive < ?',
      params: [ex.pAliveBelow],
    });
  }
  const bought = ex.alreadyBought;
  if (bought && (bought.sku !== undefined || bought.category !== undefined)) {
    const since = bought.withinDays === undefined ? '0000-01-01' : shiftDay(ctx.sendDate, -bought.withinDays);
    const what = bought.sku !== undefined ? `product ${bought.sku}` : `something in ${bought.category}`;
    list.push({
      reason: 'alreadyBought',
      label: `already bought ${what}${bought.withinDays === undefined ? '' : ` in the last ${bought.withinDays} days`}`,
      sql: `SELECT DISTINCT o.customer_id FROM orders o
              JOIN order_lines l ON l.order_id = o.id
              JOIN products p ON p.id = l.product_id
             WHERE o.kind = 'sale' AND o.customer_id IS NOT NULL AND o.ordered_at >= ?
               AND (p.sku = ? OR (? IS NOT NULL AND p.category = ? COLLATE NOCASE))`,
      params: [since, bought.sku ?? null, bought.sku === undefined ? (bought.category ?? null) : null, bought.category ?? null],
    });
  }
  return list;
}

const countMask = (mask: Uint8Array): number => mask.reduce((sum, bit) => sum + bit, 0);

/** Resolves the audience as of today's data. */
export function resolveAudience(db: Db, spec: AudienceSpec, ctx: AudienceContext): ResolvedAudience {
  const size = maxCustomerId(db) + 1;
  const mask = matchMask(db, spec, size);
  const matched = countMask(mask);
  const exclusions: AudienceResult['exclusions'] = [];
  for (const q of exclusionQueries(spec, ctx)) {
    let removed = 0;
    for (const id of idsOf(db, q.sql, q.params)) {
      if (id !== null && mask[id] === 1) {
        mask[id] = 0;
        removed++;
      }
    }
    exclusions.push({ reason: q.reason, label: q.label, removed });
  }
  let ids = maskIds(mask);
  let cap: AudienceResult['cap'] = null;
  if (spec.cap) {
    const capped = capAudience(db, ids, spec.cap.size, spec.cap.by, ctx);
    ids = capped.ids;
    cap = capped.cap;
  }
  return { ids, matched, exclusions, cap };
}

function maskIds(mask: Uint8Array): Int32Array {
  const ids = new Int32Array(countMask(mask));
  let k = 0;
  for (let id = 0; id < mask.length; id++) if (mask[id] === 1) ids[k++] = id;
  return ids;
}

type ScoreSource = { score: CapScore; label: string; model: string | null; sql: string; params: unknown[] };

const SCORE_LABELS: Record<CapScore, string> = {
  purchase: 'purchase propensity',
  churn: 'churn risk (customers most worth saving)',
  uplift: 'predicted uplift (customers the campaign changes)',
};

/** Where a score comes from, or null when no model of that kind is active. */
function scoreSource(db: Db, score: CapScore): ScoreSource | null {
  if (score === 'churn') {
    const id = activeModelId(db, 'churn');
    if (id === null) return null;
    return { score, label: SCORE_LABELS.churn, model: `churn model #${id}`, sql: 'SELECT customer_id, churn_risk FROM customer_metrics WHERE churn_risk IS NOT NULL', params: [] };
  }
  if (score === 'purchase') {
    const models = activePurchaseModels(db);
    if (models.length === 0) return null;
    const names = models.map((m) => m.category || 'any category').join(', ');
    return {
      score,
      label: SCORE_LABELS.purchase,
      model: `purchase model${models.length > 1 ? 's' : ''} (${names}), highest probability`,
      sql: `SELECT customer_id, max(probability) FROM customer_propensity WHERE model_id IN (${models.map(() => '?').join(',')}) GROUP BY customer_id`,
      params: models.map((m) => m.id),
    };
  }
  const from = db.prepare('SELECT k.name FROM customer_uplift u JOIN campaigns k ON k.id = u.campaign_id LIMIT 1').pluck().get() as string | undefined;
  if (from === undefined) return null;
  return { score, label: SCORE_LABELS.uplift, model: `uplift model of ${from}`, sql: 'SELECT customer_id, uplift FROM customer_uplift', params: [] };
}

const preferred = (goal: CopyGoal): CapScore[] => (goal === 'win_back' || goal === 'retention' ? ['churn', 'purchase'] : ['purchase', 'churn']);

/** Keeps the `size` members with the highest score; without a model, a seeded random `size` of them, and says so. */
function capAudience(db: Db, ids: Int32Array, size: number, by: 'auto' | CapScore, ctx: AudienceContext): { ids: Int32Array; cap: NonNullable<AudienceResult['cap']> } {
  const candidates = by === 'auto' ? preferred(ctx.goal) : [by];
  const source = candidates.map((s) => scoreSource(db, s)).find((s) => s !== null) ?? null;
  const wanted = candidates[0] as CapScore;
  if (ids.length <= size) {
    const note = `The audience (${ids.length.toLocaleString('en')}) is already within the cap of ${size.toLocaleString('en')}: nobody was left out.`;
    return { ids, cap: { size, score: source?.score ?? wanted, label: source?.label ?? SCORE_LABELS[wanted], model: source?.model ?? null, available: source !== null, note } };
  }
  if (source === null) {
    const rng = createRng(ctx.seed, 7);
    const order = Array.from(ids);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const kept = Int32Array.from(order.slice(0, size)).sort();
    const note = `No ${SCORE_LABELS[wanted]} model is active, so a random ${size.toLocaleString('en')} were kept. Train one in the Model lab to keep the likeliest responders.`;
    return { ids: kept, cap: { size, score: wanted, label: SCORE_LABELS[wanted], model: null, available: false, note } };
  }
  const scores = new Map<number, number>(db.prepare(source.sql).raw().all(...source.params) as Array<[number, number]>);
  // Customers without a score rank last; ties go to the lower id so the cap is reproducible.
  const ranked = Array.from(ids).sort((a, b) => (scores.get(b) ?? -Infinity) - (scores.get(a) ?? -Infinity) || a - b);
  const kept = Int32Array.from(ranked.slice(0, size)).sort();
  const unscored = ids.length - ids.filter((id) => scores.has(id)).length;
  const note = `Kept the ${size.toLocaleString('en')} with the highest ${source.label}, from the ${source.model}.${unscored > 0 ? ` ${unscored.toLocaleString('en')} customers without a score were ranked last.` : ''}${by === 'auto' && source.score !== wanted ? ` (No ${SCORE_LABELS[wanted]} model is active.)` : ''}`;
  return { ids: kept, cap: { size, score: source.score, label: source.label, model: source.model, available: true, note } };
}

/**
 * Each customer's usual ordering hour (the most frequent hour of their orders, returns included), -1 when unknown;
 * by customer id. Read through the (customer, time) index, which hands over each customer's orders together, so
 * one 24-slot tally is enough; a GROUP BY would sort every order first.
 */
export function usualOrderHours(db: Db): Int8Array {
  const signature = JSON.stringify(db.prepare('SELECT count(*), max(id), (SELECT max(id) FROM customers) FROM orders').raw().get());
  return memoisedOn(db, 'campaigns.usualOrderHours', signature, () => {
    const hours = new Int8Array(maxCustomerId(db) + 1).fill(-1);
    const tally = new Int32Array(24);
    let current = -1;
    const settle = (): void => {
      if (current < 0) return;
      let best = -1;
      for (let h = 0; h < 24; h++) if ((tally[h] as number) > 0 && (best < 0 || (tally[h] as number) > (tally[best] as number))) best = h;
      hours[current] = best;
      tally.fill(0);
    };
    const rows = db
      .prepare('SELECT customer_id, ordered_at FROM orders INDEXED BY orders_customer WHERE customer_id IS NOT NULL')
      .raw()
      .iterate() as IterableIterator<[number, string]>;
    for (const [customer, at] of rows) {
      if (customer !== current) {
        settle();
        current = customer;
      }
      if (at.length < 13) continue;
      const hour = (at.charCodeAt(11) - 48) * 10 + (at.charCodeAt(12) - 48);
      if (hour >= 0 && hour < 24) tally[hour] = (tally[hour] as number) + 1;
    }
    settle();
    return hours;
  });
}

/** The RFM segment of each member (the strata of the assignment); customers without one are "Unscored". */
export function strataOf(db: Db, ids: Int32Array): { names: string[]; stratumOf: Uint16Array } {
  const signature = JSON.stringify(db.prepare("SELECT count(*), max(customer_id), count(rfm_segment) FROM customer_metrics").raw().get());
  const byId = memoisedOn(db, 'campaigns.rfmById', signature, () => {
    // Segment names are few: each customer holds a small code, not a string in a million-entry map.
    const codes = new Uint16Array(maxCustomerId(db) + 1);
    const names: string[] = [UNSCORED];
    const index = new Map<string, number>([[UNSCORED, 0]]);
    const rows = db.prepare('SELECT customer_id, rfm_segment FROM customer_metrics WHERE rfm_segment IS NOT NULL').raw().iterate() as IterableIterator<[number, string]>;
    for (const [id, segment] of rows) {
      let code = index.get(segment);
      if (code === undefined) {
        code = names.push(segment) - 1;
        index.set(segment, code);
      }
      codes[id] = code;
    }
    return { codes, names };
  });
  const present = [...new Set(Array.from(ids, (id) => byId.codes[id] ?? 0))].map((code) => byId.names[code] as string).sort();
  const local = new Map(present.map((name, i) => [name, i]));
  const stratumOf = Uint16Array.from(ids, (id) => local.get(byId.names[byId.codes[id] ?? 0] as string) as number);
  return { names: present, stratumOf };
}

export const UNSCORED = 'Unscored';
