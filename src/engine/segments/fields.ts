import { segmentFieldKinds, type SegmentField, type SegmentFieldKind } from '../../shared/segment-schemas';
import { COLUMN_SQL } from '../customers/columns';

export type FieldUnit = 'days' | 'currency' | 'probability' | 'count' | 'date' | 'none';

export type FieldSql = {
  kind: SegmentFieldKind;
  /** `c` (customers) or `m` (customer_metrics). */
  table: 'c' | 'm';
  /** The value as compared (dates as their day, YYYY-MM-DD). */
  value: string;
  /** For timestamps: the stored column, whose `>= day` and `< day` equal the same test on the day and can use an index. */
  raw?: string;
  label: string;
  unit: FieldUnit;
};

const LABELS: Record<SegmentField, { label: string; unit: FieldUnit }> = {
  customerId: { label: 'Customer ID', unit: 'none' },
  country: { label: 'Country', unit: 'none' },
  city: { label: 'City', unit: 'none' },
  signupDate: { label: 'Sign-up date', unit: 'date' },
  acceptsMarketing: { label: 'Accepts marketing', unit: 'none' },
  firstOrderDate: { label: 'First order', unit: 'date' },
  lastOrderDate: { label: 'Last order', unit: 'date' },
  recencyDays: { label: 'Days since last order', unit: 'days' },
  orders: { label: 'Orders', unit: 'count' },
  revenue: { label: 'Revenue', unit: 'currency' },
  avgOrderValue: { label: 'Average order value', unit: 'currency' },
  tenureDays: { label: 'Days since first order', unit: 'days' },
  returns: { label: 'Returns', unit: 'count' },
  topCategory: { label: 'Top category', unit: 'none' },
  rfmSegment: { label: 'RFM segment', unit: 'none' },
  churnRisk: { label: 'Churn risk', unit: 'probability' },
  pAlive: { label: 'P(alive)', unit: 'probability' },
  expectedPurchases: { label: 'Expected purchases', unit: 'count' },
  clv: { label: 'Lifetime value', unit: 'currency' },
};

function fieldSql(field: SegmentField): FieldSql {
  const { label, unit } = LABELS[field];
  const kind = segmentFieldKinds[field];
  // Consent is the one segment field the explorer does not show; it is 0, 1 or NULL (unknown).
  if (field === 'acceptsMarketing') return { kind, table: 'c', value: 'c.accepts_marketing', label, unit };
  const spec = COLUMN_SQL[field];
  if (spec.kind !== kind) throw new Error(`segment field ${field}: kind ${kind} ≠ explorer kind ${spec.kind}`);
  const table = spec.table;
  return spec.raw ? { kind, table, value: spec.value, raw: spec.raw, label, unit } : { kind, table, value: spec.value, label, unit };
}

/**
 * The whitelist of the segment compiler: the only field SQL that ever reaches a rule's WHERE clause. It reuses the
 * explorer's (src/engine/customers/columns.ts), so a segment and an explorer filter on the same field agree.
 */
export const FIELD_SQL: Record<SegmentField, FieldSql> = Object.fromEntries(
  (Object.keys(segmentFieldKinds) as SegmentField[]).map((field) => [field, fieldSql(field)]),
) as Record<SegmentField, FieldSql>;
