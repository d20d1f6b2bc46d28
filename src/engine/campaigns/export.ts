import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { HOLDOUT_ARM, type CampaignExportResult, type CampaignPlan } from '../../shared/campaign-schemas';
import type { CopyFields } from '../../shared/copy-schemas';
import { AppError } from '../../shared/errors';
import { getLibraryItem } from '../copy/library-repo';
import { csvLine } from '../customers/csv';
import { maskEmail, maskName, maskPhone } from '../customers/masking';
import type { Db } from '../db/open-workspace';
import { writeAudit } from '../db/audit-repo';
import type { CampaignExportJobInput, JobControl } from '../kernel/jobs';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../kernel/private-files';
import { usualOrderHours } from './audience';
import { activeRecommendVersion, recommendedNamesFor } from '../recommend/read-repo';
import { buildAudience, type CampaignAudience } from './build';
import { markExported, sendDateOf, writeArms, writeAssignments, readPlan } from './campaigns-repo';

/**
 * The export job: a folder per campaign with `assignments.csv` (every member and their arm, the holdout included,
 * for measuring later) and the file the channel's tools import: e-mail lists as Mailchimp and Klaviyo read them,
 * SMS numbers in E.164, or ad-network customer-match files of SHA-256 hashes of the normalised e-mail (and phone).
 * Personal data is masked unless revealed (and a reveal is audited); every cell is formula-safe. The files are
 * written into a hidden folder that is renamed into place only when complete; the first export freezes the audience.
 */

// Declared with the other job inputs in the kernel (a job's input crosses to its worker as plain data).
export type { CampaignExportJobInput };

type Member = { id: number; external_id: string; email: string | null; first_name: string | null; last_name: string | null; phone: string | null; country: string | null };

const CHUNK = 1 << 20;
const CHECK_EVERY = 5_000;

/** A buffered file writer: lines gather in memory and go to disk a megabyte at a time. */
function openCsv(dir: string, name: string, header: readonly string[], opened: number[]) {
  const fd = fs.openSync(path.join(dir, name), 'wx', PRIVATE_FILE_MODE);
  opened.push(fd);
  let buffer = csvLine(header);
  let rows = 0;
  return {
    name,
    add(cells: ReadonlyArray<string | number | null>): void {
      buffer += csvLine(cells);
      rows++;
      if (buffer.length >= CHUNK) {
        fs.writeSync(fd, buffer);
        buffer = '';
      }
    },
    close(): number {
      fs.writeSync(fd, buffer);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      opened.splice(opened.indexOf(fd), 1);
      return rows;
    },
  };
}

/** SHA-256 of the e-mail as the ad networks require: trimmed and lower-cased before hashing. */
export const hashEmail = (email: string): string => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

/** The number in E.164 (`+31612345678`), read with the customer's country as the default; null when not a phone number. */
export function e164(phone: string | null, country: string | null): string | null {
  if (phone === null || phone.trim() === '') return null;
  const region = country && /^[A-Z]{2}$/i.test(country) ? (country.toUpperCase() as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(phone, region);
  return parsed?.isPossible() ? parsed.number : null;
}

/** Subject and text of an arm's content, for the arms table and the copy response model. */
function armText(db: Db, content: CampaignPlan['arms'][number]['content']): { subject: string | null; body: string | null } {
  const fields: CopyFields | undefined = content?.fields ?? (content?.libraryItemId !== undefined ? safeLibraryFields(db, content.libraryItemId) : undefined);
  if (!fields) return { subject: null, body: null };
  switch (fields.channel) {
    case 'email':
      return { subject: fields.subject, body: fields.body };
    case 'sms':
    case 'reply':
    case 'social':
      return { subject: null, body: fields.text };
    case 'push':
      return { subject: fields.title, body: fields.body };
    case 'display_ad':
      return { subject: fields.headline, body: fields.description };
    case 'search_ad':
      return { subject: fields.headlines[0] ?? null, body: fields.descriptions.join('\n') };
  }
}

function safeLibraryFields(db: Db, id: number): CopyFields | undefined {
  try {
    return getLibraryItem(db, id).fields;
  } catch {
    return undefined;
  }
}

/** Refuses what the export could not honour before a job starts. */
export function checkExport(plan: CampaignPlan, reveal: boolean, folder: string): void {
  if (plan.channel === 'ads' && !reveal) {
    throw new AppError(
      'bad-input',
      'An ad audience is made of hashed e-mail addresses and phone numbers, which are still personal data. Tick "Reveal personal data" to export it; the export is written to the audit log.',
      { field: 'reveal' },
    );
  }
  if (fs.existsSync(folder) && (!fs.statSync(folder).isDirectory() || fs.readdirSync(folder).length > 0)) {
    throw new AppError('conflict', `${folder} already exists and is not an empty folder. Choose a new or empty folder for the campaign's files.`, { file: folder, field: 'folder' });
  }
  if (!fs.existsSync(path.dirname(folder))) {
    throw new AppError('not-found', `The folder ${path.dirname(folder)} does not exist.`, { file: folder, field: 'folder' });
  }
}

export function exportCampaign(db: Db, input: CampaignExportJobInput, control: JobControl): CampaignExportResult {
  const { sentAt } = readPlan(db, input.campaignId);
  control.progress({ fraction: 0.02, stage: 'Audience', message: 'Finding the audience and its arms' });
  const audience = buildAudience(db, input.campaignId, sendDateOf(sentAt));
  control.checkCancelled();
  const temp = path.join(path.dirname(input.folder), `.${path.basename(input.folder)}.${randomBytes(4).toString('hex')}.part`);
  fs.mkdirSync(temp, { mode: PRIVATE_DIR_MODE });
  try {
    const opened: number[] = [];
    let result: Omit<CampaignExportResult, 'froze'>;
    try {
      result = writeFolder(db, audience, input, temp, control, opened);
    } finally {
      // A cancel or failure leaves files open: close them before the folder is removed.
      for (const fd of opened) fs.closeSync(fd);
    }
    control.progress({ fraction: 0.9, stage: 'Freezing', message: 'Saving the audience snapshot' });
    db.transaction(() => {
      if (!audience.frozen) freeze(db, input.campaignId, audience, control);
      markExported(db, input.campaignId, input.folder, new Date().toISOString());
      if (input.reveal) writeAudit(db, 'campaigns.exported', String(input.campaignId), { recipients: result.recipients, revealed: true, files: result.files.map((f) => f.name) });
    })();
    if (fs.existsSync(input.folder)) fs.rmdirSync(input.folder);
    fs.renameSync(temp, input.folder);
    control.progress({ fraction: 1, stage: 'Done', message: `${result.recipients.toLocaleString('en')} recipients exported`, rowsDone: audience.ids.length });
    return { ...result, froze: !audience.frozen };
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

function freeze(db: Db, id: number, audience: CampaignAudience, control: JobControl): void {
  const hours = usualOrderHours(db);
  writeArms(
    db,
    id,
    audience.groups.map((g, i) => ({ name: g.name, share: g.share, holdout: g.holdout, ...(g.holdout ? { subject: null, body: null } : armText(db, audience.plan.arms[i]?.content)) })),
  );
  writeAssignments(
    db,
    id,
    {
      ids: audience.ids,
      arms: audience.assigned,
      strata: audience.strata,
      stratumOf: audience.stratumOf,
      sendHour: (customer) => {
        const h = hours[customer] ?? -1;
        return h < 0 ? null : h;
      },
    },
    () => control.checkCancelled(),
  );
}

function writeFolder(db: Db, audience: CampaignAudience, input: CampaignExportJobInput, dir: string, control: JobControl, opened: number[]): Omit<CampaignExportResult, 'froze'> {
  const { plan } = audience;
  const reveal = input.reveal;
  const hours = usualOrderHours(db);
  const assignments = openCsv(dir, 'assignments.csv', ['customerId', 'arm'], opened);
  const hour = (id: number): number | null => {
    const h = hours[id] ?? -1;
    return h < 0 ? null : h;
  };
  const recommended = activeRecommendVersion(db) !== null ? recommendedReader(db, audience.ids) : null;
  const channelFiles = openChannelFiles(plan, audience, dir, opened, recommended !== null);
  const picks = (i: number): Array<string | null> => (recommended === null ? [] : recommended(i));
  let skippedPhones = 0;
  let recipients = 0;
  const members = readMembers(db, audience.ids);
  try {
    for (let i = 0; i < audience.ids.length; i++) {
      if (i % CHECK_EVERY === 0) {
        control.checkCancelled();
        control.progress({ fraction: 0.05 + (0.85 * i) / audience.ids.length, stage: 'Writing', message: `Writing ${i.toLocaleString('en')} of ${audience.ids.length.toLocaleString('en')}`, rowsDone: i });
      }
      const member = members.next().value as Member;
      const group = audience.groups[audience.assigned[i] as number];
      if (!group) continue;
      assignments.add([member.external_id, group.holdout ? HOLDOUT_ARM : group.name]);
      if (group.holdout) continue;
      recipients++;
      const arm = group.name;
      if (channelFiles.kind === 'email') {
        channelFiles.file.add([reveal ? member.email : maskEmail(member.email), firstName(member, reveal), lastName(member, reveal), arm, hour(member.id), member.external_id, ...picks(i)]);
      } else if (channelFiles.kind === 'sms') {
        const phone = e164(member.phone, member.country);
        if (phone === null) {
          skippedPhones++;
          continue;
        }
        channelFiles.file.add([reveal ? phone : maskPhone(phone), firstName(member, reveal), arm, hour(member.id), member.external_id, ...picks(i)]);
      } else {
        const phone = e164(member.phone, member.country);
        const file = channelFiles.byArm.get(arm);
        file?.add([member.email ? hashEmail(member.email) : null, phone ? createHash('sha256').update(phone).digest('hex') : null]);
      }
    }
  } finally {
    // Closes the table scan, which stays open after the last member it was asked for (or on a cancel).
    members.return(undefined);
  }
  const files: CampaignExportResult['files'] = [
    { name: assignments.name, rows: assignments.close(), description: 'Every member and their arm (the holdout as "holdout"): keep it to measure the campaign.' },
  ];
  if (channelFiles.kind === 'ads') {
    for (const [arm, file] of channelFiles.byArm) files.push({ name: file.name, rows: file.close(), description: `Customer-match audience of arm ${arm}: SHA-256 of the trimmed, lower-cased e-mail and of the E.164 phone.` });
  } else {
    const rows = channelFiles.file.close();
    const merge = recommended === null ? '' : ' Recommended 1–3 hold each customer’s recommended products, for the {{recommended1}}… merge fields.';
    const description =
      channelFiles.kind === 'email'
        ? `E-mail list in the columns Mailchimp and Klaviyo import (Email Address, First Name, Last Name), with the arm as a tag column${reveal ? '' : '. Masked: export again with personal data revealed to send it'}.`
        : `Phone numbers in E.164 with first name and arm${skippedPhones > 0 ? `; ${skippedPhones.toLocaleString('en')} numbers that are not valid phone numbers were left out` : ''}${reveal ? '' : '. Masked: export again with personal data revealed to send it'}.`;
    files.push({ name: channelFiles.file.name, rows, description: `${description}${merge}` });
  }
  fs.writeFileSync(
    path.join(dir, 'campaign.json'),
    JSON.stringify({ name: plan.name, channel: plan.channel, goal: plan.goal, sendDate: plan.sendDate, seed: plan.seed, groups: audience.groups, plan }, null, 2),
    { mode: PRIVATE_FILE_MODE },
  );
  files.push({ name: 'campaign.json', rows: 1, description: 'The plan, arms and seed, to reproduce the assignment.' });
  return { folder: input.folder, files, recipients, holdout: audience.ids.length - recipients, revealed: reveal };
}

const MEMBER_COLUMNS = 'id, external_id, email, first_name, last_name, phone, country';

/**
 * The members' contact rows in id order (`ids` ascending). A large audience is read in one pass over the table,
 * which is several times faster than a lookup per member; a small one by lookups, so it does not read everyone.
 */
function* readMembers(db: Db, ids: Int32Array): Generator<Member> {
  const total = (db.prepare('SELECT max(id) FROM customers').pluck().get() as number | null) ?? 0;
  if (ids.length * 20 < total) {
    const select = db.prepare(`SELECT ${MEMBER_COLUMNS} FROM customers WHERE id = ?`);
    for (const id of ids) yield select.get(id) as Member;
    return;
  }
  let k = 0;
  for (const row of db.prepare(`SELECT ${MEMBER_COLUMNS} FROM customers ORDER BY id`).iterate() as IterableIterator<Member>) {
    if (k >= ids.length) return;
    if (row.id === ids[k]) {
      k++;
      yield row;
    }
  }
}

const firstName = (m: Member, reveal: boolean): string | null => (reveal ? m.first_name : (maskName(m.first_name, null) ?? null));
const lastName = (m: Member, reveal: boolean): string | null => (reveal ? m.last_name : (maskName(null, m.last_name) ?? null));

type ChannelFiles =
  | { kind: 'email'; file: ReturnType<typeof openCsv> }
  | { kind: 'sms'; file: ReturnType<typeof openCsv> }
  | { kind: 'ads'; byArm: Map<string, ReturnType<typeof openCsv>> };

const RECOMMENDED_COLUMNS = ['Recommended 1', 'Recommended 2', 'Recommended 3'];
const RECOMMENDED_CHUNK = 2_000;

/**
 * The members' first three recommended products (the `{{recommended1..3}}` tokens), as merge fields the e-mail and
 * SMS tools fill in: read a chunk of members at a time, in the audience's order, so a large audience is never held.
 */
function recommendedReader(db: Db, ids: Int32Array): (index: number) => Array<string | null> {
  let start = -1;
  let names = new Map<number, string[]>();
  return (index) => {
    const chunk = Math.floor(index / RECOMMENDED_CHUNK) * RECOMMENDED_CHUNK;
    if (chunk !== start) {
      start = chunk;
      names = recommendedNamesFor(db, Array.from(ids.subarray(chunk, chunk + RECOMMENDED_CHUNK)), 3);
    }
    const mine = names.get(ids[index] as number) ?? [];
    return [mine[0] ?? null, mine[1] ?? null, mine[2] ?? null];
  };
}

function openChannelFiles(plan: CampaignPlan, audience: CampaignAudience, dir: string, opened: number[], withRecommended: boolean): ChannelFiles {
  const extra = withRecommended ? RECOMMENDED_COLUMNS : [];
  if (plan.channel === 'email') return { kind: 'email', file: openCsv(dir, 'email.csv', ['Email Address', 'First Name', 'Last Name', 'Arm', 'Send Hour', 'Customer ID', ...extra], opened) };
  if (plan.channel === 'sms') return { kind: 'sms', file: openCsv(dir, 'sms.csv', ['Phone Number', 'First Name', 'Arm', 'Send Hour', 'Customer ID', ...extra], opened) };
  const byArm = new Map<string, ReturnType<typeof openCsv>>();
  audience.groups.forEach((g, i) => {
    if (!g.holdout) byArm.set(g.name, openCsv(dir, `ads-audience-${i + 1}-${g.name.replace(/[^A-Za-z0-9_-]+/g, '_')}.csv`, ['Email', 'Phone'], opened));
  });
  return { kind: 'ads', byArm };
}
