// The explorer's filter translator (pure: no grid, no browser), with the renderer's own module.
import { describe, expect, it } from 'vitest';
import { toEngineFilters, toEngineSort, toGridFilterModel, toGridSortState, type GridFilterModel } from '../../../src/renderer/src/customers/filter-model';
import { customerPageInputSchema, type ColumnFilter } from '../../../src/shared/customer-schemas';

describe('AG Grid filter model → engine filters', () => {
  it('text, number and date conditions become engine filters the contract accepts', () => {
    const model: GridFilterModel = {
      country: { filterType: 'text', type: 'contains', filter: 'neder' },
      city: { filterType: 'text', type: 'notBlank' },
      orders: { filterType: 'number', type: 'greaterThanOrEqual', filter: 2 },
      revenue: { filterType: 'number', type: 'inRange', filter: 10.5, filterTo: 1000 },
      lastOrderDate: { filterType: 'date', type: 'inRange', dateFrom: '2024-01-01 00:00:00', dateTo: '2024-03-31 00:00:00' },
      signupDate: { filterType: 'date', type: 'lessThan', dateFrom: '2023-06-15 00:00:00', dateTo: null },
    };
    const { filters, untranslated } = toEngineFilters(model);
    expect(untranslated).toEqual([]);
    expect(filters).toEqual([
      { field: 'country', op: 'contains', value: 'neder' },
      { field: 'city', op: 'notBlank' },
      { field: 'orders', op: 'greaterThanOrEqual', value: 2 },
      { field: 'revenue', op: 'inRange', value: 10.5, valueTo: 1000 },
      { field: 'lastOrderDate', op: 'inRange', value: '2024-01-01', valueTo: '2024-03-31' },
      { field: 'signupDate', op: 'lessThan', value: '2023-06-15' },
    ]);
    const parsed = customerPageInputSchema.safeParse({ offset: 0, limit: 100, filters });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('AND conditions of one column become two filters; OR cannot be expressed and is reported', () => {
    const { filters, untranslated } = toEngineFilters({
      orders: {
        filterType: 'number',
        operator: 'AND',
        conditions: [
          { filterType: 'number', type: 'greaterThan', filter: 1 },
          { filterType: 'number', type: 'lessThan', filter: 10 },
        ],
      },
      country: {
        filterType: 'text',
        operator: 'OR',
        conditions: [
          { filterType: 'text', type: 'equals', filter: 'NL' },
          { filterType: 'text', type: 'equals', filter: 'BE' },
        ],
      },
    });
    expect(filters).toEqual([
      { field: 'orders', op: 'greaterThan', value: 1 },
      { field: 'orders', op: 'lessThan', value: 10 },
    ]);
    expect(untranslated).toEqual([{ column: 'country', reason: 'or' }]);
  });

  it('unknown columns, operators a column does not have, and missing values are left out, not guessed', () => {
    const { filters, untranslated } = toEngineFilters({
      favouriteColour: { filterType: 'text', type: 'equals', filter: 'blue' },
      name: { filterType: 'text', type: 'greaterThan', filter: 'M' },
      revenue: { filterType: 'number', type: 'inRange', filter: 5, filterTo: null },
      recencyDays: { filterType: 'number', type: 'equals', filter: null },
      signupDate: { filterType: 'date', type: 'thisWeek', dateFrom: undefined, dateTo: undefined },
      email: { filterType: 'text', type: 'empty' },
    });
    expect(filters).toEqual([]);
    expect(untranslated).toEqual([
      { column: 'favouriteColour', reason: 'unknown-column' },
      { column: 'name', reason: 'unsupported-op' },
      { column: 'revenue', reason: 'bad-value' },
      { column: 'recencyDays', reason: 'bad-value' },
      { column: 'signupDate', reason: 'unsupported-op' },
    ]);
  });

  it('no model means no filters', () => {
    expect(toEngineFilters(null)).toEqual({ filters: [], untranslated: [] });
    expect(toEngineFilters({})).toEqual({ filters: [], untranslated: [] });
  });
});

describe('engine filters → AG Grid filter model (applying a saved view)', () => {
  it('round-trips every kind of column and operator', () => {
    const filters: ColumnFilter[] = [
      { field: 'country', op: 'equals', value: 'Nederland' },
      { field: 'email', op: 'blank' },
      { field: 'orders', op: 'inRange', value: 2, valueTo: 5 },
      { field: 'orders', op: 'notEqual', value: 3 },
      { field: 'firstOrderDate', op: 'greaterThanOrEqual', value: '2024-02-01' },
      { field: 'lastOrderDate', op: 'inRange', value: '2024-01-01', valueTo: '2024-12-31' },
    ];
    const model = toGridFilterModel(filters);
    expect(model.country).toEqual({ filterType: 'text', type: 'equals', filter: 'Nederland' });
    expect(model.orders).toEqual({
      filterType: 'number',
      operator: 'AND',
      conditions: [
        { filterType: 'number', type: 'inRange', filter: 2, filterTo: 5 },
        { filterType: 'number', type: 'notEqual', filter: 3 },
      ],
    });
    expect(model.firstOrderDate).toEqual({ filterType: 'date', type: 'greaterThanOrEqual', dateFrom: '2024-02-01 00:00:00', dateTo: null });
    expect(toEngineFilters(model)).toEqual({ filters, untranslated: [] });
  });
});

describe('sort model', () => {
  it('keeps known columns in order, at most three', () => {
    expect(
      toEngineSort([
        { colId: 'revenue', sort: 'desc' },
        { colId: 'nope', sort: 'asc' },
        { colId: 'name', sort: 'asc' },
        { colId: 'orders', sort: 'asc' },
        { colId: 'city', sort: 'desc' },
      ]),
    ).toEqual([
      { field: 'revenue', dir: 'desc' },
      { field: 'name', dir: 'asc' },
      { field: 'orders', dir: 'asc' },
    ]);
    expect(toEngineSort(undefined)).toEqual([]);
    expect(toGridSortState([{ field: 'revenue', dir: 'desc' }])).toEqual([{ colId: 'revenue', sort: 'desc', sortIndex: 0 }]);
  });
});

describe('percent columns', () => {
  // Probabilities are filtered in percent in the grid and sent to the engine as fractions.
  it('a grid filter in percent becomes a fraction, and back', () => {
    const model: GridFilterModel = {
      churnRisk: { filterType: 'number', type: 'greaterThanOrEqual', filter: 7 },
      pAlive: { filterType: 'number', type: 'inRange', filter: 20, filterTo: 55 },
      clv: { filterType: 'number', type: 'greaterThan', filter: 100 },
    };
    const { filters, untranslated } = toEngineFilters(model);
    expect(untranslated).toEqual([]);
    expect(filters).toEqual([
      { field: 'churnRisk', op: 'greaterThanOrEqual', value: 0.07 },
      { field: 'pAlive', op: 'inRange', value: 0.2, valueTo: 0.55 },
      { field: 'clv', op: 'greaterThan', value: 100 },
    ]);
    expect(toGridFilterModel(filters)).toEqual(model);
  });
});
