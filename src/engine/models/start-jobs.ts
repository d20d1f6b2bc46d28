import type { ClvTrainInput, PropensityTrainInput } from '../../shared/model-schemas';
import type { JobQueue } from '../kernel/jobs';

/** Starts a propensity training job with a title a marketer recognises in the job tray. */
export function startPropensityTraining(jobs: JobQueue, input: PropensityTrainInput): { jobId: string } {
  const what = input.target === 'churn' ? 'churn model' : `purchase model for ${input.category ?? ''}`;
  return { jobId: jobs.start('model.train', `Training ${what} (${input.horizonDays}-day horizon)`, input).id };
}

export function startClvTraining(jobs: JobQueue, input: ClvTrainInput): { jobId: string } {
  const model = input.model === 'pareto' ? 'Pareto/NBD' : 'BG/NBD';
  return { jobId: jobs.start('clv.train', `Fitting lifetime value (${model}, ${input.horizonMonths} months)`, input).id };
}
