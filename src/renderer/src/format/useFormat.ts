import { useMemo } from 'react';
import { createFormatters, userLocale, type Formatters } from './formatters';

export function useFormat(): Formatters {
  return useMemo(() => createFormatters(userLocale()), []);
}
