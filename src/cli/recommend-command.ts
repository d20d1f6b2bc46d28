import type { Command } from 'commander';
import { AppError } from '../shared/errors';
import type { CustomerRecommendations, ProductView, RecommendedItem, RecommendTrainResult, RankingMetrics } from '../shared/recommend-schemas';
import { runJob, withEngine } from './commands';
import { call, type GlobalOptions } from './engine-session';
import { formatNumber, printResult, table } from './output';

type TrainOptions = GlobalOptions & { cutoff?: string; seed: string };
type ListOptions = GlobalOptions & { n: string };

/** Adds `recommend train`, `recommend for` and `recommend together`; `withGlobals` adds --workspace and --json. */
export function registerRecommendCommands(program: Command, withGlobals: (cmd: Command) => Command): void {
  const recommend = program.command('recommend').description('product recommendations: train and evaluate, per customer, bought together');
  withGlobals(
    recommend
      .command('train')
      .description('train the recommender on the workspace, evaluate it against popularity, and store it as a new version')
      .option('--cutoff <date>', 'train on orders before this day (YYYY-MM-DD), test on each customer’s purchases after it')
      .option('--seed <s>', 'random seed (0 to 2147483647)', '1'),
  ).action((opts: TrainOptions) => trainCommand(opts));
  withGlobals(
    recommend
      .command('for')
      .description("a customer's recommended products (by the shop's customer id): new to them, and to buy again")
      .argument('<customer-id>', "the customer's id as imported")
      .option('--n <n>', 'products per list (1 to 50)', '10'),
  ).action((customerId: string, opts: ListOptions) => forCommand(customerId, opts));
  withGlobals(
    recommend
      .command('together')
      .description('what is bought together with a product (by SKU), with support, confidence and lift, and similar products')
      .argument('<sku>', "the product's SKU")
      .option('--n <n>', 'products per list (1 to 50)', '10'),
  ).action((sku: string, opts: ListOptions) => togetherCommand(sku, opts));
}

function wholeNumber(raw: string, field: string, low: number, high: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < low || n > high) {
    throw new AppError('bad-input', `--${field} takes a whole number from ${formatNumber(low)} to ${formatNumber(high)}, not "${raw}".`, { field });
  }
  return n;
}

const NO_MODEL = 'No recommendation model yet: run `localyst recommend train` first.';

/** The training result with the figures people compare first, in the order the issue lists them. */
export function trainOutput(r: RecommendTrainResult) {
  const { model, popularity, sampled99, customers, products, seconds, backend, ...rest } = r;
  return { model, popularity, sampled99, customers, products, seconds, backend, ...rest };
}

const metricsRow = (label: string, m: RankingMetrics): [string, string] => [label, `hit rate@10 ${m.hitRate10.toFixed(3)}   recall@10 ${m.recall10.toFixed(3)}   NDCG@10 ${m.ndcg10.toFixed(3)}`];

function describeTraining(r: RecommendTrainResult): string {
  const ratio = r.popularity.hitRate10 > 0 ? `${(r.model.hitRate10 / r.popularity.hitRate10).toFixed(2)}×` : 'n/a';
  return table([
    ['Model', `${r.algorithm} (version ${r.version})`],
    ['Split', `train before ${r.cutoff}, test ${formatNumber(r.testedCustomers)} customers' purchases after it`],
    metricsRow('Model (all products)', r.model),
    metricsRow('Popularity (all products)', r.popularity),
    ['Model vs popularity', `${ratio} the hit rate`],
    metricsRow('Sampled 99 · model', r.sampled99.model),
    metricsRow('Sampled 99 · popularity', r.sampled99.popularity),
    ['Customers × products', `${formatNumber(r.customers)} × ${formatNumber(r.products)}`],
    ['Written', `${formatNumber(r.scored)} customers' recommendations, ${formatNumber(r.rules)} bought-together rules`],
    ['Backend', r.backend],
    ['Seconds', r.seconds.toFixed(1)],
  ]);
}

async function trainCommand(options: TrainOptions): Promise<void> {
  const input = () => {
    if (options.cutoff !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.cutoff)) {
      throw new AppError('bad-input', `--cutoff takes a date as YYYY-MM-DD, not "${options.cutoff}".`, { field: 'cutoff' });
    }
    return { seed: wholeNumber(options.seed, 'seed', 0, 2 ** 31 - 1), ...(options.cutoff !== undefined ? { cutoff: options.cutoff } : {}) };
  };
  await withEngine(
    options,
    async (engine, mode) => {
      const request = input();
      const result = (await runJob(engine, () => call(engine, 'recommend.train', request))) as RecommendTrainResult;
      printResult(mode, trainOutput(result), () => describeTraining(result));
    },
    () => void input(),
  );
}

const itemLine = (item: RecommendedItem): [string, string] => [
  `${item.rank}.`,
  `${item.name} (${item.sku}${item.category ? `, ${item.category}` : ''})  score ${formatNumber(item.score, 3)}${item.source === 'popular' ? '  popular' : ''}`,
];

function describeFor(r: CustomerRecommendations): string {
  const section = (title: string, items: RecommendedItem[]): string => `${title}\n${items.length > 0 ? table(items.map(itemLine)) : '  (none)'}`;
  return [`Customer ${r.externalId} · model version ${r.model?.version ?? '?'}`, section('Discover (new to them)', r.discover), section('Buy again', r.buyAgain)].join('\n\n');
}

async function forCommand(customerId: string, options: ListOptions): Promise<void> {
  const n = () => wholeNumber(options.n, 'n', 1, 50);
  await withEngine(
    options,
    async (engine, mode) => {
      const recs = await call(engine, 'recommend.forCustomer', { externalId: customerId, n: n() });
      if (recs.model === null) throw new AppError('not-found', NO_MODEL, { field: 'model' });
      printResult(mode, { customerId: recs.externalId, model: recs.model, discover: recs.discover, buyAgain: recs.buyAgain }, () => describeFor(recs));
    },
    () => void n(),
    'read',
  );
}

/** "bought together in 42 baskets, 3.1× more often than chance". */
export const togetherWords = (baskets: number, lift: number): string =>
  `bought together in ${formatNumber(baskets)} basket${baskets === 1 ? '' : 's'}, ${lift.toFixed(1)}× ${lift >= 1 ? 'more' : 'as'} often than chance`;

function describeTogether(v: ProductView): string {
  const together = v.together.map((t): [string, string] => [t.name, `${togetherWords(t.baskets, t.lift)} (support ${(t.support * 100).toFixed(2)} %, confidence ${(t.confidence * 100).toFixed(1)} %)`]);
  const similar = v.similar.map((s): [string, string] => [`${s.rank}.`, `${s.name} (${s.sku})`]);
  return [
    `${v.product.name} (${v.product.sku}${v.product.category ? `, ${v.product.category}` : ''}) · bought by ${formatNumber(v.buyers)} customers in ${formatNumber(v.orders)} orders`,
    `Bought together\n${together.length > 0 ? table(together) : '  (no rule reaches the minimum support)'}`,
    `Similar products\n${similar.length > 0 ? table(similar) : '  (none)'}`,
  ].join('\n\n');
}

async function togetherCommand(sku: string, options: ListOptions): Promise<void> {
  const n = () => wholeNumber(options.n, 'n', 1, 50);
  await withEngine(
    options,
    async (engine, mode) => {
      const view = await call(engine, 'recommend.product', { sku, n: n() });
      if (view.model === null) throw new AppError('not-found', NO_MODEL, { field: 'model' });
      printResult(mode, view, () => describeTogether(view));
    },
    () => void n(),
    'read',
  );
}
