import type { AppErrorData } from '../../shared/errors';
import type { JobInfo, JobKind, JobStatus } from '../../shared/contract';
import type { Db } from './open-workspace';

type JobRow = {
  id: string;
  kind: JobKind;
  title: string;
  status: JobStatus;
  fraction: number;
  stage: string;
  message: string;
  result_json: string | null;
  error_json: string | null;
  created_at: string;
  finished_at: string | null;
};

const toInfo = (row: JobRow): JobInfo => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  status: row.status,
  fraction: row.fraction,
  stage: row.stage,
  message: row.message,
  createdAt: row.created_at,
  finishedAt: row.finished_at,
  error: row.error_json ? (JSON.parse(row.error_json) as AppErrorData) : null,
  result: row.result_json ? (JSON.parse(row.result_json) as unknown) : undefined,
});

/** Secrets a job takes (an archive's or a workspace's passphrase, a recovery key) reach its worker, never the jobs table. */
const SECRET_KEYS: ReadonlySet<string> = new Set(['passphrase', 'recoveryKey']);
const withoutSecrets = (key: string, value: unknown): unknown => (SECRET_KEYS.has(key) ? undefined : value);

export function insertJob(db: Db, job: { id: string; kind: JobKind; title: string; input: unknown }): JobInfo {
  db.prepare(
    `INSERT INTO jobs (id, kind, title, status, input_json, created_at) VALUES (?, ?, ?, 'running', ?, ?)`,
  ).run(job.id, job.kind, job.title, JSON.stringify(job.input, withoutSecrets), new Date().toISOString());
  return getJob(db, job.id) as JobInfo;
}

export function updateJobProgress(db: Db, id: string, fraction: number, stage: string, message: string): void {
  db.prepare(`UPDATE jobs SET fraction = ?, stage = ?, message = ? WHERE id = ? AND status = 'running'`).run(
    fraction,
    stage,
    message,
    id,
  );
}

export function finishJob(
  db: Db,
  id: string,
  status: Exclude<JobStatus, 'running'>,
  outcome: { result?: unknown; error?: AppErrorData },
): void {
  db.prepare(
    `UPDATE jobs SET status = ?, fraction = CASE WHEN ? = 'done' THEN 1 ELSE fraction END,
       result_json = ?, error_json = ?, finished_at = ? WHERE id = ?`,
  ).run(
    status,
    status,
    outcome.result === undefined ? null : JSON.stringify(outcome.result),
    outcome.error ? JSON.stringify(outcome.error) : null,
    new Date().toISOString(),
    id,
  );
}

export function getJob(db: Db, id: string): JobInfo | undefined {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  return row ? toInfo(row) : undefined;
}

export function listJobs(db: Db, limit = 50): JobInfo[] {
  return (db.prepare('SELECT * FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as JobRow[]).map(
    toInfo,
  );
}

/** Jobs left 'running' by a process that died can never finish: mark them failed at start-up. */
export function failOrphanedJobs(db: Db): number {
  const error: AppErrorData = { code: 'job-failed', message: 'Localyst stopped while this job was running. Start it again.' };
  return db
    .prepare(`UPDATE jobs SET status = 'failed', error_json = ?, finished_at = ? WHERE status = 'running'`)
    .run(JSON.stringify(error), new Date().toISOString()).changes;
}
