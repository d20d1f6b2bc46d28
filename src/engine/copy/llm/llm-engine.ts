import type * as NodeLlamaCpp from 'node-llama-cpp';
import type { Brief, CopyChannel, CopyFields, CopyFramework } from '../../../shared/copy-schemas';
import { AppError } from '../../../shared/errors';
import { LIMITS } from '../checks';
import { guardModelFile } from './gguf-header';

/**
 * The optional local language model of the copy studio: node-llama-cpp runs a GGUF file the user picked, on the
 * CPU, with its output constrained by a JSON-schema grammar to the channel's fields. It is loaded with a dynamic
 * import, so an installation where it cannot load still runs everything else.
 */

type Library = typeof NodeLlamaCpp;
type GbnfJsonSchema = NodeLlamaCpp.GbnfJsonSchema;

export type LlmVariant = { framework: string; angle: string; fields: CopyFields };

export type LlmGenerateOptions = {
  modelPath: string;
  count: number;
  seed: number;
  /** CPU threads; 1 by default (on a 2-core machine more threads make a tiny model hundreds of times slower). */
  threads?: number;
  /** Tokens per variant; a sensible amount for the channel by default. */
  maxTokens?: number;
  /** Throws (AppError 'cancelled') when the user cancelled; polled while generating. */
  checkCancelled: () => void;
  /** The current variant's text so far, as it streams. */
  onPreview?: (textSoFar: string) => void;
};

const FRAMEWORKS: Record<CopyFramework, { steps: string; angle: string }> = {
  AIDA: { steps: 'Attention, Interest, Desire, Action', angle: 'grab attention, build desire, ask for the click' },
  PAS: { steps: 'Problem, Agitate, Solution', angle: 'name the problem, then solve it' },
  BAB: { steps: 'Before, After, Bridge', angle: 'life before and after, and the bridge between' },
  FAB: { steps: 'Features, Advantages, Benefits', angle: 'from what it is to what it does for them' },
  '4U': { steps: 'Useful, Urgent, Unique, Ultra-specific', angle: 'useful, urgent, unique and specific' },
};
const ROTATION: CopyFramework[] = ['AIDA', 'PAS', 'BAB', 'FAB', '4U'];

const GOALS: Record<Brief['goal'], string> = {
  win_back: 'win back customers who have not bought for a while',
  launch: 'announce a new product',
  promotion: 'promote an offer',
  cross_sell: 'suggest a product that goes with what they already bought',
  upsell: 'suggest an upgrade to something better',
  retention: 'keep loyal customers engaged',
  event: 'invite customers to an event',
};

/** Longest string the grammar lets the model write for a field without a hard platform limit. */
const LONG_TEXT = 1500;
/** The social limit the grammar uses (Facebook's 63,206 characters would only let a weak model ramble). */
const SOCIAL_CAP = 2200;
/** Two GSM-7 segments of 153 characters, less a little for the opt-out line's safety. */
const SMS_CHARS = 300;

const str = (maxLength: number): GbnfJsonSchema => ({ type: 'string', maxLength });
const obj = (properties: Record<string, GbnfJsonSchema>): GbnfJsonSchema => ({ type: 'object', properties });

/** The JSON schema of one variant's fields, with the channel's limits as maximum lengths. */
export function channelSchema(brief: Brief): GbnfJsonSchema {
  switch (brief.channel) {
    case 'email':
      return obj({ subject: str(LIMITS.email.subject), preheader: str(LIMITS.email.preheader), body: str(LONG_TEXT) });
    case 'sms':
      return obj({ text: str(SMS_CHARS) });
    case 'push':
      return obj({ title: str(LIMITS.push.title), body: str(LIMITS.push.body) });
    case 'social':
      return obj({ text: str(Math.min(LIMITS.social[brief.network], SOCIAL_CAP)) });
    case 'search_ad':
      return obj({
        headlines: { type: 'array', items: str(LIMITS.searchAd.headline), minItems: 3, maxItems: LIMITS.searchAd.headlines },
        descriptions: { type: 'array', items: str(LIMITS.searchAd.description), minItems: 2, maxItems: LIMITS.searchAd.descriptions },
      });
    case 'display_ad':
      return obj({ headline: str(LIMITS.displayAd.headline), description: str(LIMITS.displayAd.description), cta: str(LIMITS.displayAd.cta) });
    case 'reply':
      return obj({ text: str(1000) });
  }
}

const DEFAULT_MAX_TOKENS: Record<CopyChannel, number> = { email: 700, sms: 160, push: 120, social: 400, search_ad: 400, display_ad: 120, reply: 400 };

const CHANNEL_RULES: Record<CopyChannel, (brief: Brief) => string> = {
  email: () =>
    `an email: "subject" (at most ${LIMITS.email.subject} characters), "preheader" (at most ${LIMITS.email.preheader}) and "body"; the body ends with a line that tells how to unsubscribe`,
  sms: () => `an SMS "text" of at most ${SMS_CHARS} plain characters that ends with "Reply STOP to opt out"`,
  push: () => `a push notification: "title" (at most ${LIMITS.push.title} characters) and "body" (at most ${LIMITS.push.body})`,
  social: (b) => `a ${b.network} post "text" of at most ${Math.min(LIMITS.social[b.network], SOCIAL_CAP)} characters`,
  search_ad: () =>
    `a search ad: 3 to 5 "headlines" (each at most ${LIMITS.searchAd.headline} characters) and 2 to ${LIMITS.searchAd.descriptions} "descriptions" (each at most ${LIMITS.searchAd.description})`,
  display_ad: () =>
    `a display ad: "headline" (at most ${LIMITS.displayAd.headline} characters), "description" (at most ${LIMITS.displayAd.description}) and "cta" (at most ${LIMITS.displayAd.cta})`,
  reply: () => 'a reply "text" to the customer below, polite and specific to what they wrote',
};

const list = (items: string[]): string => items.map((s) => `"${s}"`).join(', ');

function price(brief: Brief): string | null {
  const { price: amount, currency } = brief.product;
  if (amount === undefined) return null;
  return currency ? new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount) : String(amount);
}

/** The brief's facts, one per line: the only facts the copy may state. */
export function briefFacts(brief: Brief): string[] {
  const facts = [`Goal: ${GOALS[brief.goal]}.`, `Product: ${brief.product.name}.`];
  if (brief.brand) facts.push(`Brand: ${brief.brand.name}.`);
  if (brief.product.description) facts.push(`About the product: ${brief.product.description}`);
  if (brief.product.benefits.length) facts.push(`Benefits: ${brief.product.benefits.join('; ')}.`);
  const p = price(brief);
  if (p) facts.push(`Price: ${p}.`);
  const o = brief.offer;
  if (o?.discountPercent !== undefined) facts.push(`Discount: ${o.discountPercent}% off.`);
  if (o?.code) facts.push(`Offer code: ${o.code}.`);
  if (o?.endsOn) facts.push(`The offer ends on ${o.endsOn}.`);
  if (o?.freeShipping) facts.push('Shipping is free.');
  if (brief.audience?.description) facts.push(`Audience: ${brief.audience.description}`);
  if (brief.replyTo) {
    facts.push(`The customer wrote${brief.replyTo.rating ? ` (rating ${brief.replyTo.rating} of 5)` : ''}: "${brief.replyTo.text}"`);
  }
  return facts;
}

/** The prompt for one variant: the facts, the voice, the framework, and the rules the checks will apply. */
export function buildPrompt(brief: Brief, framework: CopyFramework): string {
  const brand = brief.brand;
  const voice = [`Tone: ${brief.tone}.`, `Framework: ${framework} (${FRAMEWORKS[framework].steps}).`];
  if (brand?.bannedWords.length) voice.push(`Never use these words: ${list(brand.bannedWords)}.`);
  if (brand?.preferredWords.length) voice.push(`Prefer these words: ${list(brand.preferredWords)}.`);
  voice.push(brand?.emoji ? 'Emoji are allowed, sparingly.' : 'Do not use emoji.');
  return [
    `Write ${CHANNEL_RULES[brief.channel](brief)}, in English.`,
    '',
    'Facts from the brief:',
    ...briefFacts(brief).map((f) => `- ${f}`),
    '',
    ...voice,
    '',
    'Rules: state no fact that is not in the brief (no other prices, discounts, dates, codes, numbers, claims or reviews). Answer with the JSON object only.',
  ].join('\n');
}

const SYSTEM_PROMPT = 'You are a careful marketing copywriter. You write short, clear copy that uses only the facts you are given, and you answer in JSON.';

/**
 * Closes a JSON prefix that generation left unfinished (it ran out of tokens): ends the open string, gives a
 * dangling key a null value, drops a trailing comma and closes the open arrays and objects.
 */
export function closeJsonPrefix(prefix: string): string {
  type Frame = { kind: '{' | '['; state: 'key' | 'colon' | 'value' | 'after' };
  const stack: Frame[] = [];
  let out = '';
  let inString = false;
  let stringIsKey = false;
  let escape = false;
  let unicodeDigits = -1;
  const top = (): Frame | undefined => stack[stack.length - 1];
  const valueDone = (): void => {
    const t = top();
    if (t) t.state = 'after';
  };
  for (const ch of prefix) {
    if (inString) {
      if (unicodeDigits >= 0) unicodeDigits = unicodeDigits === 3 ? -1 : unicodeDigits + 1;
      else if (escape) {
        escape = false;
        if (ch === 'u') unicodeDigits = 0;
      } else if (ch === '\\') escape = true;
      else if (ch === '"') {
        inString = false;
        if (stringIsKey) top()!.state = 'colon';
        else valueDone();
      }
      out += ch;
      continue;
    }
    if (ch === '"') {
      inString = true;
      stringIsKey = top()?.kind === '{' && top()?.state === 'key';
    } else if (ch === '{' || ch === '[') stack.push({ kind: ch, state: ch === '{' ? 'key' : 'value' });
    else if (ch === '}' || ch === ']') {
      stack.pop();
      valueDone();
    } else if (ch === ':') top()!.state = 'value';
    else if (ch === ',') top()!.state = top()!.kind === '{' ? 'key' : 'value';
    out += ch;
  }
  if (inString) {
    if (unicodeDigits >= 0) out = out.slice(0, out.lastIndexOf('\\u'));
    else if (escape) out = out.slice(0, -1);
    out += '"';
    if (stringIsKey) top()!.state = 'colon';
    else valueDone();
  }
  out = out.trimEnd();
  const t = top();
  if (t?.state === 'colon') out += ':null';
  else if (t?.state === 'value' && t.kind === '{') out += 'null';
  else if (out.endsWith(',')) out = out.slice(0, -1);
  for (let i = stack.length - 1; i >= 0; i--) out += stack[i]!.kind === '{' ? '}' : ']';
  return out || '{}';
}

/** Parses what the model wrote (closing it first when it was cut off) into the channel's fields. */
export function parseFields(brief: Brief, text: string): CopyFields {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    try {
      raw = JSON.parse(closeJsonPrefix(text));
    } catch {
      throw new AppError('internal', `The language model's answer is not JSON: ${text.slice(0, 200)}`);
    }
  }
  const o = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const s = (key: string): string => (typeof o[key] === 'string' ? o[key].trim() : '');
  const a = (key: string): string[] => (Array.isArray(o[key]) ? o[key].filter((x): x is string => typeof x === 'string').map((x) => x.trim()) : []);
  switch (brief.channel) {
    case 'email':
      return { channel: 'email', subject: s('subject'), preheader: s('preheader'), body: s('body') };
    case 'sms':
      return { channel: 'sms', text: s('text') };
    case 'push':
      return { channel: 'push', title: s('title'), body: s('body') };
    case 'social':
      return { channel: 'social', network: brief.network, text: s('text') };
    case 'search_ad':
      return { channel: 'search_ad', headlines: a('headlines'), descriptions: a('descriptions') };
    case 'display_ad':
      return { channel: 'display_ad', headline: s('headline'), description: s('description'), cta: s('cta') };
    case 'reply':
      return { channel: 'reply', text: s('text') };
  }
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);

/** node-llama-cpp, or AppError 'engine-unavailable' saying why it cannot load here. */
async function loadLibrary(): Promise<Library> {
  try {
    return await import('node-llama-cpp');
  } catch (error) {
    throw new AppError('engine-unavailable', `The local language model is not available: node-llama-cpp could not be loaded (${reasonOf(error)}).`);
  }
}

async function cpuLlama(lib: Library): Promise<NodeLlamaCpp.Llama> {
  try {
    // CPU only, never a build from source or a download: the prebuilt binary works or the feature is off.
    return await lib.getLlama({ gpu: false, build: 'never', skipDownload: true, progressLogs: false, logLevel: lib.LlamaLogLevel.error });
  } catch (error) {
    throw new AppError('engine-unavailable', `The local language model is not available: llama.cpp could not start (${reasonOf(error)}).`);
  }
}

// Cached per process on purpose: loading the native library takes about a second and its answer cannot change
// while the process runs.
let availability: Promise<{ available: boolean; detail: string }> | undefined;

/** Whether node-llama-cpp and its CPU binary load in this installation, and which llama.cpp it is. */
export function llmAvailability(): Promise<{ available: boolean; detail: string }> {
  availability ??= (async () => {
    try {
      const lib = await loadLibrary();
      const llama = await cpuLlama(lib);
      try {
        const version = await lib.getModuleVersion().catch(() => '3');
        return { available: true, detail: `node-llama-cpp ${version} on the CPU (${llama.buildType} binary, ${llama.cpuMathCores} cores for maths)` };
      } finally {
        await llama.dispose();
      }
    } catch (error) {
      return { available: false, detail: error instanceof AppError ? error.message : `The local language model is not available: ${reasonOf(error)}` };
    }
  })();
  return availability;
}

/** The framework for variant i: the brief's own, or the next of AIDA, PAS, BAB, FAB, 4U. */
const frameworkFor = (brief: Brief, i: number): CopyFramework =>
  brief.framework === 'auto' ? ROTATION[i % ROTATION.length]! : brief.framework;

/** One prompt, streamed; cancelled through an AbortController when checkCancelled throws. */
async function promptOnce(
  session: NodeLlamaCpp.LlamaChatSession,
  prompt: string,
  settings: { grammar: NodeLlamaCpp.LlamaGrammar; seed: number; maxTokens: number },
  options: LlmGenerateOptions,
): Promise<string> {
  const controller = new AbortController();
  let cancelled: unknown = null;
  const poll = (): void => {
    if (cancelled !== null) return;
    try {
      options.checkCancelled();
    } catch (error) {
      cancelled = error;
      controller.abort(error);
    }
  };
  const timer = setInterval(poll, 100);
  let soFar = '';
  try {
    return await session.prompt(prompt, {
      grammar: settings.grammar,
      maxTokens: settings.maxTokens,
      temperature: 0.8,
      topK: 40,
      topP: 0.95,
      seed: settings.seed,
      signal: controller.signal,
      onTextChunk: (chunk) => {
        if (chunk) {
          soFar += chunk;
          options.onPreview?.(soFar);
        }
        poll();
      },
    });
  } catch (error) {
    throw cancelled ?? new AppError('internal', `The language model stopped with an error: ${reasonOf(error)}`);
  } finally {
    clearInterval(timer);
  }
}

/** Writes `count` variants of the brief with the local model, one framework per variant; seeded, so repeatable. */
export async function generateWithLlm(brief: Brief, options: LlmGenerateOptions): Promise<LlmVariant[]> {
  const lib = await loadLibrary();
  await guardModelFile(options.modelPath);
  options.checkCancelled();
  const llama = await cpuLlama(lib);
  let model: NodeLlamaCpp.LlamaModel | undefined;
  let context: NodeLlamaCpp.LlamaContext | undefined;
  try {
    try {
      model = await llama.loadModel({ modelPath: options.modelPath, gpuLayers: 0 });
    } catch (error) {
      throw new AppError('bad-input', `llama.cpp could not load the model ${options.modelPath}: ${reasonOf(error)}`, { file: options.modelPath });
    }
    options.checkCancelled();
    context = await model.createContext({ threads: options.threads ?? 1, contextSize: { max: 4096 }, sequences: 1 });
    const grammar = await llama.createGrammarForJsonSchema<GbnfJsonSchema>(channelSchema(brief));
    const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS[brief.channel];
    const variants: LlmVariant[] = [];
    for (let i = 0; i < options.count; i++) {
      options.checkCancelled();
      const framework = frameworkFor(brief, i);
      // A fresh sequence per variant, so a variant depends only on its own prompt and seed.
      const session = new lib.LlamaChatSession({ contextSequence: context.getSequence(), systemPrompt: SYSTEM_PROMPT, autoDisposeSequence: true });
      try {
        const text = await promptOnce(session, buildPrompt(brief, framework), { grammar, seed: options.seed + i, maxTokens }, options);
        variants.push({ framework, angle: FRAMEWORKS[framework].angle, fields: parseFields(brief, text) });
      } finally {
        session.dispose();
      }
    }
    return variants;
  } finally {
    await context?.dispose();
    await model?.dispose();
    await llama.dispose();
  }
}
