import { AppError } from '../../shared/errors';
import type { HandlerMap } from '../kernel/handler-types';

const notYet = (): never => {
  throw new AppError('internal', 'The encrypted workspace is not built yet (issue 15).');
};

/** Issue 15 seam: the encrypted workspace's channels. */
export const securityHandlers = {
  'workspace.security': notYet,
  'workspace.unlock': notYet,
  'workspace.encrypt': notYet,
  'workspace.decrypt': notYet,
  'workspace.passphrase': notYet,
} satisfies Partial<HandlerMap>;
