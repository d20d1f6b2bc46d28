import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileKeyStore, unlockWorkspace } from '../../../src/engine/workspace/keys';
import { openWorkspace, type OpenedWorkspace } from '../../../src/engine/db/open-workspace';
import { inspectFile } from '../../../src/engine/ingest/inspect';
import { runImport } from '../../../src/engine/ingest/run-import';
import { tempDir } from '../helpers';
import { control } from './fixtures';

let dir: string;
let cleanup: () => void;
let ws: OpenedWorkspace;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  ws = await openWorkspace(path.join(dir, 'ws'));
  await unlockWorkspace(ws, fileKeyStore(path.join(dir, 'home')));
});
afterEach(() => {
  ws.db.close();
  cleanup();
});

/** Header rows as the shops' own exports write them, with one realistic data row each. */
const EXPORTS = {
  'shopify-orders': [
    'Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Country',
    '#1001,anna@example.nl,paid,2024-03-01 10:02:11 +0100,fulfilled,2024-03-02 09:00:00 +0100,yes,EUR,24.90,4.95,4.32,29.85,,0.00,Standard,2024-03-01 10:01:55 +0100,2,Soy candle – fig,12.45,,CND-FIG,true,true,fulfilled,Anna de Vries,NL',
  ],
  'shopify-customers': [
    'Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags',
    "'7281,Anna,de Vries,anna@example.nl,yes,,Oudegracht 1,Utrecht,,NL,3511 AA,+31612345678,no,129.40,4,,no,vip",
  ],
  'woocommerce-orders': [
    'Order ID,Order Number,Order Status,Order Date,Customer Note,First Name (Billing),Last Name (Billing),Email (Billing),Phone (Billing),Country Code (Billing),Customer User ID,Item #,Item Name,Quantity (- Refund),Item Cost,SKU,Order Total Amount,Order Currency',
    '4411,4411,completed,2024-03-01 10:01,,Anna,de Vries,anna@example.nl,,NL,17,1,Soy candle – fig,2,12.45,CND-FIG,29.85,EUR',
  ],
  'stripe-payments': [
    'id,Description,Seller Message,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Converted Amount Refunded,Fee,Taxes On Fee,Converted Currency,Status,Customer ID,Customer Description,Customer Email,Card Address Country',
    'ch_3OqK2b,Order 1001,Payment complete.,2024-03-01 09:02,29.85,0.00,eur,29.85,0.00,0.68,0.00,eur,Paid,cus_PfX1,Anna,anna@example.nl,NL',
  ],
} as const;

describe('recognised exports', () => {
  for (const [preset, lines] of Object.entries(EXPORTS)) {
    it(`${preset} is recognised, mapped and imports without a manual step`, async () => {
      const file = path.join(dir, `${preset}.csv`);
      fs.writeFileSync(file, `${lines.join('\n')}\n`);
      const info = await inspectFile(ws.db, file, undefined);
      expect(info.preset?.id).toBe(preset);
      const report = await runImport(
        ws.db,
        { file, kind: info.kind, mapping: info.mapping, onError: 'reject', dryRun: false, pseudonymize: [], overrides: {} },
        control(),
      );
      expect(report.errors).toEqual([]);
      expect(report).toMatchObject({ outcome: 'imported', inserted: 1, rejected: 0 });
    });
  }
});
