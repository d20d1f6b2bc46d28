import { createTheme, localStorageColorSchemeManager, type MantineColorsTuple } from '@mantine/core';

/** A calm indigo: readable on white and on the dark surfaces, not shouting. */
const brand: MantineColorsTuple = [
  '#eef0ff',
  '#dde0fb',
  '#b9bdf3',
  '#9298ec',
  '#7078e6',
  '#5b63e2',
  '#4f57e0',
  '#4048c7',
  '#383fb2',
  '#2d359e',
];

/** A cool, slightly brighter dark palette than Mantine's default: calmer with the indigo, easier to read. */
const dark: MantineColorsTuple = [
  '#dcdde3',
  '#b4b6c0',
  '#8d909c',
  '#6a6d79',
  '#4a4c56',
  '#393b44',
  '#2c2e36',
  '#22242b',
  '#1b1c22',
  '#121317',
];

/** System fonts only: nothing is fetched, and the app looks native on every platform. */
const systemSans =
  'system-ui, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';
const systemMono = 'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace';

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: { light: 6, dark: 5 },
  colors: { brand, dark },
  fontFamily: systemSans,
  fontFamilyMonospace: systemMono,
  headings: {
    fontFamily: systemSans,
    fontWeight: '650',
    sizes: {
      h1: { fontSize: '1.375rem', lineHeight: '1.3' },
      h2: { fontSize: '1.125rem', lineHeight: '1.35' },
      h3: { fontSize: '1rem', lineHeight: '1.4' },
      h4: { fontSize: '0.875rem', lineHeight: '1.4' },
    },
  },
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    Paper: { defaultProps: { withBorder: true, radius: 'md' } },
    Tooltip: { defaultProps: { openDelay: 400, withArrow: true } },
    Popover: { defaultProps: { shadow: 'md' } },
    Menu: { defaultProps: { shadow: 'md' } },
    Modal: { defaultProps: { centered: true, radius: 'md' } },
  },
});

export const COLOR_SCHEME_STORAGE_KEY = 'localyst.color-scheme';

/** Persists the user's choice; with nothing stored, `defaultColorScheme="auto"` follows the operating system. */
export const colorSchemeManager = localStorageColorSchemeManager({ key: COLOR_SCHEME_STORAGE_KEY });
