import {
  CellStyleModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  DateFilterModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  NumberFilterModule,
  RowStyleModule,
  ScrollApiModule,
  TextFilterModule,
  TooltipModule,
  themeQuartz,
  type Theme,
} from 'ag-grid-community';

import './grid.css';

// Only what the app's grids use; add a module here when a grid needs it.
ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  InfiniteRowModelModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  CellStyleModule,
  RowStyleModule,
  ColumnAutoSizeModule,
  ColumnApiModule,
  ScrollApiModule,
  TooltipModule,
]);

const fontFamily = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", Arial, sans-serif';

/** Dense but calm: the app's system font, 13 px cells, thin borders, the brand indigo as accent. */
const base = themeQuartz.withParams({
  fontFamily,
  fontSize: 13,
  headerFontSize: 12,
  headerFontWeight: 600,
  spacing: 6,
  rowHeight: 34,
  headerHeight: 36,
  wrapperBorderRadius: 8,
  borderRadius: 4,
  cellHorizontalPaddingScale: 0.9,
});

// The colours follow the Mantine palettes of theme.ts (light: gray scale; dark: the cool dark scale).
const light = base.withParams({
  browserColorScheme: 'light',
  backgroundColor: '#ffffff',
  foregroundColor: '#212529',
  textColor: '#212529',
  accentColor: '#4f57e0',
  borderColor: '#dee2e6',
  headerBackgroundColor: '#f8f9fa',
  headerTextColor: '#495057',
  oddRowBackgroundColor: '#ffffff',
  rowHoverColor: '#f1f2fe',
  selectedRowBackgroundColor: '#e6e8fd',
  chromeBackgroundColor: '#f8f9fa',
});

const dark = base.withParams({
  browserColorScheme: 'dark',
  backgroundColor: '#22242b',
  foregroundColor: '#dcdde3',
  textColor: '#dcdde3',
  accentColor: '#7078e6',
  borderColor: '#393b44',
  headerBackgroundColor: '#2c2e36',
  headerTextColor: '#b4b6c0',
  oddRowBackgroundColor: '#22242b',
  rowHoverColor: '#2a2c3a',
  selectedRowBackgroundColor: '#30335a',
  chromeBackgroundColor: '#2c2e36',
});

export const gridThemes: Record<'light' | 'dark', Theme> = { light, dark };
