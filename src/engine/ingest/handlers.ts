import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { HandlerMap } from '../kernel/handler-types';
import type { AfterJobs } from '../kernel/jobs';
import { deleteImportedUpload } from './uploads';
import { listImports, undoImport } from './history-repo';
import { describeSniffed } from './inspect';
import { deleteMapping, listMappings } from './mappings-repo';
import { previewFromSource } from './preview';
import { previewSourceInWorker, sniffInWorker } from './read-in-worker';
import { statInput } from './source';

export const ingestHandlers = {
  // The file is read in a worker with its own memory limit; only the small result touches the workspace.
  // The answer names the handle again, so the next step (preview, start) carries the same choice.
  'import.inspect': async (input, ctx) => {
    const file = ctx.files.resolve(input.file, 'read', 'file');
    const overrides = input.overrides ?? {};
    const sniffed = await sniffInWorker(file, overrides);
    return { ...describeSniffed(ctx.workspace().db, file, input.kind, overrides, sniffed), file: input.file };
  },
  'import.preview': async (input, ctx) => {
    const request = { ...input, file: ctx.files.resolve(input.file, 'read', 'file') };
    const source = await previewSourceInWorker(request.file, request.overrides);
    return previewFromSource(ctx.workspace().db, request, source);
  },
  'import.start': (input, ctx) => {
    const file = ctx.files.resolve(input.file, 'read', 'file');
    statInput(file);
    if (ctx.jobs.activeCount > 0) {
      throw new AppError('conflict', 'Another job is writing to this workspace. Wait for it to finish or cancel it first.');
    }
    const job = ctx.jobs.start('import.run', `${input.dryRun ? 'Check' : 'Import'} ${path.basename(file)}`, { ...input, file });
    return { jobId: job.id };
  },
  'import.history': (_input, ctx) => ({ imports: listImports(ctx.workspace().db) }),
  'import.undo': (input, ctx) => {
    if (ctx.jobs.activeCount > 0) throw new AppError('conflict', 'A job is writing to this workspace. Undo when it has finished.');
    const result = undoImport(ctx.workspace().db, input.importId);
    ctx.emit('workspace.changed', { path: ctx.workspace().dir, reason: 'data' });
    return result;
  },
  'mappings.list': (input, ctx) => ({ mappings: listMappings(ctx.workspace().db, input.kind) }),
  'mappings.delete': (input, ctx) => ({ deleted: deleteMapping(ctx.workspace().db, input.name) }),
} satisfies Partial<HandlerMap>;

/** An upload in `incoming/` has served its purpose once imported: deleted, so the data lives only in the workspace. */
export const ingestAfterJobs: AfterJobs = { 'import.run': (db, _jobs, report) => void deleteImportedUpload(path.dirname(db.name), report) };
