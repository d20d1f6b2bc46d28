import { useComputedColorScheme } from '@mantine/core';
import type { Theme } from 'ag-grid-community';
import { gridThemes } from './ag-grid';

/** The AG Grid theme matching the app's light or dark scheme. */
export function useGridTheme(): Theme {
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: false });
  return gridThemes[scheme];
}
