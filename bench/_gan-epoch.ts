// Time of GAN training epochs on Adult (SDGym's 22,561 training rows), no validation: for comparing changes to the
// training step (run-all leaves out files starting with _). EPOCHS (default 1) epochs, seed 1; BATCH; DP_EPS=ε trains
// with DP-SGD within that budget.
import path from 'node:path';
import { loadTf } from '../src/engine/ml/backend';
import { readCsvTable } from '../src/engine/ml/table';
import { fitGan } from '../src/engine/synth/gan';
import { rawToSynthData } from '../src/engine/synth/raw';
import { ADULT_ROLES } from '../test/unit/synth/reports-fixtures';

const { tf, info } = await loadTf();
const real = rawToSynthData(readCsvTable(path.resolve('test/data/adult/adult_sdgym_train.csv')), [...ADULT_ROLES]);
const epochs = Number(process.env.EPOCHS ?? 1);
const t = performance.now();
const dp = process.env.DP_EPS ? { dp: { epsilon: Number(process.env.DP_EPS), delta: 1 / (10 * real.rows) } } : {};
const fit = await fitGan(tf, real, { epochs, seed: 1, ...dp, ...(process.env.BATCH ? { batchSize: Number(process.env.BATCH) } : {}) }, { onProgress: () => undefined, checkCancelled: () => undefined });
const seconds = (performance.now() - t) / 1000;
console.log(JSON.stringify({ backend: info.backend, epochs, secondsPerEpoch: +(seconds / epochs).toFixed(2), losses: fit.history.map((h) => [+h.generator.toFixed(4), +h.discriminator.toFixed(4)]) }));
