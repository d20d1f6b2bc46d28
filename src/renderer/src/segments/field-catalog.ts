import type { z } from 'zod';
import { opsForKind, segmentFieldKinds, type fieldOptionsSchema, type SegmentField, type SegmentFieldKind, type SegmentOp } from '../../../shared/segment-schemas';
import { eventNames, type EventName } from './rule-model';

export type FieldOptions = z.infer<typeof fieldOptionsSchema>;
export type FieldInfo = FieldOptions['fields'][number];
export type FieldUnit = FieldInfo['unit'];

/** How the field picker groups what a condition can test (events come last, as their own group). */
export const FIELD_GROUPS = [
  { key: 'customer', fields: ['customerId', 'country', 'city', 'signupDate', 'acceptsMarketing'] },
  { key: 'behaviour', fields: ['orders', 'revenue', 'avgOrderValue', 'recencyDays', 'lastOrderDate', 'firstOrderDate', 'tenureDays', 'returns', 'topCategory'] },
  { key: 'scores', fields: ['rfmSegment', 'churnRisk', 'pAlive', 'expectedPurchases', 'clv'] },
] as const satisfies readonly { key: string; fields: readonly SegmentField[] }[];

export const EVENT_GROUP = { key: 'events', events: eventNames } as const;

/** The picker value of a field or an event: `field:orders`, `event:purchased`. */
export type ConditionChoice = `field:${SegmentField}` | `event:${EventName}`;

/** Short names of the operators, for catalogue keys (`segments.ops.ge`). */
export const OP_KEYS = {
  '=': 'eq',
  '!=': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
  between: 'between',
  in: 'in',
  notIn: 'notIn',
  contains: 'contains',
  isNull: 'isNull',
  notNull: 'notNull',
} as const satisfies Record<SegmentOp, string>;
export type OpKey = (typeof OP_KEYS)[SegmentOp];

/** Units when the engine has not said (the catalogue before `segments.fields` answers). */
const FALLBACK_UNITS: Record<SegmentField, FieldUnit> = {
  customerId: 'none',
  country: 'none',
  city: 'none',
  signupDate: 'date',
  acceptsMarketing: 'none',
  firstOrderDate: 'date',
  lastOrderDate: 'date',
  recencyDays: 'days',
  orders: 'count',
  revenue: 'currency',
  avgOrderValue: 'currency',
  tenureDays: 'days',
  returns: 'count',
  topCategory: 'none',
  rfmSegment: 'none',
  churnRisk: 'probability',
  pAlive: 'probability',
  expectedPurchases: 'count',
  clv: 'currency',
};

export type FieldCatalog = {
  kind: (field: SegmentField) => SegmentFieldKind;
  unit: (field: SegmentField) => FieldUnit;
  ops: (field: SegmentField) => readonly SegmentOp[];
  /** The known values of a text field, when there is a list to pick from. */
  picker: (field: SegmentField) => readonly string[] | null;
  has: (field: SegmentField) => boolean;
  options: FieldOptions | undefined;
};

/** What the builder knows about each field: kind, unit and operators from the engine, and the pickers' values. */
export function fieldCatalog(options: FieldOptions | undefined): FieldCatalog {
  const byField = new Map(options?.fields.map((info) => [info.field, info]));
  return {
    kind: (field) => byField.get(field)?.kind ?? segmentFieldKinds[field],
    unit: (field) => byField.get(field)?.unit ?? FALLBACK_UNITS[field],
    ops: (field) => {
      const ops = byField.get(field)?.ops;
      return ops && ops.length > 0 ? ops : opsForKind[segmentFieldKinds[field]];
    },
    picker: (field) => {
      if (!options) return null;
      if (field === 'country') return options.countries;
      if (field === 'topCategory') return options.categories;
      if (field === 'rfmSegment') return options.rfmSegments;
      return null;
    },
    has: (field) => !options || byField.has(field),
    options,
  };
}
