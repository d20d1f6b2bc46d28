import type { DemoInput, DemoResult } from '../../shared/contract';
import type { Db } from '../db/open-workspace';
import type { JobControl } from '../jobs/types';

/** Fills an empty workspace with a realistic, seeded demo shop (implemented in the demo generator change). */
export function generateDemo(_db: Db, _input: DemoInput, _control: JobControl): DemoResult {
  throw new Error('demo generator pending');
}
