import { describe, expect, it } from 'vitest';
import { briefFacts, factTokens, inventedFacts } from '../../../src/engine/copy/facts';
import { charCount, checkVariant } from '../../../src/engine/copy/checks';
import { smsLength } from '../../../src/engine/copy/sms';
import { briefSchema } from '../../../src/shared/copy-schemas';

describe('SMS length (3GPP TS 23.038)', () => {
  it('counts GSM-7 septets: 160 fit one message, 161 need two of 153', () => {
    expect(smsLength('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1, remaining: 0 });
    expect(smsLength('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', units: 161, segments: 2, remaining: 306 - 161 });
    expect(smsLength('a'.repeat(306)).segments).toBe(2);
    expect(smsLength('a'.repeat(307)).segments).toBe(3);
    expect(smsLength('')).toMatchObject({ units: 0, segments: 0 });
  });

  it('counts the extension table twice and keeps accented letters of the basic table at one', () => {
    // € [ ] { } ~ | ^ \ take two septets each (9 × 2 = 18); the other 14 characters one each.
    expect(smsLength('€5 [sale] {now} ~ | ^ \\')).toMatchObject({ encoding: 'GSM-7', units: 32 });
    expect(smsLength('Café Müller, Ñoño, Øresund, àèìòù').encoding).toBe('GSM-7');
    // ú (acute) is not in the GSM alphabet (ù, grave, is), nor is the em dash.
    expect(smsLength('Ñandú').nonGsm).toEqual(['ú']);
    expect(smsLength('Sale — now').nonGsm).toEqual(['—']);
  });

  it('switches to UCS-2 for anything else and counts UTF-16 units: 70 in one message, then 67 each', () => {
    const emoji = smsLength('Hi 😀');
    expect(emoji).toMatchObject({ encoding: 'UCS-2', units: 5, segments: 1, nonGsm: ['😀'] });
    expect(smsLength('ç'.repeat(70))).toMatchObject({ encoding: 'UCS-2', segments: 1, remaining: 0 });
    expect(smsLength('ç'.repeat(71))).toMatchObject({ segments: 2, remaining: 134 - 71 });
  });
});

const brief = briefSchema.parse({
  channel: 'email',
  goal: 'promotion',
  tone: 'friendly',
  product: { name: 'Amber & Oak candle', benefits: ['Burns for 60 hours', 'Hand-poured in 2 small batches a week'], price: 49, currency: 'EUR' },
  offer: { discountPercent: 20, code: 'SAVE20', endsOn: '2026-12-24', freeShipping: true },
  brand: { name: 'Lumen & Co' },
});

describe('never invent facts', () => {
  it('reads numbers, prices, percentages, dates and codes out of copy', () => {
    const tokens = factTokens('Save 20% with SAVE20 until 24 December 2026: €1,299.00, then December 31, and 2026-12-24.');
    expect(tokens.map((t) => `${t.kind}:${t.value}`)).toEqual([
      'date:2026-12-24',
      'date:2026-12-24',
      'date:--12-31',
      'code:SAVE20',
      'number:20',
      'number:1299',
    ]);
  });

  it('accepts copy whose every fact is in the brief, in any spelling', () => {
    const copy = 'Lumen & Co: 20% off the Amber & Oak candle (€49, burns for 60 hours) with code SAVE20 until 24 December. Free shipping.';
    expect(inventedFacts(copy, brief)).toEqual([]);
    expect(inventedFacts('Ends December 24, 2026 — order 24/7 in 1 click.', brief)).toEqual([]);
    expect(briefFacts(brief).has('number:49')).toBe(true);
  });

  it('flags a price, a percentage, a date or a code the brief never gave', () => {
    const found = inventedFacts('Now €39.20 — 25% off with SAVE25, ends 31 December. Buy 3, pay for 2.', brief);
    expect(found.map((t) => t.text)).toEqual(['31 December', 'SAVE25', '39.20', '25', '3']);
  });
});

describe('variant checks', () => {
  const withBrand = briefSchema.parse({
    ...brief,
    brand: { name: 'Lumen & Co', bannedWords: ['cheap', 'last chance'], preferredWords: ['hand-poured'], emoji: false },
  });
  const byName = (checks: ReturnType<typeof checkVariant>) => Object.fromEntries(checks.map((c) => [c.name, c]));

  it('passes a well-made email and says why', () => {
    const checks = byName(
      checkVariant(withBrand, {
        channel: 'email',
        subject: '20% off the Amber & Oak candle',
        preheader: 'Hand-poured, burns for 60 hours. Code SAVE20 until 24 December.',
        body: 'Our hand-poured Amber & Oak candle burns for 60 hours. Take 20% off with SAVE20 until 24 December.\n\nShop now.\n\nUnsubscribe any time.',
      }),
    );
    expect(Object.values(checks).filter((c) => !c.passed)).toEqual([]);
    expect(checks['subject-length']?.detail).toBe('30 of 60 characters');
    expect(checks['reading-level']?.detail).toMatch(/^Flesch-Kincaid grade \d+\.\d/);
  });

  it('fails limits, missing opt-outs, banned words, emoji, and invented facts, naming them', () => {
    const email = byName(
      checkVariant(withBrand, {
        channel: 'email',
        subject: 'x'.repeat(61),
        preheader: 'Cheap candles 🔥 — last chance',
        body: 'Only €29 today!',
      }),
    );
    expect(email['subject-length']).toMatchObject({ passed: false, detail: '61 of 60 characters' });
    expect(email['unsubscribe-line']?.passed).toBe(false);
    expect(email['banned-words']).toMatchObject({ passed: false, detail: 'uses "cheap", "last chance"' });
    expect(email['preferred-words']).toMatchObject({ passed: false });
    expect(email.emoji).toMatchObject({ passed: false, detail: '1 emoji where the brand allows none' });
    expect(email.facts).toMatchObject({ passed: false, detail: 'not in the brief: 29' });

    const sms = byName(checkVariant(withBrand, { channel: 'sms', text: 'Lumen & Co: 20% off with SAVE20 ✨' }));
    expect(sms['sms-segments']).toMatchObject({ passed: true, detail: expect.stringMatching(/^UCS-2, \d+ UTF-16 units, 1 segment \(not in GSM-7: ✨\)$/) });
    expect(sms['opt-out']?.passed).toBe(false);

    const ad = byName(checkVariant(withBrand, { channel: 'search_ad', headlines: ['Amber & Oak candle', 'Hand-poured, 60-hour burn'], descriptions: ['d'.repeat(91)] }));
    expect(ad.headlines?.passed).toBe(false);
    expect(ad['description-length']?.passed).toBe(false);
    expect(ad.descriptions?.passed).toBe(false);
  });

  it('does not take a word inside another for a banned word', () => {
    const checks = byName(checkVariant(withBrand, { channel: 'push', title: 'Cheapside stories', body: 'Carefree evenings with a hand-poured candle.' }));
    expect(checks['banned-words']?.passed).toBe(true);
    expect(charCount('Hi 😀')).toBe(4);
  });
});

describe('claims and replies', () => {
  const byName = (checks: ReturnType<typeof checkVariant>) => Object.fromEntries(checks.map((c) => [c.name, c]));
  const plain = briefSchema.parse({ channel: 'email', goal: 'launch', tone: 'friendly', product: { name: 'Linen apron', description: 'Organic linen, cut in our studio', benefits: ['Washes soft'] } });
  const claimsOf = (text: string) => byName(checkVariant(plain, { channel: 'push', title: 'Linen apron', body: text })).claims;

  it('refuses claims the brief does not make, and allows the ones it makes', () => {
    expect(claimsOf('Free shipping on every apron.')).toMatchObject({ passed: false, detail: 'claims the brief does not make: free shipping' });
    expect(claimsOf('Our best-selling apron, while stocks last.')?.detail).toBe('claims the brief does not make: limited stock, popularity or awards');
    expect(claimsOf('Money-back guarantee.')?.passed).toBe(false);
    expect(claimsOf('Last chance to get yours.')?.passed).toBe(false);
    // The brief says "organic": the copy may too.
    expect(claimsOf('Organic linen that washes soft.')?.passed).toBe(true);
    expect(claimsOf('Handmade in small batches.')?.passed).toBe(false);
    const withOffer = { ...plain, offer: { freeShipping: true, endsOn: '2026-12-24', discountPercent: 10 } };
    expect(byName(checkVariant(withOffer, { channel: 'push', title: 'Last chance', body: 'Free shipping and 10% off.' })).claims?.passed).toBe(true);
  });

  it('checks that a reply says back what the customer wrote and does not argue', () => {
    const reply = briefSchema.parse({ channel: 'reply', goal: 'retention', tone: 'friendly', product: { name: 'Mug' }, replyTo: { text: 'The mug arrived chipped and the glaze crazed.', rating: 1 } });
    const good = byName(checkVariant(reply, { channel: 'reply', text: 'We are so sorry the mug arrived chipped. Please send your order number.' }));
    expect(good.acknowledges).toMatchObject({ passed: true, detail: 'says back their words: arrived, chipped' });
    expect(good['no-argument']?.passed).toBe(true);
    const generic = byName(checkVariant(reply, { channel: 'reply', text: 'Thank you for your feedback. However, our records show it was fine.' }));
    expect(generic.acknowledges?.passed).toBe(false);
    expect(generic['no-argument']).toMatchObject({ passed: false, detail: 'argues: "However"' });
  });
});
