import { generateDemo } from '../demo/generate';
import type { JobFunctions } from './types';

/** Every kind of job and the function that does its work inside a worker thread. */
export const jobFunctions: JobFunctions = {
  'demo.generate': generateDemo,
};
