import { use } from 'react';
import { JobsContext, type JobsContextValue } from './JobsProvider';

export function useJobs(): JobsContextValue {
  const value = use(JobsContext);
  if (!value) throw new Error('useJobs must be used inside <JobsProvider>');
  return value;
}
