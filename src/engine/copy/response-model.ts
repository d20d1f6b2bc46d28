import type * as TfTypes from '@tensorflow/tfjs';
import emojiRegex from 'emoji-regex';
import type { ResponseModelStatus } from '../../shared/copy-schemas';
import { memoised } from '../kernel/memo';
import type { Db } from '../db/open-workspace';
import { loadTf, type Tf } from '../ml/backend';
import { sigmoid } from '../ml/calibration';
import { createRng } from '../ml/folds';

/**
 * The response model of the copy studio (issue 6, item 5): how past campaigns' copy went with clicks (or, when no
 * clicks were recorded, conversions), learnt as an L2-regularised logistic regression on text features with
 * TensorFlow.js, so that generated variants can be ranked by what worked for this shop and say why.
 */

/**
 * One piece of past copy with its results summed over its recipients: a campaign, or one arm of an experiment whose
 * arms were sent their own copy.
 */
export type CampaignHistoryRow = {
  campaignId: number;
  /** The experiment arm's name, or null for a campaign's single message. */
  arm: string | null;
  channel: string;
  /** Subject and body joined by a newline, whichever exist. */
  text: string;
  sent: number;
  opened: number;
  clicked: number;
  converted: number;
};

/** Fewer recipients than this and a campaign's rate is mostly noise. */
export const MIN_RECIPIENTS = 20;

/**
 * Past copy with text and at least MIN_RECIPIENTS recipients, oldest first. A campaign with experiment arms gives a
 * row per arm that was sent something (its recipients by the frozen assignment; an arm without copy of its own
 * inherits the campaign's), so A/B tests teach the model what their copy did; the holdout received nothing and is
 * left out. Campaigns without arms, or without assignments to them, give one row as a whole.
 */
export function loadCampaignHistory(db: Db): CampaignHistoryRow[] {
  const rows = db
    .prepare(
      `WITH armed AS (
         SELECT DISTINCT a.campaign_id FROM campaign_arms a
          WHERE a.holdout = 0
            AND EXISTS (SELECT 1 FROM campaign_assignments s WHERE s.campaign_id = a.campaign_id AND s.arm = a.arm)
       ),
       pieces AS (
         SELECT c.id AS campaignId, NULL AS armIndex, NULL AS arm, c.channel AS channel, c.sent_at AS sentAt,
                c.subject AS subject, c.body AS body,
                SUM(r.sent > 0) AS sent,
                SUM(r.sent > 0 AND r.opened > 0) AS opened,
                SUM(r.sent > 0 AND r.clicked > 0) AS clicked,
                SUM(r.sent > 0 AND r.converted > 0) AS converted
           FROM campaigns c JOIN campaign_results r ON r.campaign_id = c.id
          WHERE c.id NOT IN (SELECT campaign_id FROM armed)
          GROUP BY c.id
         UNION ALL
         SELECT c.id, a.arm, a.name, c.channel, c.sent_at,
                CASE WHEN TRIM(COALESCE(a.subject, '')) <> '' OR TRIM(COALESCE(a.body, '')) <> '' THEN a.subject ELSE c.subject END,
                CASE WHEN TRIM(COALESCE(a.subject, '')) <> '' OR TRIM(COALESCE(a.body, '')) <> '' THEN a.body ELSE c.body END,
                SUM(r.sent > 0),
                SUM(r.sent > 0 AND r.opened > 0),
                SUM(r.sent > 0 AND r.clicked > 0),
                SUM(r.sent > 0 AND r.converted > 0)
           FROM armed
           JOIN campaigns c ON c.id = armed.campaign_id
           JOIN campaign_arms a ON a.campaign_id = c.id AND a.holdout = 0
           JOIN campaign_assignments s ON s.campaign_id = a.campaign_id AND s.arm = a.arm
           JOIN campaign_results r ON r.campaign_id = s.campaign_id AND r.customer_id = s.customer_id
          GROUP BY c.id, a.arm
       )
       SELECT campaignId, arm, channel, subject, body, sent, opened, clicked, converted FROM pieces
        WHERE (TRIM(COALESCE(subject, '')) <> '' OR TRIM(COALESCE(body, '')) <> '') AND sent >= ?
        ORDER BY sentAt, campaignId, armIndex`,
    )
    .all(MIN_RECIPIENTS) as Array<Omit<CampaignHistoryRow, 'text'> & { subject: string | null; body: string | null }>;
  return rows.map(({ subject, body, ...rest }) => ({
    ...rest,
    text: [subject, body].filter((part): part is string => part !== null && part.trim() !== '').join('\n'),
  }));
}

/** Campaigns with any results at all, with or without copy: to tell the user what is missing. */
const campaignsWithResults = (db: Db): number =>
  db.prepare('SELECT COUNT(DISTINCT campaign_id) FROM campaign_results WHERE sent > 0').pluck().get() as number;

// ---------------------------------------------------------------------------------------------------------------
// Text features.

/** Buckets of the hashed word unigrams and bigrams. */
export const HASH_BUCKETS = 256;

/** A style feature; `describe` words it for a text whose value is above (or not) the history's average. */
type StyleFeature = { name: string; describe(x: number, above: boolean, words: number): string };
const pct = (share: number): string => `${Math.round(share * 100)} %`;
const binary = (name: string, present: string, absent: string): StyleFeature => ({ name, describe: (_x, above) => (above ? present : absent) });

/** Style features a copywriter would recognise, in vector order. */
const STYLE: StyleFeature[] = [
  { name: 'length', describe: (_x, above, words) => `${above ? 'longer' : 'shorter'} than your usual copy (${words} ${words === 1 ? 'word' : 'words'})` },
  binary('question', 'a question in the text', 'no question in the text'),
  binary('exclamation', 'an exclamation mark', 'no exclamation mark'),
  binary('number', 'a number or percentage', 'no number or percentage'),
  binary('personalisation', 'a personalisation token such as {{firstName}}', 'no personalisation token'),
  { name: 'youShare', describe: (x, above) => `${above ? 'more' : 'less'} "you" and "your" than usual (${pct(x)} of words)` },
  binary('urgency', 'urgency words (today, now, hurry, last chance…)', 'no urgency words'),
  binary('emoji', 'an emoji', 'no emoji'),
  { name: 'titleCase', describe: (x, above) => `${above ? 'more' : 'fewer'} Capitalised Words than usual (${pct(x)} of words)` },
];
const STYLE_COUNT = STYLE.length;

/**
 * Names of the entries of `copyFeatures`, in order: the style features, then `hash000` … `hash255`; links
 * (http…, www.…) are left out of all of them.
 *  - `length`: log(1 + words) / log(1001), so 0 when empty and 1 at a thousand words;
 *  - `question`, `exclamation`: 1 when the text has a `?` or `!`;
 *  - `number`: 1 when it has a digit or `%`;
 *  - `personalisation`: 1 when it has a `{{token}}`;
 *  - `youShare`: share of words that are you, your, yours, yourself, you're, you'll, you've, you'd;
 *  - `urgency`: 1 when it has today, tonight, now, ends, ending, last chance, hurry or only;
 *  - `emoji`: 1 when it has an emoji (©, ® and ™ are not counted);
 *  - `titleCase`: share of words that start with a capital letter;
 *  - `hashNNN`: lower-cased word unigrams and bigrams (tokens left out) hashed by 32-bit FNV-1a into 256 buckets,
 *    each present bucket 1/√(buckets present), so short subjects and long bodies weigh alike.
 */
export const featureNames: readonly string[] = [
  ...STYLE.map((f) => f.name),
  ...Array.from({ length: HASH_BUCKETS }, (_, b) => `hash${String(b).padStart(3, '0')}`),
];
export const FEATURE_COUNT = featureNames.length;

const TOKEN = /\{\{[^{}]*\}\}/g;
/** Links: their `?`, digits and words are not copy. */
const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+/gi;
/** Legal marks that Unicode counts as emoji but nobody reads as one. */
const MARKS = /[©®™]/g;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const YOU = new Set(['you', 'your', 'yours', 'yourself', 'yourselves', "you're", "you'll", "you've", "you'd"]);
const URGENCY = /\b(?:today|tonight|now|ends|ending|last chance|hurry|only)\b/i;

/** 32-bit FNV-1a over UTF-16 code units: deterministic on every machine and release. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Lower-cased words with links and personalisation tokens left out, apostrophes made straight. */
const wordsOf = (text: string): string[] => (text.replace(LINK, ' ').replace(TOKEN, ' ').match(WORD) ?? []).map((w) => w.toLowerCase().replace(/’/g, "'"));

/** The unigrams and bigrams of `words` by hash bucket. */
function termsByBucket(words: string[]): Map<number, string[]> {
  const buckets = new Map<number, string[]>();
  const add = (term: string): void => {
    const b = fnv1a(term) % HASH_BUCKETS;
    const terms = buckets.get(b);
    if (!terms) buckets.set(b, [term]);
    else if (!terms.includes(term)) terms.push(term);
  };
  words.forEach((w, i) => {
    add(w);
    if (i > 0) add(`${words[i - 1] as string} ${w}`);
  });
  return buckets;
}

/** The fixed-length feature vector of a text (see `featureNames`); links are left out. */
export function copyFeatures(copy: string): Float32Array {
  const text = copy.replace(LINK, ' ');
  const x = new Float32Array(FEATURE_COUNT);
  const words = wordsOf(text);
  const original = text.replace(TOKEN, ' ').match(WORD) ?? [];
  const n = words.length;
  x[0] = Math.log1p(n) / Math.log(1001);
  x[1] = text.includes('?') ? 1 : 0;
  x[2] = text.includes('!') ? 1 : 0;
  x[3] = /[0-9%]/.test(text) ? 1 : 0;
  x[4] = /\{\{[^{}]*\}\}/.test(text) ? 1 : 0;
  x[5] = n === 0 ? 0 : words.filter((w) => YOU.has(w)).length / n;
  x[6] = URGENCY.test(text) ? 1 : 0;
  x[7] = emojiRegex().test(text.replace(MARKS, '')) ? 1 : 0;
  const lettered = original.filter((w) => /\p{L}/u.test(w));
  x[8] = lettered.length === 0 ? 0 : lettered.filter((w) => /^\p{Lu}/u.test(w)).length / lettered.length;
  const buckets = termsByBucket(words);
  const weight = buckets.size > 0 ? 1 / Math.sqrt(buckets.size) : 0;
  for (const b of buckets.keys()) x[STYLE_COUNT + b] = weight;
  return x;
}

// ---------------------------------------------------------------------------------------------------------------
// Fitting: one batch of logistic regressions (the final model and one per left-out fold) in a single TF.js graph.

/** Fitting settings; the defaults suit a few dozen to a few hundred campaigns of a few thousand recipients. */
const FIT = {
  /**
   * L2 penalty on the standardised style weights, in units of p(1 − p) of the fit's mean rate (the curvature of the
   * mean loss per recipient), so the shrinkage is alike for 0.3 % conversion and 5 % click rates.
   */
  l2Style: 0.025,
  /**
   * On the 256 word buckets, which keep their raw scale (≈ 0.2 for a present word): per standard deviation far
   * heavier than on the style features, and heavier the rarer the word, since rare words are mostly noise here.
   */
  l2Words: 0.01,
  learningRate: 0.05,
  /** Most full-batch steps; training stops sooner once the loss stops falling (~150 steps on typical histories). */
  steps: 400,
  /** Checked every 25 steps: a fall of the mean loss per fit below this ends training. */
  tolerance: 1e-7,
  /** Above this many campaigns, cross-validate with FOLDS folds instead of leaving each out. */
  maxLeaveOneOut: 60,
  folds: 20,
};

/** Row-major features of the campaigns, their recipients, and their hits (clicks or conversions). */
type FitData = { X: Float32Array; n: number; sent: Float32Array; hits: Float32Array };
type Scaling = { mean: Float32Array; sd: Float32Array; low: Float32Array; high: Float32Array };
/** A fitted model in raw feature space: rate = σ(bias + weights · clamped x). */
type Fitted = Scaling & { weights: Float32Array; bias: number };

/**
 * What a fit's training campaigns look like: every feature's mean (the history's average that reasons are told
 * against), the spread of the style features (word buckets keep their scale), and every feature's range, to which a
 * new text's features are clamped: a model fitted on 10–15-word emails must not extrapolate to a 3-word text.
 */
function scaling(data: FitData, train: (i: number) => boolean): Scaling {
  const mean = new Float32Array(FEATURE_COUNT);
  const sd = new Float32Array(FEATURE_COUNT).fill(1);
  const low = new Float32Array(FEATURE_COUNT).fill(Number.POSITIVE_INFINITY);
  const high = new Float32Array(FEATURE_COUNT).fill(Number.NEGATIVE_INFINITY);
  const moments = Array.from({ length: FEATURE_COUNT }, () => ({ m: 0, s: 0 }));
  let count = 0;
  for (let i = 0; i < data.n; i++) {
    if (!train(i)) continue;
    count++;
    for (let j = 0; j < FEATURE_COUNT; j++) {
      const v = data.X[i * FEATURE_COUNT + j] as number;
      if (v < (low[j] as number)) low[j] = v;
      if (v > (high[j] as number)) high[j] = v;
      const mo = moments[j] as { m: number; s: number };
      const d = v - mo.m;
      mo.m += d / count;
      mo.s += d * (v - mo.m);
    }
  }
  moments.forEach((mo, j) => {
    const deviation = count > 1 ? Math.sqrt(mo.s / count) : 0;
    mean[j] = mo.m;
    if (j < STYLE_COUNT) sd[j] = deviation > 1e-6 ? deviation : 1;
  });
  return { mean, sd, low, high };
}

/**
 * Fits one weighted logistic regression per training mask (each campaign: `hits` positives and `sent − hits`
 * negatives, i.e. binomial cross-entropy per recipient) by full-batch Adam. The fits are independent, Adam being
 * per-coordinate, so fitting them together gives each the result it would get alone. Frees every tensor it makes.
 */
async function fitMany(tf: Tf, data: FitData, masks: Uint8Array[], seed: number): Promise<{ fits: Fitted[]; steps: number }> {
  const K = masks.length;
  const d = FEATURE_COUNT;
  const scales = masks.map((m) => scaling(data, (i) => m[i] === 1));
  // Each fit's own standardised copy of the features: K × campaigns × features, small at these sizes.
  const standardised = new Float32Array(K * data.n * d);
  scales.forEach(({ mean, sd }, k) => {
    for (let i = 0; i < data.n; i++) {
      for (let j = 0; j < d; j++) {
        standardised[(k * data.n + i) * d + j] = ((data.X[i * d + j] as number) - (mean[j] as number)) / (sd[j] as number);
      }
    }
  });
  // Per recipient weights of each campaign in each fit: its recipients and hits over the fit's recipients, 0 when held out.
  const sentWeight = new Float32Array(data.n * K);
  const hitWeight = new Float32Array(data.n * K);
  const initialBias = new Float32Array(K);
  const curvature = new Float32Array(K);
  masks.forEach((mask, k) => {
    let sent = 0;
    let hits = 0;
    for (let i = 0; i < data.n; i++) {
      if (mask[i] !== 1) continue;
      sent += data.sent[i] as number;
      hits += data.hits[i] as number;
    }
    for (let i = 0; i < data.n; i++) {
      if (mask[i] !== 1) continue;
      sentWeight[k * data.n + i] = (data.sent[i] as number) / sent;
      hitWeight[k * data.n + i] = (data.hits[i] as number) / sent;
    }
    const rate = Math.min(Math.max((hits + 0.5) / (sent + 1), 1e-6), 1 - 1e-6);
    initialBias[k] = Math.log(rate / (1 - rate));
    curvature[k] = rate * (1 - rate);
  });
  const lambda = Float32Array.from({ length: d }, (_, j) => (j < STYLE_COUNT ? FIT.l2Style : FIT.l2Words));
  const rng = createRng(seed, 505);
  const start = Float32Array.from({ length: K * d }, () => (2 * rng() - 1) * 0.01);

  const made: TfTypes.Tensor[] = [];
  const keep = <T extends TfTypes.Tensor>(t: T): T => {
    made.push(t);
    return t;
  };
  const optimizer = tf.train.adam(FIT.learningRate);
  try {
    const X = keep(tf.tensor3d(standardised, [K, data.n, d]));
    const sentW = keep(tf.tensor3d(sentWeight, [K, data.n, 1]));
    const hitW = keep(tf.tensor3d(hitWeight, [K, data.n, 1]));
    const penalty = keep(tf.tidy(() => tf.reshape(tf.matMul(tf.tensor2d(curvature, [K, 1]), tf.tensor2d(lambda, [1, d])), [K, d, 1])));
    // Inside tidy: the initial values are freed, the variables (which tidy leaves alone) stay until `finally`.
    const W = keep(tf.tidy(() => tf.variable(tf.tensor3d(start, [K, d, 1]))));
    const b = keep(tf.tidy(() => tf.variable(tf.tensor3d(initialBias, [K, 1, 1]))));
    // Loss of fit k: Σ_i (sent_i · softplus(z_ik) − hits_i · z_ik) / its recipients, plus Σ_j λ_kj · W_kj².
    const loss = (): TfTypes.Scalar => {
      const z = tf.add(tf.matMul(X, W), b);
      const data = tf.sum(tf.sub(tf.mul(sentW, tf.softplus(z)), tf.mul(hitW, z)));
      return tf.add(data, tf.sum(tf.mul(tf.square(W), penalty)));
    };
    let previous = Number.POSITIVE_INFINITY;
    let step = 1;
    for (; step <= FIT.steps; step++) {
      if (step % 25 !== 0) {
        tf.tidy(() => void optimizer.minimize(loss, false, [W, b]));
        continue;
      }
      const cost = tf.tidy(() => optimizer.minimize(loss, true, [W, b]) as TfTypes.Scalar);
      const current = (cost.dataSync()[0] as number) / K;
      cost.dispose();
      if (previous - current < FIT.tolerance) break;
      previous = current;
      // Let the engine answer other requests between bursts of steps.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const w = W.dataSync() as Float32Array;
    const bias = b.dataSync() as Float32Array;
    const fits = scales.map((scale, k) => {
      const weights = w.slice(k * d, (k + 1) * d).map((v, j) => v / (scale.sd[j] as number));
      let offset = bias[k] as number;
      for (let j = 0; j < d; j++) offset -= (weights[j] as number) * (scale.mean[j] as number);
      return { ...scale, weights, bias: offset };
    });
    return { fits, steps: Math.min(step, FIT.steps) };
  } finally {
    optimizer.dispose();
    for (const t of made) t.dispose();
  }
}

/** The predicted rate of a feature vector, each feature clamped to the range the model was fitted on. */
const rateOf = (model: Fitted, x: Float32Array): number => {
  let z = model.bias;
  for (let j = 0; j < FEATURE_COUNT; j++) z += (model.weights[j] as number) * clampTo(model, x, j);
  return sigmoid(z);
};
const clampTo = (model: Fitted, x: Float32Array, j: number): number => Math.min(Math.max(x[j] as number, model.low[j] as number), model.high[j] as number);

// ---------------------------------------------------------------------------------------------------------------
// The model.

export type ResponseModel =
  | {
      trained: true;
      status: ResponseModelStatus;
      /** The history's pooled rate of the target: all clicks (or conversions) over all recipients. */
      baseRate: number;
      /** Cross-validated mean absolute error of the predicted rate, and of always predicting the mean rate. */
      error: { model: number; baseline: number };
      /** Full-batch steps and wall-clock milliseconds the training took (all fits at once). */
      training: { steps: number; ms: number };
      /** Predicted rates (0..1) of the target for texts. */
      predict(texts: string[]): number[];
      /** The two features that move a text's predicted rate most from the history's average, in plain words. */
      explain(text: string): string[];
    }
  | { trained: false; status: ResponseModelStatus };

export type TrainOptions = { seed?: number; minCampaigns?: number };

/** Trains the response model on the workspace's campaign history, or says why there is too little of it. */
export async function trainResponseModel(db: Db, options: TrainOptions = {}): Promise<ResponseModel> {
  const seed = options.seed ?? 1;
  const needed = options.minCampaigns ?? 8;
  const history = loadCampaignHistory(db);
  const n = history.length;
  const clicks = history.reduce((s, c) => s + c.clicked, 0);
  const conversions = history.reduce((s, c) => s + c.converted, 0);
  const target = clicks > 0 ? 'clicked' : conversions > 0 ? 'converted' : null;
  if (n < needed || target === null) {
    return { trained: false, status: { status: 'too-little-history', campaigns: n, needed, target: null, backend: null, detail: tooLittle(db, n, needed, target === null) } };
  }
  const { tf, info } = await loadTf();
  const data: FitData = {
    X: new Float32Array(n * FEATURE_COUNT),
    n,
    sent: Float32Array.from(history, (c) => c.sent),
    hits: Float32Array.from(history, (c) => c[target]),
  };
  history.forEach((c, i) => data.X.set(copyFeatures(c.text), i * FEATURE_COUNT));
  const folds = n <= FIT.maxLeaveOneOut ? n : FIT.folds;
  const foldOf = (i: number): number => i % folds;
  const masks = [new Uint8Array(n).fill(1), ...Array.from({ length: folds }, (_, f) => Uint8Array.from({ length: n }, (_, i) => (foldOf(i) === f ? 0 : 1)))];
  const started = performance.now();
  const { fits, steps } = await fitMany(tf, data, masks, seed);
  const training = { steps, ms: Math.round(performance.now() - started) };
  const [model, ...held] = fits as [Fitted, ...Fitted[]];

  const error = crossValidatedError(data, held, foldOf);
  const baseRate = sum(data.hits) / sum(data.sent);
  const rateName = target === 'clicked' ? 'click rate' : 'conversion rate';
  const how = folds === n ? 'leave-one-out' : `${folds}-fold`;
  const detail =
    `${n} campaigns; ${how} error ${points(error.model)} points of ${rateName} vs ${points(error.baseline)} for the average rate (${points(baseRate)} %)` +
    (error.model < error.baseline ? '.' : ': the copy explains little of the difference between campaigns so far.');
  return {
    trained: true,
    status: { status: 'trained', campaigns: n, needed, target, backend: info.backend, detail },
    baseRate,
    error,
    training,
    predict: (texts) => texts.map((t) => rateOf(model, copyFeatures(t))),
    explain: (text) => explain(model, text, rateName, baseRate),
  };
}

function tooLittle(db: Db, n: number, needed: number, noOutcomes: boolean): string {
  if (noOutcomes && n >= needed) return `The ${n} campaigns with copy and results recorded no clicks and no conversions, so there is nothing to learn from yet.`;
  const withResults = campaignsWithResults(db);
  const missing = withResults > n ? ` ${withResults - n} more ${withResults - n === 1 ? 'campaign has' : 'campaigns have'} results but no copy text or fewer than ${MIN_RECIPIENTS} recipients.` : '';
  const have = n === 0 ? 'No campaign has' : n === 1 ? 'Only 1 campaign has' : `Only ${n} campaigns have`;
  return `${have} both copy and results (${MIN_RECIPIENTS} or more recipients); the response model needs ${needed}.${missing} Import campaign results with their subject lines or messages to rank copy by how your customers responded.`;
}

/** Mean absolute error over campaigns of each one's rate predicted by the fit that did not see it, and by the mean rate. */
function crossValidatedError(data: FitData, held: Fitted[], foldOf: (i: number) => number): { model: number; baseline: number } {
  // The baseline's mean rate also leaves out the campaigns of the fold.
  const foldHits = new Float64Array(held.length);
  const foldSent = new Float64Array(held.length);
  for (let i = 0; i < data.n; i++) {
    const f = foldOf(i);
    foldHits[f] = (foldHits[f] as number) + (data.hits[i] as number);
    foldSent[f] = (foldSent[f] as number) + (data.sent[i] as number);
  }
  const hitsTotal = sum(data.hits);
  const sentTotal = sum(data.sent);
  let model = 0;
  let baseline = 0;
  for (let i = 0; i < data.n; i++) {
    const f = foldOf(i);
    const actual = (data.hits[i] as number) / (data.sent[i] as number);
    model += Math.abs(rateOf(held[f] as Fitted, data.X.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT)) - actual);
    baseline += Math.abs((hitsTotal - (foldHits[f] as number)) / (sentTotal - (foldSent[f] as number)) - actual);
  }
  return { model: model / data.n, baseline: baseline / data.n };
}

/** Most words named in one reason. */
const WORDS_PER_REASON = 3;

/**
 * Reasons: the style features, and the text's words taken together, whose weight × (value − history's average)
 * moves the logit most, each told as the change in predicted rate when set to the history's average. Words go
 * together because a phrase spreads its weight over its words and bigrams ("free", "delivery", "free delivery").
 */
function explain(model: Fitted, text: string, rateName: string, baseRate: number): string[] {
  const x = copyFeatures(text);
  const words = wordsOf(text);
  const buckets = termsByBucket(words);
  const contribution = (j: number): number => (model.weights[j] as number) * (clampTo(model, x, j) - (model.mean[j] as number));
  const candidates: Array<{ features: number[]; logit: number; what: string }> = STYLE.map((feature, j) => ({
    features: [j],
    logit: contribution(j),
    what: feature.describe(x[j] as number, (x[j] as number) > (model.mean[j] as number), words.length),
  }));
  // Only words the text has (an absent word is no reason a marketer can act on) that push the way most do, and not
  // the many that barely matter.
  const present = [...buckets.keys()].map((b) => ({ j: STYLE_COUNT + b, logit: contribution(STYLE_COUNT + b) }));
  const direction = Math.sign(present.reduce((s, w) => s + w.logit, 0));
  const strongest = Math.max(0, ...present.map((w) => w.logit * direction));
  const pushing = present.filter((w) => w.logit * direction >= 0.1 * strongest && w.logit !== 0).sort((a, b) => Math.abs(b.logit) - Math.abs(a.logit) || a.j - b.j);
  if (pushing.length > 0) {
    const terms = pushing.flatMap((w) => buckets.get(w.j - STYLE_COUNT) ?? []);
    candidates.push({ features: pushing.map((w) => w.j), logit: pushing.reduce((s, w) => s + w.logit, 0), what: wordsIn(terms) });
  }
  candidates.sort((a, b) => Math.abs(b.logit) - Math.abs(a.logit) || (a.features[0] as number) - (b.features[0] as number));
  const rate = rateOf(model, x);
  const reasons: string[] = [];
  for (const { features, what } of candidates.slice(0, 2)) {
    const atAverage = Float32Array.from(x);
    for (const j of features) atAverage[j] = model.mean[j] as number;
    const effect = rate - rateOf(model, atAverage);
    if (Math.abs(effect) >= 0.0005) reasons.push(`${what} (${effect > 0 ? '+' : '−'}${points(Math.abs(effect))} points of ${rateName} in your history)`);
  }
  return reasons.length > 0 ? reasons : [`nothing in it moves the predicted ${rateName} much from your average of ${points(baseRate)} %`];
}

/** The text's own words behind some hash buckets, the strongest first. */
function wordsIn(terms: string[]): string {
  if (terms.length === 1 && !(terms[0] as string).includes(' ')) return `the word "${terms[0] as string}"`;
  const named = terms.slice(0, WORDS_PER_REASON).map((t) => `"${t}"`).join(', ');
  return `the words ${named}${terms.length > WORDS_PER_REASON ? ` and ${terms.length - WORDS_PER_REASON} more` : ''}`;
}
/** A rate as percentage points with one decimal. */
const points = (rate: number): string => (rate * 100).toFixed(1);
const sum = (values: Float32Array): number => values.reduce((total, v) => total + v, 0);

/** The response model of this workspace, trained once per data version (so generating copy twice does not retrain). */
export function responseModelFor(db: Db): Promise<ResponseModel> {
  return memoised(db, 'copy.response-model', () => trainResponseModel(db));
}
