import type { SynthRole } from '../../shared/synth-schemas';
import { createPeopleFactory, countryTable, type Person } from '../demo/people';
import { choice, createRng, integer, pick, type Rng } from '../kernel/random';

/**
 * Fake values for the columns a twin never learns, when the user asks to fill them: ids are numbered, names,
 * e-mail addresses (reserved example domains), phones and cities come from the demo shop's people generator, and
 * addresses and postcodes are made up in the same style. Free text and personal data of other kinds stay empty.
 */
export type Filler = (row: number) => string[];

type Kind = 'id' | 'email' | 'phone' | 'first' | 'last' | 'name' | 'city' | 'address' | 'postcode' | 'empty';

function kindOf(name: string, role: SynthRole): Kind {
  if (role === 'id') return 'id';
  if (role !== 'pii') return 'empty';
  const n = name.toLowerCase();
  if (/e-?mail/.test(n)) return 'email';
  if (/phone|mobile|telefo|\btel\b/.test(n)) return 'phone';
  if (/first|given|voornaam/.test(n)) return 'first';
  if (/last|sur|family|achternaam/.test(n)) return 'last';
  if (/post|zip/.test(n)) return 'postcode';
  if (/address|adres|street|straat|house/.test(n)) return 'address';
  if (/city|town|plaats/.test(n)) return 'city';
  if (/name|naam/.test(n)) return 'name';
  return 'empty';
}

const STREETS = ['straat', 'laan', 'weg', 'plein', 'gracht', 'dijk'];
const LETTERS = 'ABCDEFGHJKLMNPRSTVWXZ';

/** A filler for the given columns (in order); `offset` numbers ids on from an earlier chunk. */
export function createFiller(columns: ReadonlyArray<{ name: string; role: SynthRole }>, seed: number): Filler {
  const kinds = columns.map((c) => kindOf(c.name, c.role));
  const people = createPeopleFactory(seed);
  const countries = countryTable();
  const rng: Rng = createRng(seed, 1402);
  const needsPerson = kinds.some((k) => k !== 'id' && k !== 'empty');
  return (row) => {
    const person: Person | null = needsPerson ? people(rng, choice(rng, countries), row + 1) : null;
    return kinds.map((kind) => {
      switch (kind) {
        case 'id':
          return `SYN-${String(row + 1).padStart(7, '0')}`;
        case 'email':
          return person?.email ?? '';
        case 'phone':
          return person?.phone ?? '';
        case 'first':
          return person?.firstName ?? '';
        case 'last':
          return person?.lastName ?? '';
        case 'name':
          return person ? `${person.firstName} ${person.lastName}` : '';
        case 'city':
          return person?.city ?? '';
        case 'address':
          return person ? `${person.lastName.replace(/\s+/g, '')}${pick(rng, STREETS)} ${integer(rng, 1, 220)}` : '';
        case 'postcode':
          return `${integer(rng, 1000, 9999)} ${LETTERS[integer(rng, 0, LETTERS.length - 1)]}${LETTERS[integer(rng, 0, LETTERS.length - 1)]}`;
        default:
          return '';
      }
    });
  };
}
