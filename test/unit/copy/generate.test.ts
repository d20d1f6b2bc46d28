import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allText, containsPhrase } from '../../../src/engine/copy/checks';
import { briefFacts, factTokens } from '../../../src/engine/copy/facts';
import { generateCandidates } from '../../../src/engine/copy/generate';
import { distinctBigramRatio, rankCandidates } from '../../../src/engine/copy/rank';
import { briefSchema, copyChannels, copyGoals, copyTones, socialNetworks, type Brief } from '../../../src/shared/copy-schemas';

const briefs: Brief[] = (JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'briefs.json'), 'utf8')) as unknown[]).map((b) => briefSchema.parse(b));

const write = (brief: Brief, seed = 1, keep = 5) => rankCandidates(brief, generateCandidates(brief, { count: 50, seed }), { keep, seed, engine: 'builtin' });

describe('the 20-brief fixture', () => {
  it('covers every channel, social network, goal and tone', () => {
    expect(briefs).toHaveLength(20);
    expect(new Set(briefs.map((b) => b.channel))).toEqual(new Set(copyChannels));
    expect(new Set(briefs.map((b) => b.goal))).toEqual(new Set(copyGoals));
    expect(new Set(briefs.map((b) => b.tone))).toEqual(new Set(copyTones));
    expect(new Set(briefs.filter((b) => b.channel === 'social').map((b) => b.network))).toEqual(new Set(socialNetworks));
  });

  describe.each(briefs.map((brief, i) => [`#${i} ${brief.channel}${brief.channel === 'social' ? `/${brief.network}` : ''} ${brief.goal} ${brief.tone}`, brief] as const))('%s', (_name, brief) => {
    const variants = write(brief);

    it('keeps five variants and every one passes every check', () => {
      expect(variants).toHaveLength(5);
      for (const v of variants) expect(v.checks.filter((c) => !c.passed), v.id).toEqual([]);
    });

    it('states no number, date or code that is not in the brief (read independently of the checks)', () => {
      const allowed = briefFacts(brief);
      for (const v of variants) {
        const stray = factTokens(allText(v.fields).replace(/\{\{[^}]*\}\}/g, ' ')).filter((t) => !allowed.has(`${t.kind}:${t.value}`));
        expect(stray, allText(v.fields)).toEqual([]);
        // And, without the checker's own parser: every number written in the copy is written in the brief.
        const briefText = JSON.stringify(brief);
        for (const d of allText(v.fields).match(/\d[\d,]*(?:\.\d+)?/g) ?? []) expect(briefText, d).toContain(String(Number(d.replace(/,/g, ''))));
      }
    });

    it('never uses a banned word', () => {
      for (const v of variants) for (const w of brief.brand?.bannedWords ?? []) expect(containsPhrase(allText(v.fields), w), `${w} in ${v.id}`).toBe(false);
    });

    it('keeps variants distinct: distinct bigram ratio at least 0.6', () => {
      expect(distinctBigramRatio(variants.map((v) => allText(v.fields)))).toBeGreaterThanOrEqual(0.6);
    });

    it('explains every rank', () => {
      for (const [i, v] of variants.entries()) {
        expect(v.reasons[0]).toMatch(new RegExp(`^Rank ${i + 1}: score \\d+/100, ([1-9]\\d*)(st|nd|rd|th) best of \\d+ candidates`));
        expect(v.reasons.some((r) => r.startsWith('Channel fit'))).toBe(true);
        expect(v.reasons.some((r) => r.startsWith('Readability'))).toBe(true);
      }
    });
  });
});

describe('the built-in generator', () => {
  const brief = briefs[0] as Brief;

  it('is deterministic by seed: same brief and seed, same variants; another seed, other variants', () => {
    expect(write(brief, 7)).toEqual(write(brief, 7));
    const a = write(brief, 7).map((v) => allText(v.fields));
    const b = write(brief, 8).map((v) => allText(v.fields));
    expect(a).not.toEqual(b);
  });

  it('varies the angle and the framework, not only a word', () => {
    const variants = write(brief);
    expect(new Set(variants.map((v) => v.angle)).size).toBe(variants.length);
    expect(new Set(variants.map((v) => v.framework)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(variants.map((v) => v.fields.channel === 'email' && v.fields.subject)).size).toBe(variants.length);
  });

  it("quotes customers' praise of the product, never praise of the shop, and keeps their words' case", () => {
    const audience = {
      segmentId: null, segmentName: null, customers: 10, description: '', topCategories: [], topProducts: [], complaints: [], medianRecencyDays: 30,
      praise: ['highly recommend this shop', 'will definitely order again', 'it burns evenly'], phrasesAbout: 'product' as const,
    };
    const quoted = (b: Brief) => rankCandidates(b, generateCandidates(b, { count: 120, seed: 1, audience, productPraise: true }), { keep: 10, seed: 1, engine: 'builtin' });
    const texts = quoted(brief).map((v) => allText(v.fields));
    expect(texts.some((t) => /burns evenly/i.test(t))).toBe(true);
    expect(texts.some((t) => /recommend this shop|order again/i.test(t))).toBe(false);
    const ads = quoted({ ...brief, channel: 'search_ad' }).flatMap((v) => (v.fields.channel === 'search_ad' ? v.fields.headlines : []));
    for (const h of ads.filter((x) => x.includes('"'))) expect(h).not.toMatch(/Burns Evenly/);
  });

  it("speaks to the segment's favourite category when the audience has one", () => {
    const cross = briefs.find((b) => b.goal === 'cross_sell') as Brief;
    const audience = {
      segmentId: 3, segmentName: 'Candle lovers', customers: 120, description: '', topCategories: ['Candles'], topProducts: [], praise: [], complaints: [],
      medianRecencyDays: 40, phrasesAbout: 'customers' as const,
    };
    const texts = rankCandidates(cross, generateCandidates(cross, { count: 80, seed: 1, audience }), { keep: 10, seed: 1, engine: 'builtin', audience }).map((v) => allText(v.fields));
    expect(texts.some((t) => /\bcandles\b/.test(t))).toBe(true);
    const none = write(cross).map((v) => allText(v.fields));
    expect(none.some((t) => /\{c\}|candles/.test(t))).toBe(false);
  });

  it('never cuts a long product name to fit a subject, title or headline', () => {
    const name = 'Enterprise Inventory Forecasting Suite for Multi-Location Retailers';
    for (const channel of ['email', 'push', 'display_ad'] as const) {
      const long = briefSchema.parse({ channel, goal: 'launch', tone: 'professional', product: { name } });
      for (const v of write(long)) {
        const head = v.fields.channel === 'email' ? v.fields.subject : v.fields.channel === 'push' ? v.fields.title : v.fields.channel === 'display_ad' ? v.fields.headline : '';
        const words = head.replace(/[^\p{L}\s-]/gu, ' ').split(/\s+/).filter(Boolean);
        for (const w of words) expect(`${name} ${'Want to be one of the first Ready for something new Have you met yet Introducing Meet New Say hello to Just Launched Now Available Be Among the First Fresh From Our Team First Look Something New Is Here Out Now Yours'}`.toLowerCase().split(/[\s:?]+/)).toContain(w.toLowerCase());
        expect(v.checks.every((c) => c.passed)).toBe(true);
      }
    }
  });

  it('answers a complaint as a complaint when the message has no stars', () => {
    const reply = briefSchema.parse({ channel: 'reply', goal: 'retention', tone: 'friendly', product: { name: 'Order' }, replyTo: { text: 'Delivery took three weeks and nobody answered my emails.' } });
    for (const v of write(reply, 1, 3)) {
      expect(allText(v.fields)).toMatch(/sorry|apologise/i);
      expect(allText(v.fields)).toContain('nobody answered your emails');
    }
  });

  it('says back a two-word review, and never puts words in quotation marks that the customer did not write', () => {
    const reply = briefSchema.parse({ channel: 'reply', goal: 'retention', tone: 'premium', product: { name: 'Scarf' }, replyTo: { text: 'Love it!', rating: 5 } });
    for (const v of write(reply, 1, 4)) {
      expect(v.checks.every((c) => c.passed), JSON.stringify(v.checks)).toBe(true);
      expect(allText(v.fields)).toMatch(/you love it/i);
      expect(allText(v.fields)).not.toMatch(/"[^"]*you love it/i);
    }
  });

  it('uses the framework the brief asks for', () => {
    const pas = write({ ...brief, framework: 'PAS' });
    expect(pas.every((v) => v.framework === 'PAS')).toBe(true);
  });

  it('drops a line rather than say a banned word that sits in the brief itself', () => {
    const strict = { ...brief, brand: { ...brief.brand!, bannedWords: ['hours', 'glass'] } };
    for (const v of write(strict)) {
      expect(containsPhrase(allText(v.fields), 'hours')).toBe(false);
      expect(containsPhrase(allText(v.fields), 'glass')).toBe(false);
    }
  });

  it('promises no saving, free shipping or deadline the brief lacks', () => {
    const plain = briefSchema.parse({ channel: 'email', goal: 'promotion', tone: 'urgent', product: { name: 'Linen apron', benefits: ['Washes soft'] } });
    for (const v of write(plain)) {
      const text = allText(v.fields);
      expect(text).not.toMatch(/for less|this price|free shipping|last chance|\bends\b|% off/i);
    }
  });

  it('ranks brand-like candidates higher when sample copy is given', () => {
    const sample = { ...brief, brand: { ...brief.brand!, sampleCopy: ['Had your eye on it for a while? This is that moment. Treat yourself.'] } };
    const ranked = write(sample, 1, 5);
    expect(ranked[0]?.reasons.some((r) => /closest to your sample/.test(r))).toBe(true);
  });

  it('answers a complaint by saying back what the customer wrote, apologising and never arguing', () => {
    const reply = briefs.find((b) => b.channel === 'reply' && b.replyTo?.rating === 1) as Brief;
    for (const v of write(reply)) {
      const text = allText(v.fields);
      expect(text).toMatch(/sorry|apologis/i);
      expect(text).toMatch(/chipped|crazed/);
      expect(text).not.toMatch(/\bhowever\b|\bactually\b|our records|you should have/i);
      expect(text).not.toMatch(/refund|replacement/i); // the brief allows a discount code, nothing else
    }
  });

  it('thanks praise in the customer\u2019s words, turned to the second person', () => {
    const reply = briefs.find((b) => b.channel === 'reply' && b.replyTo?.rating === 5) as Brief;
    const texts = write(reply).map((v) => allText(v.fields));
    expect(texts.some((t) => /burns evenly|the scent fills the whole room/.test(t))).toBe(true);
    expect(texts.every((t) => !/sorry/i.test(t))).toBe(true);
  });
});

describe("the README's ten examples", () => {
  it('are what the generator writes today for the fixture briefs at seed 1 (update the README when this fails)', () => {
    const written = briefs.flatMap((b) => write(b).map((v) => allText(v.fields))).join('\n\n');
    const readme = fs.readFileSync(path.resolve('README.md'), 'utf8');
    for (const line of [
      'Peak Outfitters: Trail running shoes. Grippy soles for wet trails. 30% off when you use code TRAIL30 until 6 December. Treat yourself. Reply STOP to opt out',
      'Mud Studio: Hi {{firstName|there}}! Looking for a reason to get out? Make room for Pottery night. 10% off with code CLAY10 until 15 January. Join us. Reply STOP to opt out',
      'Let Single-origin coffee subscription be your reason to return. Roasted to order every week.',
      'What it means for you: new, and ready when you are.',
      'You picked your favourite. Now complete the picture with Linen tea towels.',
      'Want more from every day? Take a look at Pro plan. 25% off until 31 December. See the difference.',
      'Fresh flower bouquets. Hand-tied by our florists. 15% off when you use code BLOOM15.',
      'Had your eye on Plant pot trio for a while? Today is a good day to say yes. 20% off with GREEN20. Get yours now.',
      'Knowing it burns evenly and the scent fills the whole room made our day.',
      'We would like to make it up to you: 15% off with code SORRY15 on your next order.',
    ]) {
      expect(written, line).toContain(line);
      expect(readme, line).toContain(line);
    }
  });
});
