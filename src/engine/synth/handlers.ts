import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { SynthSource } from '../../shared/synth-schemas';
import { statInput } from '../ingest/source';
import { archivePath, planExport } from '../kernel/export-archive';
import { checkExportTarget, newExportPath, refuseWhileJobRuns } from '../kernel/exports';
import type { EngineContext } from '../kernel/context';
import type { HandlerMap } from '../kernel/handler-types';
import { detectColumns } from './columns';
import { readSource, sourceLabel } from './source';
import { deleteSynthModel, getSynthModel, listSynthModels, readSynthArtefact, resolveSynthModelId } from './synth-repo';
import { workspaceRefusal } from './workspace-job';

/** Channels of the synthetic twin: the columns of a source, starting its jobs, reading and deleting trained models. */

/** A file source's handle as the path the worker reads; nothing for a workspace source. */
function sourceFile(source: SynthSource, ctx: EngineContext): string | undefined {
  if (source.kind !== 'file') return undefined;
  const file = ctx.files.resolve(source.file, 'read', 'source.file');
  statInput(file);
  return file;
}

export const synthHandlers = {
  'synth.columns': (input, ctx) => {
    const file = sourceFile(input.source, ctx);
    const { label, table } = readSource(ctx.workspace().db, input.source, file);
    return { source: label, rows: table.rows.length, columns: detectColumns(table) };
  },
  'synth.train': (input, ctx) => {
    // It reads one snapshot and writes only its own table at the end: the review analysis after a demo need not finish first.
    refuseWhileJobRuns(ctx.jobs, 'Train the synthetic twin', { reading: true });
    const file = sourceFile(input.source, ctx);
    const job = ctx.jobs.start('synth.train', `Train a synthetic twin of ${sourceLabel(input.source, file)}`, { ...input, ...(file ? { file } : {}) });
    return { jobId: job.id };
  },
  'synth.list': (_input, ctx) => ({ models: listSynthModels(ctx.workspace().db) }),
  'synth.get': (input, ctx) => getSynthModel(ctx.workspace().db, input.id),
  'synth.delete': (input, ctx) => {
    refuseWhileJobRuns(ctx.jobs, 'Delete the model');
    return { deleted: deleteSynthModel(ctx.workspace().db, input.id) };
  },
  'synth.sample': (input, ctx) => {
    refuseWhileJobRuns(ctx.jobs, 'Sample from the twin', { reading: true });
    const db = ctx.workspace().db;
    const modelId = resolveSynthModelId(db, input.modelId);
    const dir = ctx.workspace().dir;
    const chosen = input.file ? ctx.files.resolve(input.file, 'write', 'file') : newExportPath(dir, `synthetic-${modelId}`, input.archive ? '.zip' : '.csv');
    const shown = input.archive ? archivePath(chosen) : chosen;
    checkExportTarget(shown, 'synthetic.csv');
    const { write: target, archive } = planExport(dir, shown, input.archive, '.csv');
    const { archive: _option, ...rest } = input;
    const job = ctx.jobs.start('synth.sample', `Sample ${input.rows.toLocaleString('en')} synthetic rows to ${path.basename(shown)}`, {
      ...rest,
      modelId,
      target,
      ...(archive ? { archive } : {}),
    });
    return { jobId: job.id };
  },
  'synth.workspace': (input, ctx) => {
    refuseWhileJobRuns(ctx.jobs, 'Make the synthetic workspace', { reading: true });
    const db = ctx.workspace().db;
    const modelId = resolveSynthModelId(db, input.modelId);
    const refusal = workspaceRefusal(readSynthArtefact(db, modelId).artefact.source);
    if (refusal) throw new AppError('bad-input', refusal, { field: 'modelId' });
    const folder = path.join(ctx.workspacesHome, input.name);
    // The name schema already refuses separators and dots; this says so again where the folder is made.
    if (path.dirname(folder) !== ctx.workspacesHome) throw new AppError('path-refused', `"${input.name}" is not a plain workspace name.`, { field: 'name' });
    if (fs.existsSync(folder)) throw new AppError('conflict', `A workspace named "${input.name}" already exists. Choose another name.`, { field: 'name' });
    const job = ctx.jobs.start('synth.workspace', `Make the synthetic workspace ${input.name}`, { ...input, modelId, folder });
    return { jobId: job.id };
  },
} satisfies Partial<HandlerMap>;
