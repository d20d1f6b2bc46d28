import type { Channel } from '../shared/contract';
import type { HandlerMap } from './kernel/handler-types';
import type { AfterJobs } from './kernel/jobs';
import { appHandlers } from './app/handlers';
import { campaignsHandlers } from './campaigns/handlers';
import { analyticsHandlers } from './analytics/handlers';
import { copyHandlers } from './copy/handlers';
import { copyLibraryHandlers } from './copy/library-handlers';
import { copyLlmHandlers } from './copy/llm/handlers';
import { customersHandlers } from './customers/handlers';
import { demoHandlers } from './demo/handlers';
import { federateSimulateHandlers } from './federate/simulate-handlers';
import { ingestAfterJobs, ingestHandlers } from './ingest/handlers';
import { jobsHandlers } from './jobs/handlers';
import { mlHandlers } from './ml/handlers';
import { modelsAfterJobs, modelsHandlers } from './models/handlers';
import { recommendHandlers } from './recommend/handlers';
import { recommendReadHandlers } from './recommend/read-handlers';
import { synthHandlers } from './synth/handlers';
import { federateHandlers } from './federate/handlers';
import { reviewsAfterJobs, reviewsHandlers } from './reviews/handlers';
import { segmentsAfterJobs, segmentsHandlers } from './segments/handlers';
import { segmentInsightHandlers } from './segments/insight-handlers';
import { textHandlers } from './text/handlers';
import { workspaceHandlers } from './workspace/handlers';
import { securityHandlers } from './workspace/security-handlers';

const union = {
  ...appHandlers,
  ...workspaceHandlers,
  ...securityHandlers,
  ...analyticsHandlers,
  ...jobsHandlers,
  ...demoHandlers,
  ...ingestHandlers,
  ...customersHandlers,
  ...modelsHandlers,
  ...mlHandlers,
  ...textHandlers,
  ...segmentsHandlers,
  ...segmentInsightHandlers,
  ...copyHandlers,
  ...copyLibraryHandlers,
  ...copyLlmHandlers,
  ...campaignsHandlers,
  ...recommendHandlers,
  ...recommendReadHandlers,
  ...synthHandlers,
  ...federateSimulateHandlers,
  ...federateHandlers,
  ...reviewsHandlers,
};

/** Every channel has a handler (a missing one fails here)… */
export const handlers: HandlerMap = union;

/** …and every handler has a channel (an extra one fails here). */
type Extra = Exclude<keyof typeof union, Channel>;
const noExtraHandlers: [Extra] extends [never] ? true : { handlersWithoutChannel: Extra } = true;
void noExtraHandlers;

/** What domains do after another's job succeeds (retraining and segment sizes after an import), in this order. */
export const afterJobs: readonly AfterJobs[] = [ingestAfterJobs, modelsAfterJobs, segmentsAfterJobs, reviewsAfterJobs];
