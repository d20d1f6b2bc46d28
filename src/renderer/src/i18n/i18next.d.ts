import 'i18next';
import type { en } from './en';

// Declaration merging is the only way to type i18next's keys, hence an interface.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
