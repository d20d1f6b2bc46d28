import { beta, gamma, integer, logNormal, shuffled, type Rng } from '../kernel/random';

/**
 * The demo shop's catalogue: a home and gift shop with eight categories. Each product type has a typical price;
 * products vary around it, so prices spread from a €4 greeting card to a €70 wool throw. Popularity and quality
 * are hidden per product: popularity drives what sells, quality drives stars and returns.
 */

export type CategoryName =
  | 'Candles'
  | 'Home fragrance'
  | 'Kitchen'
  | 'Textiles'
  | 'Stationery'
  | 'Gifts'
  | 'Garden'
  | 'Bath & body';

type CategorySpec = {
  name: CategoryName;
  code: string;
  /** Share of all lines when every customer likes every category equally. */
  share: number;
  /** Relative demand by month (January first) on top of the shop's own seasonality. */
  months: readonly number[];
  /** Chance that a line of this category is sent back. */
  returnRate: number;
  variants: readonly string[];
  /** Product types with their typical price in EUR. */
  types: readonly (readonly [string, number])[];
};

const SCENTS = [
  'Fig & Cedar', 'Sea Salt & Sage', 'Amber Noir', 'Wild Lavender', 'Orange Blossom', 'Black Pepper', 'Fresh Linen',
  'Tobacco & Vanilla', 'Rhubarb', 'Winter Spice', 'Neroli', 'Eucalyptus & Mint',
];
const WINTER = [1.3, 0.9, 0.9, 0.85, 0.8, 0.7, 0.7, 0.75, 0.95, 1.2, 1.45, 1.6];
const FLAT = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

const CATEGORIES: readonly CategorySpec[] = [
  {
    name: 'Candles', code: 'CAN', share: 0.22, months: WINTER, returnRate: 0.02, variants: SCENTS,
    types: [
      ['Soy Candle', 24], ['Pillar Candle', 16], ['Travel Tin Candle', 12], ['Three-Wick Candle', 42],
      ['Tealight Set (12)', 8.5],
    ],
  },
  {
    name: 'Home fragrance', code: 'HFR', share: 0.14, months: WINTER, returnRate: 0.025, variants: SCENTS,
    types: [
      ['Reed Diffuser 100 ml', 26], ['Reed Diffuser 250 ml', 44], ['Room Spray', 16], ['Diffuser Refill', 19],
      ['Wax Melts', 7.5],
    ],
  },
  {
    name: 'Kitchen', code: 'KIT', share: 0.13, months: FLAT, returnRate: 0.05,
    variants: ['Sage', 'Terracotta', 'Oat', 'Charcoal', 'Speckled', 'Olive Wood', 'Walnut', 'Enamel Blue'],
    types: [
      ['Mug', 13], ['Serving Bowl', 29], ['Dinner Plate', 16], ['Chopping Board', 34], ['Teapot', 39],
      ['Butter Dish', 18],
    ],
  },
  {
    name: 'Textiles', code: 'TEX', share: 0.12, returnRate: 0.07,
    months: [1.1, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 0.85, 1.05, 1.2, 1.25, 1.3],
    variants: ['Oat', 'Rust', 'Sage', 'Navy Stripe', 'Charcoal', 'Mustard', 'Blush', 'Natural'],
    types: [
      ['Linen Tea Towel', 12], ['Wool Throw', 69], ['Cushion Cover', 24], ['Linen Napkins (4)', 26],
      ['Table Runner', 32], ['Waffle Bath Towel', 27],
    ],
  },
  {
    name: 'Stationery', code: 'STA', share: 0.1, returnRate: 0.015,
    months: [1.5, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 1.1, 1.2, 0.9, 1.0, 1.3],
    variants: ['Botanical', 'Kraft', 'Marble', 'Terrazzo', 'Midnight', 'Meadow', 'Linen-Bound'],
    types: [
      ['A5 Notebook', 12], ['Weekly Planner', 18], ['Greeting Card', 3.95], ['Wrapping Paper', 6.5],
      ['Pencil Set', 7.5], ['Fountain Pen', 34],
    ],
  },
  {
    name: 'Gifts', code: 'GFT', share: 0.1, returnRate: 0.02,
    months: [0.6, 0.9, 0.9, 0.9, 1.1, 0.8, 0.7, 0.7, 0.8, 1.0, 1.8, 2.4],
    variants: ['Birthday', 'Thank You', 'New Home', 'Winter', 'Spring', 'Self-Care', 'Letterbox'],
    types: [['Gift Box', 45], ['Hamper', 69], ['Candle Trio', 29], ['Gift Set', 36]],
  },
  {
    name: 'Garden', code: 'GAR', share: 0.08, returnRate: 0.04,
    months: [0.3, 0.5, 1.3, 1.9, 2.0, 1.7, 1.2, 0.9, 0.8, 0.6, 0.5, 0.5],
    variants: ['Terracotta', 'Zinc', 'Glazed', 'Rattan', 'Copper'],
    types: [
      ['Plant Pot', 14], ['Large Planter', 39], ['Watering Can', 29], ['Seed Kit', 12], ['Bird Feeder', 24],
      ['Garden Lantern', 36],
    ],
  },
  {
    name: 'Bath & body', code: 'BAB', share: 0.11, months: FLAT, returnRate: 0.02, variants: SCENTS,
    types: [
      ['Hand Wash 300 ml', 14], ['Hand Cream 75 ml', 12], ['Bath Salts', 18], ['Body Lotion', 19], ['Soap Bar', 6.5],
      ['Lip Balm', 4.95],
    ],
  },
];

export type Product = {
  id: number;
  sku: string;
  name: string;
  /** The product type without its variant ('Soy Candle'), for review text. */
  kind: string;
  /** Index into Catalogue.categories. */
  category: number;
  categoryName: CategoryName;
  price: number;
  /** Hidden: relative chance of being picked within its category. */
  popularity: number;
  /** Hidden: 0..1, higher means better reviews and fewer returns. */
  quality: number;
};

export type CategoryInfo = Pick<CategorySpec, 'name' | 'share' | 'months' | 'returnRate'> & {
  /** Product ids of this category and their running popularity totals. */
  productIds: readonly number[];
  cumulativePopularity: Float64Array;
};

export type Catalogue = { products: readonly Product[]; categories: readonly CategoryInfo[] };

export const CATEGORY_NAMES: readonly CategoryName[] = CATEGORIES.map((c) => c.name);

/** Draws the catalogue: 12–25 products per category, ids from 1 in category order. */
export function buildCatalogue(rng: Rng): Catalogue {
  const products: Product[] = [];
  const categories = CATEGORIES.map((spec, category): CategoryInfo => {
    const combos = spec.types.flatMap((type) => spec.variants.map((variant) => [variant, type] as const));
    const count = Math.min(combos.length, integer(rng, 12, 25));
    const chosen = shuffled(rng, combos).slice(0, count);
    const productIds: number[] = [];
    const popularity: number[] = [];
    chosen.forEach(([variant, [typeName, typicalPrice]], i) => {
      const product: Product = {
        id: products.length + 1,
        sku: `${spec.code}-${String(i + 1).padStart(3, '0')}`,
        name: `${variant} ${typeName}`,
        kind: typeName,
        category,
        categoryName: spec.name,
        price: shopPrice(typicalPrice * logNormal(rng, 0, 0.15)),
        popularity: gamma(rng, 1.2) + 0.05,
        quality: beta(rng, 8, 2),
      };
      products.push(product);
      productIds.push(product.id);
      popularity.push(product.popularity);
    });
    const cumulativePopularity = new Float64Array(popularity.length);
    popularity.reduce((total, p, i) => (cumulativePopularity[i] = total + p), 0);
    const { name, share, months, returnRate } = spec;
    return { name, share, months, returnRate, productIds, cumulativePopularity };
  });
  return { products, categories };
}

/** An amount rounded to whole cents (binary floating point cannot hold most cent values exactly). */
export const toCents = (amount: number): number => Math.round(amount * 100) / 100;

/** Shop prices end in .95 above €5 and in .49/.99 below. */
function shopPrice(raw: number): number {
  const price = raw < 5 ? Math.max(1.49, Math.round(raw * 2) / 2 - 0.01) : Math.max(4.95, Math.round(raw) - 0.05);
  return toCents(price);
}
