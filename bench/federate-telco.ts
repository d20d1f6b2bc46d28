// Federated training (issue 15) on Telco churn split into three offices by contract type (churn 43 %, 11 %, 3 %):
// the federated model (FedAvg, 20 rounds of 2 local epochs, Adam at 0.002) with and without secure aggregation and with differential
// privacy at several budgets, beside the same network trained centrally and each office alone, all scored on the same
// held-out rows (20 % of every office). Three seeds (held-out split and initial weights); the peer is the central model (the bar: ≥ 0.98 × its AUC).
import path from 'node:path';
import { simulateFederation, type SimulateOptions } from '../src/engine/federate/simulate';
import { loadTf } from '../src/engine/ml/backend';
import { readCsvTable } from '../src/engine/ml/table';
import { report, round } from './lib';

const TELCO = path.resolve('test/data/telco-churn/Telco-Customer-Churn.csv');
const SEEDS = [1, 2, 3];
const { tf, info } = await loadTf();
const table = readCsvTable(TELCO);
const base: SimulateOptions = { target: 'Churn', positive: 'Yes', splitBy: 'Contract', exclude: ['customerID'], rounds: 20, secure: true, seed: 1 };
// Secure aggregation gives the plain sum to float precision (test/unit/federate), so one seed shows it; DP varies.
const settings: Array<{ label: string; options: Partial<SimulateOptions>; seeds: number[] }> = [
  { label: 'secure aggregation', options: {}, seeds: SEEDS },
  { label: 'plain FedAvg', options: { secure: false }, seeds: [1] },
  { label: 'secure + DP ε = 50', options: { dpEpsilon: 50 }, seeds: [1] },
  { label: 'secure + DP ε = 10', options: { dpEpsilon: 10 }, seeds: [1] },
];
const rows: Array<Record<string, unknown>> = [];
for (const setting of settings) {
  for (const seed of setting.seeds) {
    const r = await simulateFederation(tf, table, { ...base, ...setting.options, seed });
    const bestLocal = Math.max(...r.offices.map((o) => o.localAuc));
    rows.push({
      setting: setting.label,
      seed,
      federatedAuc: round(r.federated.aucMean, 4),
      withoutDpAuc: r.federatedWithoutDp ? round(r.federatedWithoutDp.aucMean, 4) : null,
      centralAuc: round(r.central.aucMean, 4),
      ratio: round(r.federated.aucMean / r.central.aucMean, 4),
      bestLocalAuc: round(bestLocal, 4),
      locals: r.offices.map((o) => `${o.name} ${o.localAuc.toFixed(3)}`).join('; '),
      epsilon: r.epsilon === null ? null : round(r.epsilon, 2),
      meetsBar: r.federated.aucMean >= 0.98 * r.central.aucMean && r.federated.aucMean > bestLocal,
      seconds: round(r.seconds, 1),
    });
    console.log(JSON.stringify(rows.at(-1)));
  }
}
report('federate-telco', rows, { backend: info.backend, heldOutShare: 0.2, rounds: 20, localEpochs: 2, hidden: [32] });
