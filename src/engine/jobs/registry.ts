import { exportCampaign } from '../campaigns/export';
import { fitUplift } from '../campaigns/uplift';
import { generateCopy } from '../copy/generate-job';
import { exportCustomers } from '../customers/export';
import { healthJob } from '../customers/health';
import { refreshCustomerMetrics } from '../customers/metrics';
import { generateDemo } from '../demo/generate';
import { runImport } from '../ingest/run-import';
import { simulateJob } from '../federate/simulate-job';
import { trainTableJob } from '../ml/train-table-job';
import { trainTextTableJob } from '../text/train-table-job';
import { scoreWithModel, trainClv, trainPropensity } from '../models/model-jobs';
import { trainRecommender } from '../recommend/train-job';
import { analyzeReviews } from '../reviews/analyze-job';
import { sampleSynth } from '../synth/sample-job';
import { trainSynth } from '../synth/train-job';
import { buildSynthWorkspace } from '../synth/workspace-job';
import { coordinateFederation, participateInFederation } from '../federate/federation-jobs';
import { exportSegment } from '../segments/export';
import { discoverSegments } from '../segments/discover';
import { recordSegmentSizes } from '../segments/segments-repo';
import path from 'node:path';
import { archived } from '../kernel/export-archive';
import type { JobFunctions } from './types';
import { convertWorkspace } from '../workspace/convert-job';

/** Every kind of job and the function that does its work inside a worker thread. */
export const jobFunctions: JobFunctions = {
  'demo.generate': (db, input, control) =>
    // One transaction: the shop and the customer figures derived from it land together or not at all.
    db
      .transaction(() => {
        const result = generateDemo(db, input, control);
        control.progress({ fraction: 0.99, stage: 'Updating figures', message: 'Recomputing customer figures' });
        refreshCustomerMetrics(db);
        control.checkCancelled();
        return result;
      })
      .immediate(),
  'import.run': runImport,
  'customers.export': archived(exportCustomers, (result, zip) => ({ ...result, file: zip, fileName: path.basename(zip) })),
  'model.train': trainPropensity,
  'clv.train': trainClv,
  'model.score': scoreWithModel,
  'model.trainTable': trainTableJob,
  'text.trainTable': trainTextTableJob,
  'segments.export': archived(exportSegment, (result, zip) => ({ ...result, file: zip, fileName: path.basename(zip) })),
  'segments.discover': discoverSegments,
  'copy.generate': generateCopy,
  'campaigns.export': archived(exportCampaign, (result, zip) => ({ ...result, folder: zip })),
  'campaigns.uplift': fitUplift,
  'customers.health': healthJob,
  'recommend.train': trainRecommender,
  'reviews.analyze': (db, _input, control) => analyzeReviews(db, {}, control),
  'synth.train': (db, input, control) => trainSynth(db, input, control),
  'synth.sample': archived(sampleSynth, (result, zip) => ({ ...result, file: zip, encrypted: true })),
  'synth.workspace': (db, input, control) => buildSynthWorkspace(db, input, control),
  'federate.simulate': simulateJob,
  'workspace.encrypt': convertWorkspace,
  'workspace.decrypt': convertWorkspace,
  'federate.coordinate': (db, input, control) => coordinateFederation(db, input, control),
  'federate.participate': (db, input, control) => participateInFederation(db, input, control),
  'segments.sizes': (db, input, control) => {
    control.progress({ fraction: 0.1, stage: 'Counting', message: 'Counting every saved segment after the import' });
    return { segments: recordSegmentSizes(db, input.reason) };
  },
};
