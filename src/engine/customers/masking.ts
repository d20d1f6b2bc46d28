import { isPseudonym } from '../ingest/pseudonyms';

/**
 * Masking of personal data in every explorer answer and masked export. Enough survives to recognise a customer
 * one already knows (an initial, the e-mail's domain ending, a phone's last digits), not enough to contact them.
 * Keyed-hash pseudonyms are not personal on their own and are shown as they are.
 */

const DOTS = '•••';
const first = (value: string): string => Array.from(value)[0] ?? '';

/** `jan.jansen@example.com` → `j•••@e•••.com`. */
export function maskEmail(email: string | null): string | null {
  if (email === null || email === '' || isPseudonym(email)) return email;
  const at = email.lastIndexOf('@');
  if (at < 0) return `${first(email)}${DOTS}`;
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${first(email)}${DOTS}@${first(domain)}${DOTS}${tld}`;
}

/** `Jan`, `Smit` → `J. S•••`; either part may be missing. */
export function maskName(firstName: string | null, lastName: string | null): string | null {
  const f = firstName?.trim() || null;
  const l = lastName?.trim() || null;
  if (f === null && l === null) return null;
  const maskFirst = (v: string): string => (isPseudonym(v) ? v : `${first(v)}.`);
  const maskLast = (v: string): string => (isPseudonym(v) ? v : `${first(v)}${DOTS}`);
  return [f === null ? null : maskFirst(f), l === null ? null : maskLast(l)].filter((v) => v !== null).join(' ');
}

/** `+31 6 12344821` → `•••• 4821`; short numbers show nothing. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null || phone === '' || isPseudonym(phone)) return phone;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? `•••• ${digits.slice(-4)}` : '••••';
}

