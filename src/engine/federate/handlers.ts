import path from 'node:path';
import { randomInt, randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { federationSpecSchema, type FederationSpec } from '../../shared/federate-schemas';
import type { ParsedInput } from '../../shared/contract';
import { getJob } from '../db/jobs-repo';
import type { EngineContext } from '../kernel/context';
import { refuseWhileJobRuns } from '../kernel/exports';
import type { HandlerMap } from '../kernel/handler-types';
import { defaultCutoff } from '../models/features';
import { checkFeatures, federationFeatures, LABEL_COLUMN } from './customer-rows';
import { customersWithOrders, deleteFederatedModel, getFederatedModel, listFederatedModels, productCategories } from './federated-repo';

/** Channels of the federation in the app: propose (coordinate + take part), join, accept, and the stored models. */

const FEDERATION_JOBS = new Set(['federate.coordinate', 'federate.participate']);

/** The spec of a proposal: this workspace's customer table, the chosen features, shape, rounds and privacy. */
export function specOf(input: ParsedInput<'federate.propose'>): FederationSpec {
  const types = new Map(federationFeatures().map((f) => [f.name, f.type]));
  const features = input.features.map((name) => ({ name, type: types.get(name) ?? 'numeric' }));
  checkFeatures(features);
  const what = input.label === 'churn' ? 'Churn' : `Buys ${input.category ?? ''}`;
  return federationSpecSchema.parse({
    id: randomUUID(),
    name: input.name ?? `${what} in ${input.horizonDays} days (across offices)`,
    source: { kind: 'customers', label: input.label, horizonDays: input.horizonDays, ...(input.label === 'purchase' ? { category: input.category } : {}) },
    target: LABEL_COLUMN,
    features,
    model: { hidden: input.hidden, localEpochs: input.localEpochs },
    rounds: input.rounds,
    secure: input.secure,
    dp: input.dpEpsilon === null ? null : { epsilon: input.dpEpsilon },
    minOffices: 2,
    seed: randomInt(1, 2 ** 31 - 1),
  });
}

/** How long `federate.propose` waits for the coordinator to start listening and issue its invitations. */
const START_TIMEOUT_MS = 30_000;

/** Waits until the coordinator's job reports its invitations (or fails: its error is this request's). */
async function invitationsOf(ctx: EngineContext, jobId: string) {
  const started = Date.now();
  for (;;) {
    const live = ctx.jobs.live(jobId);
    if (!live) {
      const ended = getJob(ctx.workspace().db, jobId);
      const error = ended?.error;
      if (error) throw new AppError(error.code, error.message, error.details);
      throw new AppError('job-failed', 'The coordinator stopped before it could invite anyone.');
    }
    const federation = live.federation;
    if (federation?.invitations && federation.coordinator) {
      const [host, port] = [federation.coordinator.slice(0, federation.coordinator.lastIndexOf(':')), Number(federation.coordinator.slice(federation.coordinator.lastIndexOf(':') + 1))];
      return { host, port, invitations: federation.invitations };
    }
    if (Date.now() - started > START_TIMEOUT_MS) {
      ctx.jobs.cancel(jobId);
      throw new AppError('job-failed', 'The coordinator did not start within 30 seconds. Try again, or choose another port.');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function refuseSecondFederation(ctx: EngineContext): void {
  if (ctx.jobs.activeKinds().some((kind) => FEDERATION_JOBS.has(kind))) {
    throw new AppError('conflict', 'A federation is already running in this workspace. Let it finish, or cancel it, first.');
  }
}

export const federateHandlers = {
  'federate.features': (_input, ctx) => {
    const db = ctx.workspace().db;
    return { features: federationFeatures(), categories: productCategories(db), customers: customersWithOrders(db) };
  },
  'federate.propose': async (input, ctx) => {
    refuseSecondFederation(ctx);
    refuseWhileJobRuns(ctx.jobs, 'Propose the federation', { reading: true });
    const db = ctx.workspace().db;
    // Refused here (at once) rather than in the job: no orders, or a history too short for the horizon.
    defaultCutoff(db, input.horizonDays);
    if (input.label === 'purchase' && !productCategories(db).includes(input.category ?? '')) {
      throw new AppError('bad-input', `There is no product category "${input.category ?? ''}" in this workspace.`, { field: 'category' });
    }
    const spec = specOf(input);
    const job = ctx.jobs.start('federate.coordinate', `Federated training: ${spec.name}`, { spec, office: input.office, offices: input.offices, host: input.host, port: input.port });
    return { jobId: job.id, ...(await invitationsOf(ctx, job.id)) };
  },
  'federate.join': (input, ctx) => {
    refuseSecondFederation(ctx);
    refuseWhileJobRuns(ctx.jobs, 'Join the federation', { reading: true });
    const office = input.office ?? path.basename(ctx.workspace().dir);
    const job = ctx.jobs.start('federate.participate', `Federated training with other offices (as ${office})`, { code: input.code, office });
    return { jobId: job.id };
  },
  'federate.accept': (input, ctx) => {
    const live = ctx.jobs.live(input.jobId);
    if (!live || live.kind !== 'federate.participate') throw new AppError('not-found', 'There is no federation waiting for your answer.', { field: 'jobId' });
    if (live.federation?.phase !== 'approval') throw new AppError('conflict', 'The federation is not waiting for an answer (its spec has not arrived yet, or it was accepted already).');
    return { accepted: ctx.jobs.agree?.(input.jobId) ?? false };
  },
  'federate.list': (_input, ctx) => ({ models: listFederatedModels(ctx.workspace().db) }),
  'federate.get': (input, ctx) => getFederatedModel(ctx.workspace().db, input.id),
  'federate.delete': (input, ctx) => ({ deleted: deleteFederatedModel(ctx.workspace().db, input.id) }),
} satisfies Partial<HandlerMap>;
