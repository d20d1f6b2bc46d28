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
} satisfies Partial<HandlerMap>;
