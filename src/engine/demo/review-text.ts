import type { CategoryName, Product } from './catalogue';
import { pick, type Rng } from '../kernel/random';

/**
 * Review titles and bodies that agree with their stars and talk about the product the way buyers of that category
 * do, so that text analysis (sentiment, topics) finds what the stars say: praise of scent and quality at five
 * stars, breakage, leaks and fading at one or two.
 */

type Phrases = { praise: readonly string[]; complaint: readonly string[]; mixed: readonly string[] };

/** What buyers of each category say when pleased, disappointed or in two minds. */
export const REVIEW_PHRASES: Record<CategoryName, Phrases> = {
  Candles: {
    praise: ['it burns evenly and the scent fills the whole room', 'the scent is lovely even before it is lit',
      'it has burned for hours without any soot', 'the fragrance is subtle and really cosy in the evenings'],
    complaint: ['the wick tunnelled after a couple of burns', 'there is barely any scent once it is lit',
      'the glass arrived cracked', 'it smoked and left black soot on the jar'],
    mixed: ['the scent is lighter than I expected', 'it burns down faster than the description suggests'],
  },
  'Home fragrance': {
    praise: ['the scent lasts for weeks without being overpowering', 'it makes the whole hallway smell wonderful',
      'guests keep asking what the lovely smell is'],
    complaint: ['the scent faded within a few days', 'the bottle leaked all over the box',
      'it smells nothing like the description, quite chemical'],
    mixed: ['the fragrance is nice but fades quicker than I would like', 'I have to flip the reeds every day to smell it'],
  },
  Kitchen: {
    praise: ['it feels solid and well made', 'it looks beautiful on the table and survives the dishwasher',
      'the glaze is even prettier in real life'],
    complaint: ['it arrived chipped', 'the glaze crazed after the first wash', 'it is much smaller than the photos suggest'],
    mixed: ['the colour is a bit darker than on the website', 'it is lovely but not dishwasher-safe as I had assumed'],
  },
  Textiles: {
    praise: ['the fabric is soft and washes really well', 'the colour is exactly as pictured',
      'it is thick, cosy and beautifully finished'],
    complaint: ['the colour ran in the first wash', 'the stitching came loose within a week', 'the fabric is thin and scratchy'],
    mixed: ['it creases more than I expected', 'the colour is slightly different from the photo'],
  },
  Stationery: {
    praise: ['the paper is thick and takes fountain-pen ink without bleeding', 'it is beautifully printed and feels luxurious',
      'it is the perfect size for my bag'],
    complaint: ['the binding came apart after a week', 'the print was smudged', 'the paper is so thin that ink bleeds through'],
    mixed: ['the design is nice but the paper could be thicker', 'it is smaller than I expected'],
  },
  Gifts: {
    praise: ['it was beautifully packed and the recipient loved it', 'everything in the box is lovely quality',
      'it made the perfect present'],
    complaint: ['half of the items were missing from the box', 'the box arrived crushed and one item was broken',
      'it looks cheap for the price'],
    mixed: ['the items are nice but the box felt a little empty', 'a lovely idea, but pricey for what is inside'],
  },
  Garden: {
    praise: ['it has been outside all season and still looks great', 'it is sturdy and looks lovely on the balcony',
      'my plants are thriving in it'],
    complaint: ['it cracked after the first frost', 'it started rusting within weeks', 'there is no drainage hole at all'],
    mixed: ['it is nice but smaller than I pictured', 'the finish is a bit uneven'],
  },
  'Bath & body': {
    praise: ['it smells divine and is gentle on my skin', 'a little goes a long way', 'my hands have never felt softer'],
    complaint: ['it gave me a rash', 'the pump broke the first time I used it', 'the scent is overpowering and artificial'],
    mixed: ['the scent is lovely but it is a bit drying', 'it is nice, but it runs out quickly'],
  },
};

const TITLES: Record<number, readonly string[]> = {
  5: ['Absolutely love it', 'Perfect {kind}', 'Gorgeous {kind}', 'My new favourite', 'Worth every cent', 'Beautiful quality',
    'Love the {name}'],
  4: ['Really nice {kind}', 'Very happy with it', 'Lovely, almost perfect', 'Good quality {kind}', 'Would buy again'],
  3: ['Okay, not amazing', 'Mixed feelings', 'It is fine', 'Expected a bit more', 'Decent {kind}'],
  2: ['Disappointed', 'Not what I hoped for', 'Not great', 'Would not buy again'],
  1: ['Very disappointed', 'Poor quality', 'Avoid this {kind}', 'Not as described', 'Waste of money'],
};
const RETURNED_TITLES = ['Sent it back', 'Returned it', 'Not as pictured, returned', 'Had to return this'];

const OPENERS: Record<'high' | 'middle' | 'low', readonly string[]> = {
  high: ['I ordered the {name} and', 'Bought the {name} as a treat and', 'The {name} arrived quickly and',
    'Second time buying the {name}:', 'Got the {name} as a gift for my sister and'],
  middle: ['The {name} is nice enough, but', 'I like the {name}, although', 'The {name} does the job, but'],
  low: ['I had high hopes for the {name} but', 'Sadly the {name} was a letdown:', 'I ordered the {name} and',
    'Really disappointed with the {name}:'],
};

const CLOSERS: Record<number, readonly string[]> = {
  5: ['Will definitely order again.', 'Already ordered another one as a present.', 'Lovely packaging too.',
    'Highly recommend this shop.'],
  4: ['Only wish it came in more colours.', 'Delivery took a few days longer than promised, but worth the wait.',
    'A little pricey, but good quality.', 'Would buy again.'],
  3: ['Not sure I would buy it again.', 'Fine for the price.', 'It is okay, nothing special.'],
  2: ['Not buying this one again.', 'Expected better for the price.', 'Customer service was friendly at least.'],
  1: ['Really not worth the money.', 'Very poor quality.', 'I will not order this again.'],
};
const RETURNED_CLOSERS = ['I sent it back for a refund.', 'Returned it within the week.', 'Returned it; the refund was quick at least.'];

export type ReviewText = { title: string; body: string };

/** A title and body for a review of `product` with `rating` stars (1–5). */
export function reviewText(rng: Rng, product: Product, rating: number, returned: boolean): ReviewText {
  const phrases = REVIEW_PHRASES[product.categoryName];
  const fill = (template: string): string =>
    template.replaceAll('{name}', product.name).replaceAll('{kind}', product.kind.toLowerCase());
  const titles = returned && rating <= 2 && rng() < 0.5 ? RETURNED_TITLES : (TITLES[rating] ?? []);
  const title = fill(pick(rng, titles));
  const tone = rating >= 4 ? 'high' : rating === 3 ? 'middle' : 'low';
  const detail = pick(rng, tone === 'high' ? phrases.praise : tone === 'middle' ? phrases.mixed : phrases.complaint);
  const closer = returned && rating <= 3 ? pick(rng, RETURNED_CLOSERS) : pick(rng, CLOSERS[rating] ?? []);
  return { title, body: `${fill(pick(rng, OPENERS[tone]))} ${detail}. ${closer}` };
}
