import type { DemoResult } from '../../shared/contract';
import type { ImportReport } from '../../shared/import-schemas';
import { AppError } from '../../shared/errors';
import type { HandlerMap } from '../kernel/handler-types';
import type { AfterJobs, JobQueue } from '../kernel/jobs';
import { readOverview, readThemeQuotes, readThemes } from './reviews-repo';

const TITLE = 'Analysing reviews (sentiment and themes)';

/** Starts the reviews.analyze job unless one is already running. */
function startAnalysis(jobs: JobQueue): { jobId: string } {
  return { jobId: jobs.start('reviews.analyze', TITLE, {}).id };
}

export const reviewsHandlers = {
  'reviews.analyze': (_input, ctx) => {
    if (ctx.workspace().db.prepare('SELECT 1 FROM reviews LIMIT 1').get() === undefined) {
      throw new AppError('bad-input', 'This workspace has no reviews yet. Import a reviews file (or create a demo shop) first.', { field: 'reviews' });
    }
    return startAnalysis(ctx.jobs);
  },
  'reviews.overview': (input, ctx) => readOverview(ctx.workspace().db, input.filter),
  'reviews.themes': (input, ctx) => readThemes(ctx.workspace().db, input.filter, input.limit),
  'reviews.quotes': (input, ctx) => readThemeQuotes(ctx.workspace().db, input),
} satisfies Partial<HandlerMap>;

/** New reviews (an import of reviews, a demo shop) are analysed at once, so the reviews view and segments are current. */
export const reviewsAfterJobs: AfterJobs = {
  'import.run': (_db, jobs, report: ImportReport) => {
    if (report.outcome === 'imported' && report.kind === 'reviews' && report.inserted + report.updated > 0) startAnalysis(jobs);
  },
  'demo.generate': (_db, jobs, result: DemoResult) => {
    if (result.reviews > 0) startAnalysis(jobs);
  },
};
