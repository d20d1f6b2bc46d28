import type { z } from 'zod';
import type {
  Brief,
  briefSchema,
  CopyChannel,
  CopyEngine,
  copyFrameworks,
  CopyGoal,
  CopyTone,
  SocialNetwork,
} from '../../../shared/copy-schemas';

/** What the brief form edits: strings and blanks as the fields hold them, turned into a `Brief` on generate. */
export type BriefDraft = {
  channel: CopyChannel;
  network: SocialNetwork;
  goal: CopyGoal;
  tone: CopyTone;
  framework: (typeof copyFrameworks)[number];
  product: { name: string; description: string; benefits: string[]; price: number | null; currency: string };
  offer: { discountPercent: number | null; code: string; endsOn: string; freeShipping: boolean };
  audience: { mode: 'segment' | 'describe'; segmentId: number | null; description: string };
  brand: BrandKit;
  reply: { mode: 'review' | 'paste'; reviewId: number | null; text: string; rating: number | null; customerId: string | null };
};

/** The brand's voice, kept on this computer so every brief starts with it. */
export type BrandKit = { name: string; bannedWords: string[]; preferredWords: string[]; emoji: boolean; sampleCopy: string };

export type GenerateSettings = { variants: number; seed: number; engine: CopyEngine };

export type BriefInput = z.input<typeof briefSchema>;

export const emptyBrandKit = (): BrandKit => ({ name: '', bannedWords: [], preferredWords: [], emoji: false, sampleCopy: '' });

export function emptyDraft(currency: string, brand: BrandKit = emptyBrandKit()): BriefDraft {
  return {
    channel: 'email',
    network: 'x',
    goal: 'promotion',
    tone: 'friendly',
    framework: 'auto',
    product: { name: '', description: '', benefits: [], price: null, currency },
    offer: { discountPercent: null, code: '', endsOn: '', freeShipping: false },
    audience: { mode: 'segment', segmentId: null, description: '' },
    brand,
    reply: { mode: 'review', reviewId: null, text: '', rating: null, customerId: null },
  };
}

export const defaultSettings = (): GenerateSettings => ({ variants: 5, seed: 1, engine: 'builtin' });

const trimmed = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

/** Samples of the brand's copy are separated by a blank line. */
export const splitSamples = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The brief the engine reads. Blank fields are left out, so the schema's defaults and checks apply. */
export function toBrief(draft: BriefDraft): BriefInput {
  const { product, offer, audience, brand, reply } = draft;
  const offerPart = {
    ...(offer.discountPercent !== null ? { discountPercent: offer.discountPercent } : {}),
    ...(trimmed(offer.code) ? { code: offer.code.trim() } : {}),
    ...(trimmed(offer.endsOn) ? { endsOn: offer.endsOn.trim() } : {}),
    ...(offer.freeShipping ? { freeShipping: true } : {}),
  };
  const brandUsed = trimmed(brand.name) || brand.bannedWords.length > 0 || brand.preferredWords.length > 0 || trimmed(brand.sampleCopy);
  const audiencePart =
    audience.mode === 'segment' && audience.segmentId !== null
      ? { segmentId: audience.segmentId }
      : audience.mode === 'describe' && trimmed(audience.description)
        ? { description: audience.description.trim() }
        : undefined;
  return {
    channel: draft.channel,
    ...(draft.channel === 'social' ? { network: draft.network } : {}),
    goal: draft.goal,
    tone: draft.tone,
    framework: draft.framework,
    product: {
      name: product.name.trim(),
      ...(trimmed(product.description) ? { description: product.description.trim() } : {}),
      benefits: product.benefits.map((b) => b.trim()).filter(Boolean),
      ...(product.price !== null ? { price: product.price } : {}),
      ...(product.price !== null && trimmed(product.currency) ? { currency: product.currency.trim().toUpperCase() } : {}),
    },
    ...(Object.keys(offerPart).length > 0 ? { offer: offerPart } : {}),
    ...(audiencePart ? { audience: audiencePart } : {}),
    ...(brandUsed
      ? {
          brand: {
            name: brand.name.trim(),
            bannedWords: brand.bannedWords,
            preferredWords: brand.preferredWords,
            emoji: brand.emoji,
            sampleCopy: splitSamples(brand.sampleCopy),
          },
        }
      : {}),
    ...(draft.channel === 'reply'
      ? {
          replyTo: {
            text: reply.text.trim(),
            ...(reply.rating !== null ? { rating: reply.rating } : {}),
            ...(reply.customerId ? { customerId: reply.customerId } : {}),
          },
        }
      : {}),
  };
}

/** A saved brief back in the form (reuse from the library). */
export function fromBrief(brief: Brief, fallback: BriefDraft): BriefDraft {
  return {
    channel: brief.channel,
    network: brief.network,
    goal: brief.goal,
    tone: brief.tone,
    framework: brief.framework,
    product: {
      name: brief.product.name,
      description: brief.product.description ?? '',
      benefits: brief.product.benefits,
      price: brief.product.price ?? null,
      currency: brief.product.currency ?? fallback.product.currency,
    },
    offer: {
      discountPercent: brief.offer?.discountPercent ?? null,
      code: brief.offer?.code ?? '',
      endsOn: brief.offer?.endsOn ?? '',
      freeShipping: brief.offer?.freeShipping ?? false,
    },
    audience: brief.audience?.description
      ? { mode: 'describe', segmentId: null, description: brief.audience.description }
      : { mode: 'segment', segmentId: brief.audience?.segmentId ?? null, description: '' },
    brand: brief.brand
      ? {
          name: brief.brand.name,
          bannedWords: brief.brand.bannedWords,
          preferredWords: brief.brand.preferredWords,
          emoji: brief.brand.emoji,
          sampleCopy: brief.brand.sampleCopy.join('\n\n'),
        }
      : fallback.brand,
    reply: brief.replyTo
      ? { mode: 'paste', reviewId: null, text: brief.replyTo.text, rating: brief.replyTo.rating ?? null, customerId: brief.replyTo.customerId ?? null }
      : fallback.reply,
  };
}

/** Form field keys for errors: `product.name`, `offer.code`, `replyTo.text`, `variants`… */
export type FieldErrors = Record<string, string>;

/** Which part of the form a field error belongs to, so a closed part opens to show it. */
export function sectionOf(field: string): 'product' | 'offer' | 'audience' | 'brand' | 'reply' | 'message' | 'generate' {
  const head = field.split('.')[0] ?? '';
  if (head === 'product') return 'product';
  if (head === 'offer') return 'offer';
  if (head === 'audience') return 'audience';
  if (head === 'brand') return 'brand';
  if (head === 'replyTo') return 'reply';
  if (head === 'variants' || head === 'seed' || head === 'engine' || head === 'candidates') return 'generate';
  return 'message';
}

/**
 * A field's key from a path in the generate input (`brief.product.name` → `product.name`); list items point at
 * their list (`brand.bannedWords.2` → `brand.bannedWords`).
 */
export function fieldKey(path: readonly PropertyKey[] | string): string {
  const parts = (typeof path === 'string' ? path.split('.') : path.map(String)).filter((p) => p !== '');
  const rest = parts[0] === 'brief' ? parts.slice(1) : parts;
  const withoutIndex = rest.filter((p) => !/^\d+$/.test(p));
  return withoutIndex.join('.') || 'brief';
}

/** The brand kit as it was last used on this computer. */
const BRAND_KEY = 'localyst.copy.brandKit';

export function loadBrandKit(): BrandKit {
  try {
    const raw = window.localStorage.getItem(BRAND_KEY);
    if (!raw) return emptyBrandKit();
    const value = JSON.parse(raw) as Partial<BrandKit>;
    const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    return {
      name: typeof value.name === 'string' ? value.name : '',
      bannedWords: list(value.bannedWords),
      preferredWords: list(value.preferredWords),
      emoji: value.emoji === true,
      sampleCopy: typeof value.sampleCopy === 'string' ? value.sampleCopy : '',
    };
  } catch {
    return emptyBrandKit();
  }
}

export function saveBrandKit(kit: BrandKit): void {
  try {
    window.localStorage.setItem(BRAND_KEY, JSON.stringify(kit));
  } catch {
    // Storage can be full or disabled: the kit then lives as long as the page.
  }
}

/** The campaign the last variant was saved to, offered again. */
const CAMPAIGN_KEY = 'localyst.copy.lastCampaign';

export function loadLastCampaign(): string {
  try {
    return window.localStorage.getItem(CAMPAIGN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveLastCampaign(name: string): void {
  try {
    window.localStorage.setItem(CAMPAIGN_KEY, name);
  } catch {
    // See saveBrandKit.
  }
}

/** A date `days` from today, as YYYY-MM-DD in the user's calendar. */
export function isoDateFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
