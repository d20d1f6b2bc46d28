import { describe, expect, it } from 'vitest';
import { parseSummaryCsv } from '../../../src/engine/models/clv/summary-csv';

describe('parseSummaryCsv', () => {
  it('reads both CDNOW shapes: ID,frequency,recency,T and ID,x,t_x,T,zbar', () => {
    expect(parseSummaryCsv('ID,frequency,recency,T\n1,2,30.43,38.86\n')).toEqual([{ id: '1', x: 2, tx: 30.43, T: 38.86, monetary: null }]);
    expect(parseSummaryCsv('ID,x,t_x,T,zbar\r\n1,2,30.43,38.86,22.35\r\n')).toEqual([{ id: '1', x: 2, tx: 30.43, T: 38.86, monetary: 22.35 }]);
  });

  it('accepts lifetimes column names, quotes and a byte-order mark, and numbers rows without an id', () => {
    const rows = parseSummaryCsv('\uFEFF"frequency","recency","T","monetary_value"\n"0","0","5","0"\n3,4,9,12.5\n');
    expect(rows).toEqual([
      { id: '1', x: 0, tx: 0, T: 5, monetary: 0 },
      { id: '2', x: 3, tx: 4, T: 9, monetary: 12.5 },
    ]);
  });

  it('names the file, row and column of a problem', () => {
    expect(() => parseSummaryCsv('ID,frequency,T\n1,2,3\n', 'mine.csv')).toThrow(/mine\.csv has no t_x \(or recency\) column/);
    expect(() => parseSummaryCsv('x,t_x,T\n1,2,3\n1,two,3\n', 'mine.csv')).toThrow(/mine\.csv, row 3: t_x must be a number \(got "two"\)/);
    expect(() => parseSummaryCsv('', 'mine.csv')).toThrow(/mine\.csv is empty/);
  });
});
