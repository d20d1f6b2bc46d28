import type { en } from './en';

type Widen<T> = T extends string
  ? string
  : T extends readonly (infer Item)[]
    ? readonly Widen<Item>[]
    : { readonly [K in keyof T]: Widen<T[K]> };

/** The shape every language file must have: the English keys, any strings. `export const de: Catalogue = {…}`. */
export type Catalogue = Widen<typeof en>;
