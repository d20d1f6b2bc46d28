import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Catalogue } from './catalogue';
import { en } from './en';

/** One catalogue per language; adding a language is adding a file (typed `Catalogue`) and a line here. */
export const resources = { en: { translation: en satisfies Catalogue } } as const;

export const i18n: I18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  lng: 'en',
  fallbackLng: 'en',
  resources,
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  // The catalogue is bundled, so the first render can already use it.
  initAsync: false,
  returnNull: false,
});
