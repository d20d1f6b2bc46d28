import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { federationSpecSchema, type AgreedEncoding, type FederationSpec } from '../../shared/federate-schemas';
import { makePrivateDir, narrowToOwner } from '../kernel/private-files';
import type { RawTable } from '../ml/table';
import { coordinatorIdentitySchema, invitationCodes, type CoordinatorIdentity } from './invitation';
import type { InvitationCode } from './transport-types';
import type { CoordinatorState } from './protocol';

/**
 * The files `federate propose` leaves in the folder the user chose, and `federate serve` reads back: the spec
 * (shareable: offices may review it and join with `--spec` to accept only that one), the coordinator's keys and
 * office secrets (owner-only, never shared), and the invitation codes (one line per office, to send one each).
 */

export const SPEC_FILE = 'spec.json';
export const KEYS_FILE = 'coordinator-keys.json';
export const INVITATIONS_FILE = 'invitations.txt';

const keysFileSchema = z.strictObject({
  format: z.literal('localyst-federation-keys/1'),
  identity: coordinatorIdentitySchema,
  /** Where the invitations tell offices to connect ('' when they exchange files only). */
  host: z.string().max(253),
  port: z.number().int().min(0).max(65535),
});

export type Proposal = { spec: FederationSpec; identity: CoordinatorIdentity; host: string; port: number };

export function writeProposal(dir: string, proposal: Proposal): { specFile: string; keysFile: string; invitationsFile: string; invitations: InvitationCode[] } {
  const invitations = invitationCodes(proposal.identity, proposal.host, proposal.port);
  makePrivateDir(dir);
  const specFile = path.join(dir, SPEC_FILE);
  const keysFile = path.join(dir, KEYS_FILE);
  const invitationsFile = path.join(dir, INVITATIONS_FILE);
  for (const file of [specFile, keysFile, invitationsFile]) {
    if (fs.existsSync(file)) throw new AppError('conflict', `${file} exists already: choose an empty folder for a new federation.`, { file, field: 'out' });
  }
  fs.writeFileSync(specFile, `${JSON.stringify(proposal.spec, null, 2)}\n`);
  const keys = { format: 'localyst-federation-keys/1', identity: proposal.identity, host: proposal.host, port: proposal.port };
  fs.writeFileSync(keysFile, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  narrowToOwner(keysFile);
  fs.writeFileSync(invitationsFile, invitations.map((i) => `${i.office}\t${i.code}\n`).join(''), { mode: 0o600 });
  narrowToOwner(invitationsFile);
  return { specFile, keysFile, invitationsFile, invitations };
}

function readJson(file: string, what: string): unknown {
  const absolute = path.resolve(file);
  if (!fs.existsSync(absolute) || !fs.statSync(absolute).isFile()) throw new AppError('not-found', `There is no ${what} at ${absolute}.`, { file: absolute });
  if (fs.statSync(absolute).size > 4 * 1024 * 1024) throw new AppError('bad-input', `${absolute} is too large to be a ${what}.`, { file: absolute });
  try {
    return JSON.parse(fs.readFileSync(absolute, 'utf8'));
  } catch {
    throw new AppError('bad-input', `${absolute} is not JSON: is it the ${what}?`, { file: absolute });
  }
}

/** A spec file (as `propose` wrote it), checked. */
export function readSpec(file: string): FederationSpec {
  const parsed = federationSpecSchema.safeParse(readJson(file, 'federation spec'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('bad-input', `${path.resolve(file)} is not a valid federation spec${issue ? ` (${issue.path.join('.')}: ${issue.message})` : ''}.`, { file: path.resolve(file) });
  }
  return parsed.data;
}

/** The spec and, by default from the same folder, the coordinator's keys that `propose` made for it. */
export function readProposal(specFile: string, keysFile?: string): Proposal {
  const spec = readSpec(specFile);
  const keysPath = path.resolve(keysFile ?? path.join(path.dirname(path.resolve(specFile)), KEYS_FILE));
  const parsed = keysFileSchema.safeParse(readJson(keysPath, 'coordinator keys file'));
  if (!parsed.success) throw new AppError('bad-input', `${keysPath} is not a coordinator keys file made by \`localyst federate propose\`.`, { file: keysPath });
  if (parsed.data.identity.federationId !== spec.id) {
    throw new AppError('bad-input', `${keysPath} holds the keys of another federation than ${path.resolve(specFile)}.`, { file: keysPath });
  }
  return { spec, identity: parsed.data.identity, host: parsed.data.host, port: parsed.data.port };
}

/** Refuses a spec whose columns this office's table does not have (said before anything is sent). */
export function checkSpecAgainstTable(spec: FederationSpec, table: RawTable): void {
  const missing = [spec.target, ...spec.features.map((f) => f.name)].filter((c) => !table.columns.includes(c));
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).map((c) => `"${c}"`).join(', ');
    throw new AppError('bad-input', `The coordinator's spec needs columns this table does not have: ${shown}${missing.length > 10 ? ', …' : ''}. Nothing was sent.`, {
      field: 'table',
    });
  }
}

/** Refuses any spec but the one the office reviewed (its `spec.json`), field by field. */
export function checkSameSpec(agreed: FederationSpec, offered: FederationSpec): void {
  if (JSON.stringify(agreed) !== JSON.stringify(offered)) {
    throw new AppError('bad-input', 'The coordinator offered another spec than the one this office agreed to (--spec). Nothing was sent.', { field: 'spec' });
  }
}

/** The federated model as a file: the agreed encoding and the flat weights, with what it learned from (counts only). */
export function modelDocument(spec: FederationSpec, result: { weights: Float32Array; encoding: AgreedEncoding; rounds: number; epsilon: number | null }, state?: CoordinatorState) {
  return {
    format: 'localyst-federated-model/1',
    federationId: spec.id,
    name: spec.name,
    target: spec.target,
    positive: spec.positive ?? null,
    model: spec.model,
    encoding: result.encoding,
    weights: [...result.weights],
    rounds: result.rounds,
    secure: spec.secure,
    epsilon: result.epsilon,
    ...(state ? { participants: state.participants.map((p) => ({ name: p.name, rows: p.rows, state: p.state })), history: state.history } : {}),
  };
}

export function writeModel(file: string, document: ReturnType<typeof modelDocument>): string {
  const absolute = path.resolve(file);
  fs.writeFileSync(absolute, `${JSON.stringify(document)}\n`);
  return absolute;
}
