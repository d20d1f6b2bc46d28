import type { HandlerMap } from '../kernel/handler-types';
import { readCustomerRecommendations, readProductView, readRecommendStatus, resolveCustomer, resolveProduct, searchProducts } from './read-repo';

/** The read side of recommendations: a customer's lists, a product's view, the model's status, product search. */
export const recommendReadHandlers = {
  'recommend.forCustomer': (input, ctx) => {
    const db = ctx.workspace().db;
    return readCustomerRecommendations(db, resolveCustomer(db, input), input.n);
  },
  'recommend.product': (input, ctx) => {
    const db = ctx.workspace().db;
    return readProductView(db, resolveProduct(db, input), input.n);
  },
  'recommend.status': (_input, ctx) => readRecommendStatus(ctx.workspace().db),
  'recommend.products': (input, ctx) => ({ products: searchProducts(ctx.workspace().db, input.search, input.limit) }),
  // MERGE: the training helper's recommend/handlers.ts owns this channel (with its own checks); keep theirs and drop this line.
  'recommend.train': (input, ctx) => ({ jobId: ctx.jobs.start('recommend.train', 'Training recommendations', input).id }),
} satisfies Partial<HandlerMap>;
