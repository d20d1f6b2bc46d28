import type { RecommendTrainInput } from '../../shared/recommend-schemas';
import type { JobQueue } from '../kernel/jobs';

/** Starts a recommendation training with the title the job tray shows. */
export function startRecommendTraining(jobs: JobQueue, input: RecommendTrainInput): { jobId: string } {
  return { jobId: jobs.start('recommend.train', 'Training product recommendations', input).id };
}
