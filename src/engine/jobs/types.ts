import type { JobKind } from '../../shared/contract';
import type { Db } from '../db/open-workspace';
import type { JobControl, JobInputs, JobResults } from '../kernel/jobs';

export type JobFunction<K extends JobKind> = (db: Db, input: JobInputs[K], control: JobControl) => JobResults[K] | Promise<JobResults[K]>;

export type JobFunctions = { [K in JobKind]: JobFunction<K> };
