import type { Encoding, ImportKind } from '../../../../shared/import-schemas';

/** The kinds in the order a marketer would prepare them. */
export const KIND_ORDER: readonly ImportKind[] = ['customers', 'orders', 'products', 'reviews', 'campaign_results'];

export const ENCODING_ORDER: readonly Encoding[] = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'];

/** The delimiters the engine accepts as an override (formatOverridesSchema). */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];
/** The i18n key of each delimiter's name. */
export const DELIMITER_NAMES = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' } as const satisfies Record<Delimiter, string>;
export const isDelimiter = (value: string | null): value is Delimiter => (DELIMITERS as readonly (string | null)[]).includes(value);

/**
 * The date formats the engine parses (its `dateFormatIds`). The contract does not list them yet, so they are
 * repeated here; an unknown one is refused by the engine with a message naming the valid ones.
 */
export const DATE_FORMATS = [
  'yyyy-MM-dd HH:mm:ss',
  'dd/MM/yyyy HH:mm',
  'MM/dd/yyyy HH:mm',
  'dd.MM.yyyy HH:mm',
  'dd-MM-yyyy HH:mm',
  'yyyy/MM/dd HH:mm',
  'yyyyMMdd',
] as const;

/** An example of each date format, the 3rd of February 2024 at 10:15, so day-first and month-first read apart. */
export const DATE_FORMAT_EXAMPLES: Record<(typeof DATE_FORMATS)[number], string> = {
  'yyyy-MM-dd HH:mm:ss': '2024-02-03 10:15:00',
  'dd/MM/yyyy HH:mm': '03/02/2024 10:15',
  'MM/dd/yyyy HH:mm': '02/03/2024 10:15',
  'dd.MM.yyyy HH:mm': '03.02.2024 10:15',
  'dd-MM-yyyy HH:mm': '03-02-2024 10:15',
  'yyyy/MM/dd HH:mm': '2024/02/03 10:15',
  yyyyMMdd: '20240203',
};

/** "12.4 MB" in the user's locale. */
export function fileSize(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], unitDisplay: unit === 0 ? 'long' : 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}
