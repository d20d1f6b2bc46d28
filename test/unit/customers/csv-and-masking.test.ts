import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, defuseFormula } from '../../../src/engine/customers/csv';
import { maskEmail, maskName, maskPhone } from '../../../src/engine/customers/masking';

describe('CSV cells', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+31 6 1234', "'+31 6 1234"],
    ['-cmd|calc', "'-cmd|calc"],
    ['@import', "'@import"],
    ['\tindent', "'\tindent"],
    ['\rreturn', '"\'\rreturn"'],
    ['-12', '-12'],
    ['-12.50', '-12.50'],
    ['-1e5', '-1e5'],
    ['-12 apples', "'-12 apples"],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j becomes %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('quotes commas, quotes and line breaks (RFC 4180), after defusing', () => {
    expect(csvCell('Smith, "Jr"')).toBe('"Smith, ""Jr"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=A1,B1')).toBe('"\'=A1,B1"');
  });

  it('writes numbers as numbers (negative ones included), null as empty, and ends records with CRLF', () => {
    expect(csvLine([-3.5, null, 0, 'x'])).toBe('-3.5,,0,x\r\n');
    expect(defuseFormula('-0.5')).toBe('-0.5');
  });
});

describe('masking', () => {
  it('masks e-mail addresses to an initial and the domain ending', () => {
    expect(maskEmail('jan.jansen@example.com')).toBe('j•••@e•••.com');
    expect(maskEmail('a@localhost')).toBe('a•••@l•••');
    expect(maskEmail('not-an-email')).toBe('n•••');
    expect(maskEmail('😀x@ü.de')).toBe('😀•••@ü•••.de');
    expect(maskEmail(null)).toBeNull();
  });

  it('masks names to initials', () => {
    expect(maskName('Jan', 'Smit')).toBe('J. S•••');
    expect(maskName(null, 'van der Laan')).toBe('v•••');
    expect(maskName('Cher', null)).toBe('C.');
    expect(maskName('  ', null)).toBeNull();
  });

  it('masks phones to their last four digits', () => {
    expect(maskPhone('+31 6 1234 4821')).toBe('•••• 4821');
    expect(maskPhone('112')).toBe('••••');
    expect(maskPhone(null)).toBeNull();
  });

  it('shows keyed-hash pseudonyms as they are', () => {
    const em = 'em_abcdefghijklmnopqrstuv';
    const nm = 'nm_ABCDEFGHIJKLMNOPQRSTUV';
    expect(maskEmail(em)).toBe(em);
    expect(maskName(nm, 'Smit')).toBe(`${nm} S•••`);
    expect(maskPhone('ph_0123456789abcdefghij-_')).toBe('ph_0123456789abcdefghij-_');
  });
});
