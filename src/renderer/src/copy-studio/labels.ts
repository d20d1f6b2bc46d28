import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldParts, fieldsAsText, type FieldPart } from './copy-text';
import type { CopyFields } from '../../../shared/copy-schemas';

/** The checks the engine runs (src/engine/copy/checks.ts), named for people. */
const CHECK_NAMES = [
  'subject-length',
  'preheader-length',
  'unsubscribe-line',
  'sms-segments',
  'opt-out',
  'title-length',
  'body-length',
  'x-length',
  'instagram-length',
  'linkedin-length',
  'facebook-length',
  'headlines',
  'headline-length',
  'descriptions',
  'description-length',
  'cta-length',
  'reply-length',
  'banned-words',
  'preferred-words',
  'emoji',
  'facts',
  'claims',
  'acknowledges',
  'no-argument',
  'reading-level',
] as const;
type CheckName = (typeof CHECK_NAMES)[number];
const isKnownCheck = (name: string): name is CheckName => (CHECK_NAMES as readonly string[]).includes(name);

/** A check's name in plain words; one the app does not know yet is spelled out from its id. */
export function checkLabel(t: TFunction, name: string): string {
  if (isKnownCheck(name)) return t(`copy.checkNames.${name}`);
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The field labels of a variant's parts, in the user's language. */
export function useFieldLabels() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      subject: t('copy.fields.subject'),
      preheader: t('copy.fields.preheader'),
      body: t('copy.fields.body'),
      text: t('copy.fields.text'),
      title: t('copy.fields.title'),
      headline: (n: number) => t('copy.fields.headlineN', { n: String(n) }),
      description: (n: number) => t('copy.fields.descriptionN', { n: String(n) }),
      singleHeadline: t('copy.fields.headline'),
      singleDescription: t('copy.fields.description'),
      cta: t('copy.fields.cta'),
    }),
    [t],
  );
}

/** Parts and clipboard text of a variant with the labels above. */
export function useFieldText(): { parts: (fields: CopyFields) => FieldPart[]; asText: (fields: CopyFields) => string } {
  const labels = useFieldLabels();
  return useMemo(() => ({ parts: (fields) => fieldParts(fields, labels), asText: (fields) => fieldsAsText(fields, labels) }), [labels]);
}

/** Score colour: the same three bands everywhere. */
export const scoreColor = (score: number): string => (score >= 75 ? 'teal' : score >= 50 ? 'yellow' : 'red');
