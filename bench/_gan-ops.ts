// Kernels of GAN training steps on Adult, by count and time (tf.profile): for finding per-step overhead.
import path from 'node:path';
import { loadTf } from '../src/engine/ml/backend';
import { readCsvTable } from '../src/engine/ml/table';
import { fitGan, GAN_DEFAULTS } from '../src/engine/synth/gan';
import { rawToSynthData } from '../src/engine/synth/raw';
import { ADULT_ROLES } from '../test/unit/synth/reports-fixtures';

const { tf } = await loadTf();
const real = rawToSynthData(readCsvTable(path.resolve('test/data/adult/adult_sdgym_train.csv')), [...ADULT_ROLES]);
const rows = 2000;
const batchSize = Number(process.env.GAN_BATCH ?? GAN_DEFAULTS.batchSize);
const small = { rows, columns: real.columns.map((c) => (c.kind === 'categorical' ? { ...c, codes: c.codes.slice(0, rows) } : { ...c, values: c.values.slice(0, rows) })) };
const info = await tf.profile(() => fitGan(tf, small, { epochs: 1, seed: 1, batchSize }, { onProgress: () => undefined, checkCancelled: () => undefined }).then(() => tf.scalar(0)));
const by = new Map<string, { n: number; ms: number }>();
for (const k of info.kernels) {
  const e = by.get(k.name) ?? { n: 0, ms: 0 };
  e.n += 1;
  e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
  by.set(k.name, e);
}
const steps = Math.floor(rows / batchSize);
console.log('kernels per step', (info.kernels.length / steps).toFixed(0), 'kernel ms per step', ([...by.values()].reduce((s, e) => s + e.ms, 0) / steps).toFixed(1));
for (const [name, e] of [...by.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30)) console.log(name.padEnd(28), (e.n / steps).toFixed(0).padStart(5), (e.ms / steps).toFixed(2).padStart(8));
