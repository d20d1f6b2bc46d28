import { AppError } from '../../shared/errors';
import type { HandlerMap } from '../kernel/handler-types';

/**
 * Channels of the synthetic twin. SEAM (issue 14): the job helper replaces these with the real handlers
 * (columns from the source, starting the jobs, reading and deleting trained models).
 */
const notYet = (): never => {
  throw new AppError('not-found', 'The synthetic twin is not built yet.');
};

export const synthHandlers = {
  'synth.columns': notYet,
  'synth.train': notYet,
  'synth.list': () => ({ models: [] }),
  'synth.get': notYet,
  'synth.delete': () => ({ deleted: false }),
  'synth.sample': notYet,
  'synth.workspace': notYet,
} satisfies Partial<HandlerMap>;
