import { findTokens, firstLine } from '../../../shared/copy-text';
import type { CopyFields } from '../../../shared/copy-schemas';

/** A variant's parts as label/text pairs, in reading order (search ads: one pair per headline and description). */
export type FieldPart = { key: string; label: string; text: string };

type Labels = {
  subject: string;
  preheader: string;
  body: string;
  text: string;
  title: string;
  headline: (n: number) => string;
  description: (n: number) => string;
  singleHeadline: string;
  singleDescription: string;
  cta: string;
};

export function fieldParts(fields: CopyFields, labels: Labels): FieldPart[] {
  switch (fields.channel) {
    case 'email':
      return [
        { key: 'subject', label: labels.subject, text: fields.subject },
        { key: 'preheader', label: labels.preheader, text: fields.preheader },
        { key: 'body', label: labels.body, text: fields.body },
      ];
    case 'push':
      return [
        { key: 'title', label: labels.title, text: fields.title },
        { key: 'body', label: labels.body, text: fields.body },
      ];
    case 'search_ad':
      return [
        ...fields.headlines.map((text, i) => ({ key: `headline-${i}`, label: labels.headline(i + 1), text })),
        ...fields.descriptions.map((text, i) => ({ key: `description-${i}`, label: labels.description(i + 1), text })),
      ];
    case 'display_ad':
      return [
        { key: 'headline', label: labels.singleHeadline, text: fields.headline },
        { key: 'description', label: labels.singleDescription, text: fields.description },
        { key: 'cta', label: labels.cta, text: fields.cta },
      ];
    default:
      return [{ key: 'text', label: labels.text, text: fields.text }];
  }
}

/** Everything of a variant as plain text for the clipboard: one labelled block per part. */
export function fieldsAsText(fields: CopyFields, labels: Labels): string {
  const parts = fieldParts(fields, labels);
  if (parts.length === 1) return parts[0]?.text ?? '';
  return parts.map((p) => `${p.label}: ${p.text.includes('\n') ? `\n${p.text}` : p.text}`).join('\n');
}

export { firstLine };

export type TextPiece = { kind: 'text'; text: string } | { kind: 'token'; text: string; token: string; fallback: string | null };

/** Splits copy into plain text and personalisation tokens, for highlighting (the engine's own token grammar). */
export function splitTokens(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const token of findTokens(text)) {
    if (token.start > last) pieces.push({ kind: 'text', text: text.slice(last, token.start) });
    pieces.push({ kind: 'token', text: token.raw, token: token.name, fallback: token.fallback });
    last = token.end;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) });
  return pieces;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The rendered copy of one customer cut at the places where the template had tokens, so the filled-in values can
 * be highlighted. Null when the rendered text does not line up with the template (then it is shown plain).
 */
export function alignRendered(template: string, rendered: string): TextPiece[] | null {
  const pieces = splitTokens(template);
  const tokens = pieces.filter((p) => p.kind === 'token');
  if (tokens.length === 0) return [{ kind: 'text', text: rendered }];
  const pattern = pieces.map((p) => (p.kind === 'text' ? escapeRegExp(p.text) : '([\\s\\S]*?)')).join('');
  const match = new RegExp(`^${pattern}$`).exec(rendered);
  if (!match) return null;
  let group = 1;
  return pieces.map((p) => {
    if (p.kind === 'text') return p;
    const value = match[group] ?? '';
    group += 1;
    return { ...p, text: value };
  });
}

/** Lines of a textarea as a list (search ad headlines, descriptions), blank lines dropped. */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Characters as platforms count them (code points: an emoji is one). */
export const charCount = (text: string): number => [...text].length;

/** A download of text the engine returned (library export), through a Blob link the page clicks. */
export function downloadText(fileName: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the download a moment to start before the address is released.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
