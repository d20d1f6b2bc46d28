import type { ImportReport } from '../../shared/import-schemas';
import type { Db } from '../db/open-workspace';
import type { JobQueue } from '../kernel/jobs';
import { readSettings } from '../workspace/settings';
import type { ClvArtefact } from './model-jobs';
import { activeModels, readModelArtefact } from './model-repo';
import { startClvTraining, startPropensityTraining } from './start-jobs';
import { startRecommendTraining } from '../recommend/start-job';

/**
 * With "retrain after each import" on, an import that changed data starts a training job for every active model,
 * with the settings that model was trained with (a new version; the lab can roll back to the old one).
 */
export function retrainAfterImport(db: Db, jobs: JobQueue, result: unknown): void {
  const report = result as Partial<ImportReport> | undefined;
  if (report?.outcome !== 'imported') return;
  if (!readSettings(db).retrainAfterImport) return;
  for (const card of activeModels(db)) {
    // Review sentiment is learned again when the reviews are analysed (reviews/sentiment.ts), not here.
    if (card.kind === 'sentiment') continue;
    if (card.kind === 'recommend') {
      // The cutoff is chosen again for the new data (the default leaves the latest tenth of orders for testing).
      startRecommendTraining(jobs, { seed: 1 });
    } else if (card.kind === 'clv') {
      const { model, horizonMonths, discountRate, discountPer } = readModelArtefact<ClvArtefact>(db, card.id);
      startClvTraining(jobs, { model, horizonMonths, discountRate, discountPer });
    } else {
      const horizonDays = card.dataWindow.horizonDays ?? 90;
      const folds = card.propensity?.aucFolds.length ?? 5;
      startPropensityTraining(jobs, card.kind === 'churn' ? { target: 'churn', horizonDays, folds, seed: 1 } : { target: 'purchase', category: card.category ?? '', horizonDays, folds, seed: 1 });
    }
  }
}
