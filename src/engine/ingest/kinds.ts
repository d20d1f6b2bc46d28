import type { FieldType, ImportField, ImportKind, PiiKind } from '../../shared/import-schemas';

type FieldSpec = {
  type: FieldType;
  label: string;
  required?: boolean;
  description: string;
  pii?: PiiKind;
  /** Header names (normalised: lower case, letters and digits only) that mean this field. */
  aliases: string[];
};

/**
 * The fields each kind of file can fill. Orders files have one row per line item; orders are built from them.
 * Aliases cover the common exports (Shopify, WooCommerce, Stripe, the UCI Online Retail layout) and plain names.
 */
export const KIND_FIELDS: Record<ImportKind, Record<string, FieldSpec>> = {
  customers: {
    customerId: { type: 'text', label: 'Customer ID', description: 'Your unique id for the customer (the e-mail address identifies customers when there is none)', aliases: ['customerid', 'customer', 'clientid', 'id', 'customernumber', 'userid', 'contactid'] },
    email: { type: 'email', label: 'E-mail', description: 'E-mail address', pii: 'email', aliases: ['email', 'emailaddress', 'mail', 'billingemail', 'customeremail'] },
    firstName: { type: 'text', label: 'First name', description: 'Given name', pii: 'name', aliases: ['firstname', 'givenname', 'forename', 'billingfirstname', 'voornaam', 'vorname'] },
    lastName: { type: 'text', label: 'Last name', description: 'Family name', pii: 'name', aliases: ['lastname', 'surname', 'familyname', 'billinglastname', 'achternaam', 'nachname'] },
    fullName: { type: 'text', label: 'Full name', description: 'Name in one column (split into first and last)', pii: 'name', aliases: ['name', 'fullname', 'customername', 'contactname'] },
    phone: { type: 'text', label: 'Phone', description: 'Phone number', pii: 'phone', aliases: ['phone', 'phonenumber', 'telephone', 'mobile', 'billingphone', 'defaultaddressphone'] },
    country: { type: 'text', label: 'Country', description: 'Country name or code', aliases: ['country', 'countrycode', 'billingcountry', 'defaultaddresscountrycode', 'land'] },
    city: { type: 'text', label: 'City', description: 'City or town', aliases: ['city', 'town', 'billingcity', 'defaultaddresscity', 'stad', 'ort'] },
    signupDate: { type: 'date', label: 'Sign-up date', description: 'When the customer joined', aliases: ['signupdate', 'createdat', 'created', 'datecreated', 'registered', 'registrationdate', 'joined', 'customersince'] },
    acceptsMarketing: { type: 'boolean', label: 'Accepts marketing', description: 'Consent to marketing e-mail', aliases: ['acceptsmarketing', 'acceptsemailmarketing', 'optin', 'newsletter', 'subscribed', 'marketingconsent'] },
  },
  products: {
    sku: { type: 'text', label: 'SKU', required: true, description: 'Product code', aliases: ['sku', 'stockcode', 'productid', 'productcode', 'itemcode', 'variantsku', 'articlenumber', 'id'] },
    name: { type: 'text', label: 'Name', description: 'Product name', aliases: ['name', 'title', 'productname', 'description', 'itemname'] },
    category: { type: 'text', label: 'Category', description: 'Category or product type', aliases: ['category', 'categories', 'type', 'producttype', 'collection', 'department'] },
    price: { type: 'number', label: 'Price', description: 'List price', aliases: ['price', 'unitprice', 'regularprice', 'variantprice', 'listprice'] },
  },
  orders: {
    orderId: { type: 'text', label: 'Order ID', required: true, description: 'Order or invoice number (a leading C marks a cancellation)', aliases: ['orderid', 'invoiceno', 'invoice', 'invoicenumber', 'ordernumber', 'orderno', 'ordernr', 'order', 'bestelnummer', 'bestellnummer', 'name', 'chargeid', 'paymentid', 'id'] },
    orderDate: { type: 'date', label: 'Order date', required: true, description: 'When the order was placed', aliases: ['orderdate', 'invoicedate', 'date', 'createdat', 'createddate', 'createdutc', 'paidat', 'created', 'orderdatetime', 'datecreated'] },
    customerId: { type: 'text', label: 'Customer ID', description: 'Who ordered (empty for a guest checkout)', aliases: ['customerid', 'customer', 'clientid', 'userid', 'customeruserid'] },
    email: { type: 'email', label: 'Customer e-mail', description: 'Identifies the customer when there is no customer id', pii: 'email', aliases: ['email', 'customeremail', 'billingemail', 'customeremailmetadata'] },
    sku: { type: 'text', label: 'SKU', description: 'Product code of the line item', aliases: ['sku', 'stockcode', 'lineitemsku', 'productid', 'itemcode', 'productcode'] },
    description: { type: 'text', label: 'Item name', description: 'Line item description', aliases: ['description', 'lineitemname', 'itemname', 'productname', 'item'] },
    category: { type: 'text', label: 'Category', description: 'Product category of the line item', aliases: ['category', 'productcategory', 'producttype'] },
    quantity: { type: 'number', label: 'Quantity', description: 'Units (negative for a returned line); 1 when absent', aliases: ['quantity', 'qty', 'lineitemquantity', 'units'] },
    unitPrice: { type: 'number', label: 'Unit price', description: 'Price per unit', aliases: ['unitprice', 'price', 'lineitemprice', 'itemprice', 'itemcost'] },
    orderTotal: { type: 'number', label: 'Order total', description: 'Amount of a one-line order (payments exports); used when there is no unit price', aliases: ['total', 'amount', 'ordertotal', 'ordertotalamount', 'grandtotal', 'converted amount'.replace(' ', '')] },
    currency: { type: 'text', label: 'Currency', description: 'ISO currency code', aliases: ['currency', 'ordercurrency', 'convertedcurrency'] },
    country: { type: 'text', label: 'Country', description: 'Shipping or billing country', aliases: ['country', 'billingcountry', 'shippingcountry', 'cardaddresscountry'] },
  },
  reviews: {
    reviewId: { type: 'text', label: 'Review ID', description: 'Unique id (made from the row when absent)', aliases: ['reviewid', 'id'] },
    customerId: { type: 'text', label: 'Customer ID', description: 'Who wrote it', aliases: ['customerid', 'customer', 'userid', 'reviewerid'] },
    sku: { type: 'text', label: 'SKU', description: 'Product reviewed', aliases: ['sku', 'productid', 'stockcode', 'productcode', 'productsku'] },
    rating: { type: 'integer', label: 'Stars', description: '1 to 5', aliases: ['rating', 'stars', 'score', 'reviewscore', 'starrating'] },
    title: { type: 'text', label: 'Title', description: 'Headline', aliases: ['title', 'headline', 'summary', 'reviewtitle'] },
    body: { type: 'text', label: 'Text', description: 'Review text', aliases: ['body', 'text', 'review', 'content', 'reviewtext', 'comment', 'sentence'] },
    reviewDate: { type: 'date', label: 'Date', required: true, description: 'When it was written', aliases: ['reviewdate', 'date', 'createdat', 'reviewedat', 'submittedat'] },
  },
  campaign_results: {
    campaignId: { type: 'text', label: 'Campaign ID', required: true, description: 'Campaign id or name', aliases: ['campaignid', 'campaign', 'campaignname', 'mailingid'] },
    campaignName: { type: 'text', label: 'Campaign name', description: 'Readable name', aliases: ['campaignname', 'name', 'subjectline'] },
    channel: { type: 'text', label: 'Channel', description: 'email, sms, push…', aliases: ['channel', 'medium', 'type'] },
    sentDate: { type: 'date', label: 'Sent', description: 'When it was sent', aliases: ['sentdate', 'sentat', 'senddate', 'date', 'sendtime'] },
    customerId: { type: 'text', label: 'Customer ID', required: true, description: 'Recipient', aliases: ['customerid', 'customer', 'recipientid', 'contactid', 'subscriberid', 'userid'] },
    subject: { type: 'text', label: 'Subject', description: 'Subject line or message', aliases: ['subject', 'subjectline', 'message'] },
    sent: { type: 'boolean', label: 'Sent', description: 'The message was sent (1 when absent)', aliases: ['sent', 'issent', 'wassent'] },
    delivered: { type: 'boolean', label: 'Delivered', description: 'The message arrived (did not bounce)', aliases: ['delivered', 'isdelivered', 'wasdelivered'] },
    opened: { type: 'boolean', label: 'Opened', description: 'Opened the message', aliases: ['opened', 'open', 'opens'] },
    clicked: { type: 'boolean', label: 'Clicked', description: 'Clicked a link', aliases: ['clicked', 'click', 'clicks'] },
    converted: { type: 'boolean', label: 'Converted', description: 'Bought after the message', aliases: ['converted', 'conversion', 'purchased', 'ordered'] },
    revenue: { type: 'number', label: 'Revenue', description: 'Revenue attributed to the message', aliases: ['revenue', 'attributedrevenue', 'conversionvalue', 'value'] },
  },
};

export function fieldsOf(kind: ImportKind): ImportField[] {
  return Object.entries(KIND_FIELDS[kind]).map(([name, spec]) => ({
    name,
    label: spec.label,
    type: spec.type,
    required: spec.required ?? false,
    description: spec.description,
    pii: spec.pii ?? null,
  }));
}

/** Lower case, letters and digits only: `Created at` → `createdat`, `Lineitem quantity` → `lineitemquantity`. */
export const normaliseHeader = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');
