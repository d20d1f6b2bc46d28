import { describe, expect, it } from 'vitest';
import { simulateFederation } from '../../../src/engine/federate/simulate';
import { loadTf } from '../../../src/engine/ml/backend';
import { readCsvTable } from '../../../src/engine/ml/table';
import { simulateResultSchema } from '../../../src/shared/federate-schemas';
import { TELCO } from '../ml/telco';

// Issue 15's must-show: Telco split into three offices by contract type (churn 43 %, 11 %, 3 %: far from IID). The
// federated model, trained with secure aggregation, is scored beside the same network trained on all training rows
// in one place and beside each office's own model, all on the same held-out rows (20 % of every office, stratified).
describe('federated training on Telco split by contract type', () => {
  it('reaches at least 0.98 × the central AUC and beats every office alone', async () => {
    const { tf } = await loadTf();
    const table = readCsvTable(TELCO);
    const result = await simulateFederation(tf, table, { target: 'Churn', positive: 'Yes', splitBy: 'Contract', exclude: ['customerID'], rounds: 20, secure: true, seed: 1 });
    console.log(
      `Telco federated: AUC ${result.federated.aucMean.toFixed(4)}, central ${result.central.aucMean.toFixed(4)} ` +
        `(ratio ${(result.federated.aucMean / result.central.aucMean).toFixed(4)}), offices alone ${result.offices.map((o) => `${o.name} ${o.localAuc.toFixed(4)}`).join(', ')}; ` +
        `${result.heldOutRows} held-out rows, ${result.seconds.toFixed(1)} s on ${result.backend}`,
    );
    expect(() => simulateResultSchema.parse(result)).not.toThrow();
    expect(result.offices.map((o) => o.name)).toEqual(['Month-to-month', 'Two year', 'One year']);
    expect(result.offices.reduce((s, o) => s + o.rows, 0) + result.heldOutRows).toBe(7043);
    expect(result.heldOutRows).toBe(1408);
    expect(result).toMatchObject({ rounds: 20, secure: true, epsilon: null, restarts: 0 });
    expect(result.federated.aucMean).toBeGreaterThanOrEqual(0.98 * result.central.aucMean);
    for (const office of result.offices) expect(result.federated.aucMean).toBeGreaterThan(office.localAuc);
    // The central model is a real churn model on this file (a logistic regression reaches about 0.845).
    expect(result.central.aucMean).toBeGreaterThan(0.82);
    // The training loss the offices report falls over the rounds.
    const losses = (result.history ?? []).map((h) => h.trainLoss as number);
    expect(losses.at(-1)).toBeLessThan(losses[0] as number);
  }, 180_000);
});
