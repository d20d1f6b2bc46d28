import type { ImportKind } from '../../shared/import-schemas';
import { normaliseHeader } from './kinds';

/** A known export layout: recognised by its headers, mapped without a manual step. */
export type Preset = {
  id: string;
  name: string;
  kind: ImportKind;
  /** Normalised headers that must all be present. */
  signature: string[];
  /** Source header (as exported) → target field. */
  mapping: Record<string, string>;
};

export const PRESETS: Preset[] = [
  {
    id: 'uci-online-retail',
    name: 'Online Retail (UCI) line items',
    kind: 'orders',
    signature: ['invoiceno', 'stockcode', 'quantity', 'invoicedate', 'unitprice', 'customerid'],
    mapping: {
      InvoiceNo: 'orderId',
      StockCode: 'sku',
      Description: 'description',
      Quantity: 'quantity',
      InvoiceDate: 'orderDate',
      UnitPrice: 'unitPrice',
      CustomerID: 'customerId',
      Country: 'country',
    },
  },
  {
    id: 'shopify-orders',
    name: 'Shopify orders export',
    kind: 'orders',
    signature: ['name', 'email', 'financialstatus', 'lineitemquantity', 'lineitemname', 'lineitemprice'],
    mapping: {
      Name: 'orderId',
      'Created at': 'orderDate',
      Email: 'email',
      'Lineitem quantity': 'quantity',
      'Lineitem name': 'description',
      'Lineitem price': 'unitPrice',
      'Lineitem sku': 'sku',
      Currency: 'currency',
      'Billing Country': 'country',
    },
  },
  {
    id: 'shopify-customers',
    name: 'Shopify customers export',
    kind: 'customers',
    signature: ['firstname', 'lastname', 'email', 'totalspent', 'totalorders'],
    mapping: {
      'Customer ID': 'customerId',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      Phone: 'phone',
      'Default Address City': 'city',
      'Default Address Country Code': 'country',
      City: 'city',
      Country: 'country',
      'Accepts Email Marketing': 'acceptsMarketing',
      'Accepts Marketing': 'acceptsMarketing',
    },
  },
  {
    id: 'woocommerce-orders',
    name: 'WooCommerce orders export',
    kind: 'orders',
    signature: ['orderid', 'orderdate', 'itemname', 'sku'],
    mapping: {
      'Order ID': 'orderId',
      'Order Number': 'orderId',
      'Order Date': 'orderDate',
      'Customer User ID': 'customerId',
      'Email (Billing)': 'email',
      'Item Name': 'description',
      SKU: 'sku',
      'Quantity (- Refund)': 'quantity',
      Quantity: 'quantity',
      'Item Cost': 'unitPrice',
      'Order Currency': 'currency',
      'Country Code (Billing)': 'country',
    },
  },
  {
    id: 'stripe-payments',
    name: 'Stripe payments export',
    kind: 'orders',
    signature: ['id', 'createdutc', 'amount', 'currency', 'customerid'],
    mapping: {
      id: 'orderId',
      'Created (UTC)': 'orderDate',
      Amount: 'orderTotal',
      Currency: 'currency',
      'Customer ID': 'customerId',
      'Customer Email': 'email',
      Description: 'description',
      'Card Address Country': 'country',
    },
  },
];

/** The preset whose signature the headers carry; its mapping applied to the headers actually present. */
export function matchPreset(headers: string[]): { preset: Preset; mapping: Record<string, string> } | null {
  const normalised = new Set(headers.map(normaliseHeader));
  for (const preset of PRESETS) {
    if (!preset.signature.every((h) => normalised.has(h))) continue;
    const mapping: Record<string, string> = {};
    const used = new Set<string>();
    for (const header of headers) {
      const target = Object.entries(preset.mapping).find(([source]) => normaliseHeader(source) === normaliseHeader(header))?.[1];
      if (target && !used.has(target)) {
        mapping[header] = target;
        used.add(target);
      }
    }
    return { preset, mapping };
  }
  return null;
}
