import { randomUUID } from 'node:crypto';
import {
  campaignPlanSchema,
  HOLDOUT_ARM,
  upliftResultSchema,
  type CampaignDetail,
  type CampaignPlan,
  type CampaignStatus,
  type CampaignSummary,
  type UpliftResult,
} from '../../shared/campaign-schemas';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open-workspace';

/** The campaigns' own SQL: rows of `campaigns` (built, imported and demo alike), their arms and frozen audiences. */

type CampaignRow = {
  id: number;
  external_id: string;
  name: string;
  channel: string;
  goal: string | null;
  sent_at: string;
  subject: string | null;
  status: 'draft' | 'exported' | null;
  plan_json: string | null;
  import_id: number | null;
  updated_at: string | null;
  exported_at: string | null;
  export_folder: string | null;
  uplift_json: string | null;
};

/** One group of a campaign as stored: the holdout is an arm with `holdout` set. */
export type StoredArm = { arm: number; name: string; share: number; holdout: boolean; subject: string | null; body: string | null };

export type ResultTotals = { recipients: number; opened: number; clicked: number; converted: number; revenue: number };

const CAMPAIGN_COLUMNS = `id, external_id, name, channel, goal, sent_at, subject, status, plan_json, import_id, updated_at, exported_at,
  export_folder, uplift_json`;

const notFound = (id: number): AppError => new AppError('not-found', `There is no campaign ${id}. It may have been deleted.`, { field: 'id' });

function readRow(db: Db, id: number): CampaignRow {
  const row = db.prepare(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE id = ?`).get(id) as CampaignRow | undefined;
  if (!row) throw notFound(id);
  return row;
}

/** A campaign's plan, or null for one that arrived with its results. */
export function readPlan(db: Db, id: number): { plan: CampaignPlan | null; status: CampaignRow['status']; sentAt: string; channel: string; goal: string | null; name: string } {
  const row = readRow(db, id);
  return { plan: parsePlan(row.plan_json), status: row.status, sentAt: row.sent_at, channel: row.channel, goal: row.goal, name: row.name };
}

/** The plan of a built campaign; refuses imported ones with a plain message. */
export function requirePlan(db: Db, id: number): { plan: CampaignPlan; status: 'draft' | 'exported' } {
  const row = readRow(db, id);
  const plan = parsePlan(row.plan_json);
  if (!plan || row.status === null) {
    throw new AppError('bad-input', `Campaign ${row.name} was imported with its results; it has no plan to build or export.`, { field: 'id' });
  }
  return { plan, status: row.status };
}

function parsePlan(json: string | null): CampaignPlan | null {
  if (json === null) return null;
  const parsed = campaignPlanSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

export function readArms(db: Db, id: number): StoredArm[] {
  return (
    db.prepare('SELECT arm, name, share, holdout, subject, body FROM campaign_arms WHERE campaign_id = ? ORDER BY arm').all(id) as Array<
      Omit<StoredArm, 'holdout'> & { holdout: number }
    >
  ).map((a) => ({ ...a, holdout: a.holdout === 1 }));
}

export const sendDateOf = (sentAt: string): string => sentAt.slice(0, 10);

/** Creates a draft from a parsed plan. */
export function insertDraft(db: Db, plan: CampaignPlan, now: string): number {
  const info = db
    .prepare(
      `INSERT INTO campaigns (external_id, name, channel, goal, sent_at, subject, body, status, plan_json, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, 'draft', ?, ?, ?)`,
    )
    .run(`LOC-${randomUUID().slice(0, 8)}`, plan.name, plan.channel, plan.goal, `${plan.sendDate ?? now.slice(0, 10)}T09:00:00`, null, JSON.stringify(plan), now, now);
  return Number(info.lastInsertRowid);
}

/** Saves a whole plan over the draft (the builder saves at every change). */
export function updatePlan(db: Db, id: number, plan: CampaignPlan, now: string): void {
  db.prepare('UPDATE campaigns SET name = ?, channel = ?, goal = ?, sent_at = ?, plan_json = ?, updated_at = ? WHERE id = ?').run(
    plan.name,
    plan.channel,
    plan.goal,
    `${plan.sendDate ?? now.slice(0, 10)}T09:00:00`,
    JSON.stringify(plan),
    now,
    id,
  );
}

export function deleteCampaign(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM campaigns WHERE id = ?').run(id).changes > 0;
}

/** Stores the arms (holdout last) and content subjects, replacing earlier ones. */
export function writeArms(db: Db, id: number, arms: ReadonlyArray<Omit<StoredArm, 'arm'>>): void {
  db.prepare('DELETE FROM campaign_arms WHERE campaign_id = ?').run(id);
  const insert = db.prepare('INSERT INTO campaign_arms (campaign_id, arm, name, share, holdout, subject, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
  arms.forEach((a, index) => insert.run(id, index, a.name, a.share, a.holdout ? 1 : 0, a.subject, a.body));
  const first = arms.find((a) => !a.holdout);
  db.prepare('UPDATE campaigns SET subject = ?, body = ? WHERE id = ?').run(first?.subject ?? null, first?.body ?? null, id);
}

/** Freezes the audience: every member and their arm, stratum and usual ordering hour. */
export function writeAssignments(
  db: Db,
  id: number,
  rows: { ids: Int32Array; arms: Uint8Array; strata: readonly string[]; stratumOf: Uint16Array; sendHour: (customerId: number) => number | null },
  checkCancelled: () => void,
): void {
  db.prepare('DELETE FROM campaign_assignments WHERE campaign_id = ?').run(id);
  const insert = db.prepare('INSERT INTO campaign_assignments (campaign_id, customer_id, arm, stratum, send_hour) VALUES (?, ?, ?, ?, ?)');
  for (let i = 0; i < rows.ids.length; i++) {
    if (i % 50_000 === 0) checkCancelled();
    const customer = rows.ids[i] as number;
    insert.run(id, customer, rows.arms[i] as number, rows.strata[rows.stratumOf[i] as number] ?? null, rows.sendHour(customer));
  }
}

export function markExported(db: Db, id: number, folder: string, now: string): void {
  db.prepare("UPDATE campaigns SET status = 'exported', exported_at = ?, export_folder = ?, updated_at = ? WHERE id = ?").run(now, folder, now, id);
}

export function hasAssignments(db: Db, id: number): boolean {
  return db.prepare('SELECT 1 FROM campaign_assignments WHERE campaign_id = ? LIMIT 1').get(id) !== undefined;
}

/** The frozen audience: customer ids (ascending) with their arm index. */
export function readAssignments(db: Db, id: number): { ids: Int32Array; arms: Uint8Array } {
  const rows = db.prepare('SELECT customer_id, arm FROM campaign_assignments WHERE campaign_id = ? ORDER BY customer_id').raw().all(id) as Array<[number, number]>;
  const ids = new Int32Array(rows.length);
  const arms = new Uint8Array(rows.length);
  rows.forEach(([customer, arm], i) => {
    ids[i] = customer;
    arms[i] = arm;
  });
  return { ids, arms };
}

export function writeUplift(db: Db, id: number, result: UpliftResult): void {
  db.prepare('UPDATE campaigns SET uplift_json = ? WHERE id = ?').run(JSON.stringify(result), id);
}

/** Totals of the results per campaign (one pass over the results table). */
function resultTotals(db: Db): Map<number, ResultTotals> {
  const rows = db
    .prepare(
      `SELECT campaign_id AS id, SUM(sent > 0) AS recipients, SUM(opened > 0) AS opened, SUM(clicked > 0) AS clicked,
              SUM(converted > 0) AS converted, TOTAL(revenue) AS revenue
         FROM campaign_results GROUP BY campaign_id`,
    )
    .all() as Array<ResultTotals & { id: number }>;
  return new Map(rows.map(({ id, ...totals }) => [id, totals]));
}

/** Group sizes: frozen assignments where they exist. */
function groupSizes(db: Db): Map<number, CampaignSummary['groups']> {
  const rows = db
    .prepare(
      `SELECT a.campaign_id AS id, a.name AS name, a.share AS share, a.holdout AS holdout,
              (SELECT count(*) FROM campaign_assignments s WHERE s.campaign_id = a.campaign_id AND s.arm = a.arm) AS size
         FROM campaign_arms a ORDER BY a.campaign_id, a.arm`,
    )
    .all() as Array<{ id: number; name: string; share: number; holdout: number; size: number }>;
  const byCampaign = new Map<number, CampaignSummary['groups']>();
  for (const r of rows) {
    const list = byCampaign.get(r.id) ?? [];
    list.push({ name: r.holdout === 1 ? HOLDOUT_ARM : r.name, share: r.share, holdout: r.holdout === 1, size: r.size });
    byCampaign.set(r.id, list);
  }
  return byCampaign;
}

const EMPTY_TOTALS: ResultTotals = { recipients: 0, opened: 0, clicked: 0, converted: 0, revenue: 0 };

function toSummary(row: CampaignRow, totals: ResultTotals | undefined, groups: CampaignSummary['groups'] | undefined): CampaignSummary {
  const t = totals ?? EMPTY_TOTALS;
  const frozen = groups && groups.some((g) => g.size > 0);
  const status: CampaignStatus = t.recipients > 0 || row.status === null ? 'results' : row.status;
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    goal: row.goal,
    status,
    source: row.status !== null ? 'builder' : row.import_id !== null ? 'imported' : 'demo',
    sendDate: sendDateOf(row.sent_at),
    subject: row.subject,
    audience: frozen ? (groups ?? []).reduce((sum, g) => sum + g.size, 0) : row.status === null ? t.recipients : null,
    groups: groups ?? [],
    recipients: t.recipients,
    opened: t.opened,
    clicked: t.clicked,
    converted: t.converted,
    revenue: t.revenue,
    updatedAt: row.updated_at,
  };
}

/** Every campaign, newest send first. */
export function listCampaigns(db: Db): CampaignSummary[] {
  const rows = db.prepare(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns ORDER BY sent_at DESC, id DESC`).all() as CampaignRow[];
  const totals = resultTotals(db);
  const groups = groupSizes(db);
  return rows.map((row) => toSummary(row, totals.get(row.id), groups.get(row.id)));
}

/** One campaign with its plan. */
export function getCampaign(db: Db, id: number): CampaignDetail {
  const row = readRow(db, id);
  const totals = db
    .prepare(
      `SELECT SUM(sent > 0) AS recipients, SUM(opened > 0) AS opened, SUM(clicked > 0) AS clicked, SUM(converted > 0) AS converted,
              TOTAL(revenue) AS revenue
         FROM campaign_results WHERE campaign_id = ?`,
    )
    .get(id) as { recipients: number | null } & Omit<ResultTotals, 'recipients'>;
  const clean: ResultTotals = { ...totals, recipients: totals.recipients ?? 0, opened: totals.opened ?? 0, clicked: totals.clicked ?? 0, converted: totals.converted ?? 0 };
  const groups = groupSizes(db).get(id);
  const uplift = row.uplift_json === null ? null : upliftResultSchema.safeParse(JSON.parse(row.uplift_json));
  return {
    ...toSummary(row, clean, groups),
    plan: parsePlan(row.plan_json),
    exportedAt: row.exported_at,
    exportFolder: row.export_folder,
    hasResults: clean.recipients > 0,
    uplift: uplift?.success ? uplift.data : null,
  };
}
