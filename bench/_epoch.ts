// Seconds per epoch of the GAN on the whole Adult training set (no validation): for measuring step speed-ups.
import path from 'node:path';
import { loadTf } from '../src/engine/ml/backend';
import { readCsvTable } from '../src/engine/ml/table';
import { fitGan } from '../src/engine/synth/gan';
import { rawToSynthData } from '../src/engine/synth/raw';
import { ADULT_ROLES } from '../test/unit/synth/reports-fixtures';

const { tf, info } = await loadTf();
const backend = info.backend;
const real = rawToSynthData(readCsvTable(path.resolve('test/data/adult/adult_sdgym_train.csv')), [...ADULT_ROLES]);
const batchSize = Number(process.env.GAN_BATCH ?? 100);
const epochs = Number(process.env.GAN_EPOCHS ?? 3);
let last = performance.now();
const times: number[] = [];
const dp = process.env.GAN_DP_EPS ? { dp: { epsilon: Number(process.env.GAN_DP_EPS), delta: 1 / (10 * real.rows) } } : {};
const fit = await fitGan(tf, real, { epochs, seed: 1, batchSize, ...dp }, {
  onProgress: () => undefined,
  checkCancelled: () => undefined,
  onEpoch: (e) => {
    const now = performance.now();
    times.push((now - last) / 1000);
    last = now;
    console.log(`epoch ${e.epoch}: G ${e.generator.toFixed(4)} D ${e.discriminator.toFixed(4)} ${times.at(-1)?.toFixed(2)} s`);
  },
});
console.log(backend, 'dp', fit.dp, 'batch', batchSize, 'mean s/epoch after the first', (times.slice(1).reduce((a, b) => a + b, 0) / Math.max(1, times.length - 1)).toFixed(2), 'epochs', fit.epochs);
