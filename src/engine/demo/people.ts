import { Faker, base, de, de_AT, en, en_GB, en_US, fr, nl, nl_BE, type LocaleDefinition } from '@faker-js/faker';
import { DAYS_PER_YEAR, WINDOW_DAYS, demandAt, monthAt, type Seasonality } from './calendar';
import { bernoulli, choice, pick, weightedTable, type Rng, type WeightedTable } from '../kernel/random';

/**
 * Who the demo shop's customers are: a Dutch home-and-gift web shop that also sells to its neighbours. Names and
 * small towns come from faker (a seeded instance per country, never the global one); big cities from our own
 * population-weighted lists, because faker's Dutch and British city generators only make up names.
 */

type CountrySpec = {
  code: string;
  share: number;
  locale: LocaleDefinition;
  /** Multiplies the purchase rate: shipping costs and customs make far-away customers buy less often. */
  rateEffect: number;
  /** Real cities with rough populations (thousands), drawn for `bigCityShare` of customers. */
  cities: readonly (readonly [string, number])[];
  bigCityShare: number;
  /** Where the rest live: faker's real city list for the locale, faker's made-up towns, or none. */
  smallTowns: 'city-name' | 'city' | 'none';
};

const COUNTRIES: readonly CountrySpec[] = [
  {
    code: 'NL', share: 0.55, locale: nl, rateEffect: 1, bigCityShare: 0.7, smallTowns: 'city',
    cities: [['Amsterdam', 930], ['Rotterdam', 665], ['Den Haag', 560], ['Utrecht', 370], ['Eindhoven', 240], ['Groningen', 235],
      ['Tilburg', 225], ['Almere', 220], ['Breda', 185], ['Nijmegen', 180], ['Arnhem', 165], ['Haarlem', 165], ['Enschede', 160],
      ['Amersfoort', 160], ["'s-Hertogenbosch", 157], ['Zwolle', 130], ['Leiden', 127], ['Maastricht', 122], ['Alkmaar', 110],
      ['Delft', 105], ['Deventer', 101], ['Hilversum', 92]],
  },
  {
    code: 'BE', share: 0.12, locale: nl_BE, rateEffect: 1, bigCityShare: 0.7, smallTowns: 'city',
    cities: [['Antwerpen', 530], ['Gent', 265], ['Brussel', 185], ['Brugge', 118], ['Leuven', 102], ['Mechelen', 87],
      ['Aalst', 88], ['Hasselt', 80], ['Kortrijk', 78], ['Sint-Niklaas', 78], ['Genk', 67]],
  },
  {
    code: 'DE', share: 0.15, locale: de, rateEffect: 0.9, bigCityShare: 0.6, smallTowns: 'city-name',
    cities: [['Berlin', 3650], ['Hamburg', 1850], ['München', 1490], ['Köln', 1080], ['Frankfurt am Main', 760], ['Stuttgart', 630],
      ['Düsseldorf', 620], ['Leipzig', 600], ['Dortmund', 590], ['Essen', 580], ['Bremen', 570], ['Dresden', 555], ['Hannover', 535],
      ['Nürnberg', 515], ['Münster', 315], ['Aachen', 250]],
  },
  {
    code: 'FR', share: 0.06, locale: fr, rateEffect: 0.85, bigCityShare: 0.5, smallTowns: 'city-name',
    cities: [['Paris', 2100], ['Marseille', 870], ['Lyon', 520], ['Toulouse', 490], ['Nice', 340], ['Nantes', 320],
      ['Montpellier', 295], ['Strasbourg', 285], ['Bordeaux', 260], ['Lille', 235], ['Rennes', 220]],
  },
  {
    code: 'GB', share: 0.05, locale: en_GB, rateEffect: 0.75, bigCityShare: 1, smallTowns: 'none',
    cities: [['London', 8900], ['Birmingham', 1140], ['Leeds', 790], ['Glasgow', 630], ['Sheffield', 560], ['Manchester', 550],
      ['Edinburgh', 525], ['Liverpool', 500], ['Bristol', 470], ['Cardiff', 360], ['Nottingham', 330], ['Newcastle upon Tyne', 300],
      ['Brighton', 290], ['York', 210], ['Oxford', 150], ['Cambridge', 145], ['Norwich', 145], ['Bath', 95]],
  },
  {
    code: 'AT', share: 0.03, locale: de_AT, rateEffect: 0.9, bigCityShare: 0.75, smallTowns: 'city-name',
    cities: [['Wien', 1900], ['Graz', 290], ['Linz', 205], ['Salzburg', 155], ['Innsbruck', 130], ['Klagenfurt', 100]],
  },
  {
    code: 'US', share: 0.04, locale: en_US, rateEffect: 0.6, bigCityShare: 0.6, smallTowns: 'city-name',
    cities: [['New York', 8300], ['Los Angeles', 3900], ['Chicago', 2700], ['Houston', 2300], ['Philadelphia', 1600],
      ['Austin', 960], ['San Francisco', 810], ['Denver', 715], ['Seattle', 740], ['Boston', 650], ['Portland', 640]],
  },
];

export const COUNTRY_CODES: readonly string[] = COUNTRIES.map((c) => c.code);
export const COUNTRY_RATE_EFFECTS: Readonly<Record<string, number>> = Object.fromEntries(
  COUNTRIES.map((c) => [c.code, c.rateEffect]),
);

/** Share of new customers who sign up for marketing email. */
export const MARKETING_OPT_IN = 0.8;
/** Share of new customers who mostly use the app, rising from the first to the last day of the window. */
export const APP_ADOPTION = { first: 0.1, last: 0.4 } as const;
/** Yearly growth of sign-ups (continuous rate): the last year brings about 2.5 times the first year's customers. */
export const SIGNUP_GROWTH = 0.45;
const FEMALE_SHARE = 0.7;
const PHONE_SHARE = 0.4;

/** What a customer is, as far as behaviour is concerned; all of it observable in the data. */
export type CustomerTraits = {
  country: number;
  acceptsMarketing: boolean;
  appUser: boolean;
  /** Signed up in November or December: holiday gift shoppers. */
  holidayAcquired: boolean;
};

/** All customers' traits in compact columns (index = customer id − 1), kept between the generator's stages. */
export type CustomerTable = { count: number; signup: Float64Array; country: Uint8Array; flags: Uint8Array };

const FLAG = { acceptsMarketing: 1, appUser: 2, holidayAcquired: 4, hasPhone: 8 } as const;

export function storeTraits(table: CustomerTable, index: number, traits: CustomerTraits): void {
  table.country[index] = traits.country;
  table.flags[index] =
    (traits.acceptsMarketing ? FLAG.acceptsMarketing : 0) |
    (traits.appUser ? FLAG.appUser : 0) |
    (traits.holidayAcquired ? FLAG.holidayAcquired : 0);
}

/** Marks that the customer gave a phone number: SMS campaigns can reach them. */
export function storePhone(table: CustomerTable, index: number): void {
  table.flags[index] = (table.flags[index] as number) | FLAG.hasPhone;
}

export const hasPhone = (table: CustomerTable, index: number): boolean => ((table.flags[index] as number) & FLAG.hasPhone) !== 0;

export function traitsOf(table: CustomerTable, index: number): CustomerTraits {
  const flags = table.flags[index] as number;
  return {
    country: table.country[index] as number,
    acceptsMarketing: (flags & FLAG.acceptsMarketing) !== 0,
    appUser: (flags & FLAG.appUser) !== 0,
    holidayAcquired: (flags & FLAG.holidayAcquired) !== 0,
  };
}

export type Person = { firstName: string; lastName: string; email: string; phone: string | null; city: string };

/**
 * Sign-up times for n customers, sorted: growing exponentially over the window and following the shop's demand
 * rhythm (more sign-ups in the gifting season and in the evening), by rejection sampling.
 */
export function drawSignupTimes(rng: Rng, n: number, season: Seasonality): Float64Array {
  const growthPerDay = SIGNUP_GROWTH / DAYS_PER_YEAR;
  const ceiling = Math.exp(growthPerDay * WINDOW_DAYS) * season.peak;
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let t: number;
    do t = rng() * WINDOW_DAYS;
    while (rng() * ceiling >= Math.exp(growthPerDay * t) * demandAt(season, t));
    times[i] = t;
  }
  return times.sort();
}

/** Traits of a customer who signed up at window time `signup`. */
export function drawTraits(rng: Rng, signup: number, countries: WeightedTable<number>): CustomerTraits {
  const appShare = APP_ADOPTION.first + (APP_ADOPTION.last - APP_ADOPTION.first) * (signup / WINDOW_DAYS);
  const month = monthAt(signup);
  return {
    country: choice(rng, countries),
    acceptsMarketing: bernoulli(rng, MARKETING_OPT_IN),
    appUser: bernoulli(rng, appShare),
    holidayAcquired: month === 10 || month === 11,
  };
}

export const countryTable = (): WeightedTable<number> => weightedTable(COUNTRIES.map((c, i) => [i, c.share] as const));

/** Makes people: one seeded faker per country, so a country's names do not depend on how many others there are. */
export function createPeopleFactory(seed: number): (rng: Rng, country: number, customerNumber: number) => Person {
  const fakers = COUNTRIES.map((spec, i) => {
    const faker = new Faker({ locale: [spec.locale, en, base] });
    faker.seed([seed, i]);
    return faker;
  });
  const cityTables = COUNTRIES.map((spec) => weightedTable(spec.cities));
  return (rng, country, customerNumber) => {
    const spec = COUNTRIES[country] as CountrySpec;
    const faker = fakers[country] as Faker;
    const firstName = faker.person.firstName(bernoulli(rng, FEMALE_SHARE) ? 'female' : 'male');
    const lastName = faker.person.lastName();
    const city =
      spec.smallTowns === 'none' || bernoulli(rng, spec.bigCityShare)
        ? choice(rng, cityTables[country] as WeightedTable<string>)
        : spec.smallTowns === 'city'
          ? faker.location.city()
          : faker.helpers.arrayElement(faker.definitions.location.city_name);
    const phone = bernoulli(rng, PHONE_SHARE) ? faker.phone.number({ style: 'international' }) : null;
    return { firstName, lastName, email: emailFor(rng, firstName, lastName, customerNumber), phone, city };
  };
}

// Reserved example domains (RFC 2606): demo addresses can never reach a real person.
const DOMAINS = weightedTable([['example.com', 6], ['example.net', 3], ['example.org', 1]] as const);

/**
 * An address built from the name and ending in the customer number. Names never contain digits, so the trailing
 * number alone makes every address unique.
 */
function emailFor(rng: Rng, firstName: string, lastName: string, customerNumber: number): string {
  const first = asciiLower(firstName) || 'customer';
  const last = asciiLower(lastName) || 'shopper';
  const styles = [`${first}.${last}`, `${first}${last}`, `${first[0]}.${last}`, `${first}_${last}`];
  return `${pick(rng, styles)}${customerNumber}@${choice(rng, DOMAINS)}`;
}

/** 'Cécile', "D'Amore", 'van der Laan', 'Groß' → 'cecile', 'damore', 'vanderlaan', 'gross'. */
export function asciiLower(name: string): string {
  return name
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
}
