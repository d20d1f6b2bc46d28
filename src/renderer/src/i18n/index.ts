import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';

/** One catalogue per language; adding a language is adding a file here. */
export const resources = { en: { translation: en } } as const;

export const i18n = i18next.createInstance();

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
