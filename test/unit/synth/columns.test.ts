import { describe, expect, it } from 'vitest';
import { detectColumn, detectColumns, formatRows, hashRows, resolveColumns, rowHashTest, toSynthData } from '../../../src/engine/synth/columns';
import type { AppError } from '../../../src/shared/errors';
import { customerTable } from './table';

describe('synthetic twin: column roles', () => {
  it('detects ids, personal data, free text, dates, numbers and categories, with no examples for what is not learned', () => {
    const columns = detectColumns(customerTable(200));
    const role = Object.fromEntries(columns.map((c) => [c.name, c.role]));
    expect(role).toEqual({ customer_id: 'id', email: 'pii', full_name: 'pii', age: 'numeric', income: 'numeric', joined: 'datetime', segment: 'categorical', churned: 'categorical', notes: 'text' });
    for (const c of columns) if (['id', 'pii', 'text'].includes(c.role)) expect(c.examples).toEqual([]);
    expect(columns.find((c) => c.name === 'segment')?.examples.sort()).toEqual(['bronze', 'gold', 'silver']);
    expect(columns.find((c) => c.name === 'income')?.missing).toBeGreaterThan(0);
    expect(columns.find((c) => c.name === 'email')?.reason).toMatch(/e-mail/);
  });

  it('finds personal data by its values under a neutral name, and caps categories', () => {
    const phones = Array.from({ length: 50 }, (_, i) => `+31 6 ${String(10000000 + i * 7919).slice(0, 8)}`);
    expect(detectColumn('contact', phones).role).toBe('pii');
    expect(detectColumn('where', Array.from({ length: 50 }, (_, i) => `${1000 + i} AB`)).role).toBe('pii');
    expect(detectColumn('x', Array.from({ length: 50 }, (_, i) => `em_${'a'.repeat(19)}${String(i).padStart(3, '0')}`)).role).toBe('pii');
    // 300 distinct short labels in 1,000 rows: too many categories, not one per row → text.
    const many = Array.from({ length: 1000 }, (_, i) => `label${i % 300}`);
    expect(detectColumn('label', many)).toMatchObject({ role: 'text', distinct: 300 });
    // A yes/no column of 0 and 1 is categories; an all-empty column is left out.
    expect(detectColumn('flag', ['0', '1', '1', '0']).role).toBe('categorical');
    expect(detectColumn('empty', [null, null]).role).toBe('text');
    // A personal-sounding name over a few repeated values is a category (Telco's PhoneService: Yes/No).
    expect(detectColumn('PhoneService', Array.from({ length: 40 }, (_, i) => (i % 3 ? 'Yes' : 'No'))).role).toBe('categorical');
  });

  it('lets the user learn an id-like column only as numbers or categories, and never one that would copy one-of-a-kind values', () => {
    const table = customerTable(100);
    expect(resolveColumns(table, [{ name: 'age', role: 'numeric' }, { name: 'email', role: 'pii' }]).map((c) => c.detected)).toEqual(['numeric', 'pii']);
    const asDate = (() => {
      try {
        resolveColumns(table, [{ name: 'customer_id', role: 'datetime' }]);
      } catch (e) {
        return e as AppError;
      }
      return null;
    })();
    expect(asDate?.details).toMatchObject({ column: 'customer_id' });
    expect(() => resolveColumns(table, [{ name: 'email', role: 'categorical' }])).toThrow(/would copy them/);
    expect(() => resolveColumns(table, [{ name: 'segment', role: 'numeric' }])).toThrow(/row 1: "\w+" is not a number/);
    expect(() => resolveColumns(table, [{ name: 'nope', role: 'numeric' }])).toThrow(/There is no column "nope"/);
    expect(() => resolveColumns(table, [{ name: 'notes', role: 'text' }])).toThrow(/No column is learned/);
  });
});

describe('synthetic twin: typed data and back', () => {
  it('turns raw cells into typed columns and writes them back as the source wrote them', () => {
    const table = customerTable(60);
    const cols = resolveColumns(table, ['age', 'income', 'joined', 'segment', 'email'].map((name) => ({ name, role: name === 'email' ? 'pii' : name === 'segment' ? 'categorical' : name === 'joined' ? 'datetime' : 'numeric' })));
    const data = toSynthData(table, cols);
    expect(data.columns.map((c) => c.name)).toEqual(['age', 'income', 'joined', 'segment']);
    const [age, income, joined, segment] = data.columns;
    expect(age).toMatchObject({ kind: 'numeric', integer: true, decimals: 0 });
    expect(income).toMatchObject({ kind: 'numeric', integer: false, decimals: 2 });
    expect(joined).toMatchObject({ kind: 'datetime', dateOnly: true });
    expect(segment).toMatchObject({ kind: 'categorical', levels: ['bronze', 'gold', 'silver'] });
    const rows = formatRows(data);
    table.rows.forEach((raw, i) => expect(rows[i]).toEqual([raw[3], raw[4] ?? '', raw[5], raw[6]]));
    // Synthetic values are rounded like the real ones.
    const synthetic = { rows: 1, columns: data.columns.map((c) => (c.kind === 'categorical' ? { ...c, codes: Int32Array.of(2) } : { ...c, values: Float64Array.of(c.kind === 'datetime' ? 1_600_000_123.4 : 41.2371) })) };
    expect(formatRows(synthetic)[0]).toEqual(['41', '41.24', '2020-09-13', 'silver']);
  });

  it('recognises a training row by its salted hash, and nothing else', () => {
    const rows = [['1', 'a'], ['2', 'b']];
    const stored = hashRows(rows);
    const isCopy = rowHashTest(stored);
    expect(isCopy(['1', 'a'])).toBe(true);
    expect(isCopy(['1', 'b'])).toBe(false);
    expect(stored.hashes).not.toContain('a');
    expect(hashRows(rows).salt).not.toBe(stored.salt);
  });
});
