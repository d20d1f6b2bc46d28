/**
 * SMS length the way carriers count it (3GPP TS 23.038): text that fits the GSM 7-bit default alphabet is sent as
 * GSM-7, where the basic table's characters take one septet and the extension table's (€ [ ] { } \ ~ ^ | and form
 * feed) two (escape + character); anything else forces UCS-2, counted in UTF-16 code units (an emoji is two). A
 * single message holds 160 septets or 70 units; concatenated messages lose room to the header: 153 and 67 each.
 */

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM_BASIC.replace('\u001b', ''));
const extension = new Set(GSM_EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';
export type SmsLength = {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  /** Units still free in the last segment. */
  remaining: number;
  /** Characters that forced UCS-2, in order of appearance (empty for GSM-7). */
  nonGsm: string[];
};

const LIMITS: Record<SmsEncoding, { single: number; multi: number }> = { 'GSM-7': { single: 160, multi: 153 }, 'UCS-2': { single: 70, multi: 67 } };

export function smsLength(text: string): SmsLength {
  let septets = 0;
  const nonGsm: string[] = [];
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (extension.has(ch)) septets += 2;
    else if (!nonGsm.includes(ch)) nonGsm.push(ch);
  }
  const encoding: SmsEncoding = nonGsm.length === 0 ? 'GSM-7' : 'UCS-2';
  const units = encoding === 'GSM-7' ? septets : text.length;
  const { single, multi } = LIMITS[encoding];
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / multi);
  const capacity = segments <= 1 ? single : segments * multi;
  return { encoding, units, segments, remaining: capacity - units, nonGsm };
}
