import path from 'node:path';
import type { WorkspaceInfo } from '../../shared/contract';
import type { OpenedWorkspace } from '../db/open-workspace';
import { latestSchemaVersion } from '../db/migrations';
import { readSettings } from './settings';

/** The workspace as the doors show it. */
export function describeWorkspace(ws: OpenedWorkspace, encrypted = false): WorkspaceInfo {
  const { n } = ws.db.prepare('SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM orders) AS n').get() as {
    n: number;
  };
  return {
    path: ws.dir,
    name: path.basename(ws.dir),
    dbFile: ws.dbFile,
    schemaVersion: ws.schemaVersion,
    latestSchemaVersion,
    currency: readSettings(ws.db).currency,
    isEmpty: n === 0,
    encrypted,
  };
}
