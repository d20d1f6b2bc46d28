// The Gaussian-copula twin of Adult (SDGym split: 22,561 training rows, 10,000 test rows): fit and sampling speed,
// machine-learning efficacy with Localyst's propensity trainer (real vs twin, tested on the real test rows) beside
// scikit-learn's logistic regression on the same rows (bench/synth-adult.py), and the privacy report.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { loadTf } from '../src/engine/ml/backend';
import { readCsvTable } from '../src/engine/ml/table';
import { fitCopula, readCopula, sampleCopula } from '../src/engine/synth/copula';
import { efficacyReport } from '../src/engine/synth/efficacy';
import { dropExactCopies, privacyReport } from '../src/engine/synth/privacy';
import { rawToSynthData, selectSynthRows, synthToRawTable } from '../src/engine/synth/raw';
import { ADULT_ROLES } from '../test/unit/synth/reports-fixtures';
import { report, round } from './lib';

const dir = path.resolve('test/data/adult');
const trainFile = path.join(dir, 'adult_sdgym_train.csv');
const testFile = path.join(dir, 'adult_sdgym_test.csv');
const trainRaw = readCsvTable(trainFile);
const testRaw = readCsvTable(testFile);
const both = rawToSynthData({ columns: trainRaw.columns, rows: [...trainRaw.rows, ...testRaw.rows] }, [...ADULT_ROLES]);
const nTrain = trainRaw.rows.length;
const train = selectSynthRows(both, Int32Array.from({ length: nTrain }, (_, i) => i));
const test = selectSynthRows(both, Int32Array.from({ length: testRaw.rows.length }, (_, i) => nTrain + i));

let t = performance.now();
const artefact = fitCopula(train, { seed: 1 });
const fitSeconds = (performance.now() - t) / 1000;
t = performance.now();
const sampled = sampleCopula(artefact, nTrain, 2);
const sampleSeconds = (performance.now() - t) / 1000;
const { data: twin, dropped } = dropExactCopies(train, sampled);

const { tf, info } = await loadTf();
t = performance.now();
const efficacy = await efficacyReport(tf, train, twin, test, { column: 'label', positive: '>50K' }, 1);
const efficacySeconds = (performance.now() - t) / 1000;
t = performance.now();
const privacy = privacyReport(train, test, twin, { seed: 1, exactCopies: dropped, dp: null });
const privacySeconds = (performance.now() - t) / 1000;

const twinFile = path.join(os.tmpdir(), 'localyst-adult-copula-twin.csv');
const rawTwin = synthToRawTable(twin);
fs.writeFileSync(twinFile, Papa.unparse({ fields: rawTwin.columns, data: rawTwin.rows }));
/** The first python3 that can import scikit-learn (a virtual environment's may lack it; the system's may have it). */
const python = ['python3', '/usr/bin/python3'].find((candidate) => spawnSync(candidate, ['-c', 'import sklearn']).status === 0);
const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };
type Scores = { accuracy: number; f1: number; auc: number };
const sklearn = python ? (JSON.parse(execFileSync(python, ['bench/synth-adult.py', trainFile, testFile, twinFile], { encoding: 'utf8', env })) as Record<'real' | 'synthetic', Scores>) : null;

const row = (who: string, data: string, s: { accuracy: number; f1: number; auc: number | null }) => ({ model: who, trainedOn: data, accuracy: round(s.accuracy), f1: round(s.f1), auc: s.auc === null ? null : round(s.auc) });
report(
  'synth-copula',
  [
    row('Localyst propensity trainer', 'real', efficacy.real),
    row('Localyst propensity trainer', 'copula twin', efficacy.synthetic),
    ...(sklearn ? [row('scikit-learn LogisticRegression', 'real', sklearn.real), row('scikit-learn LogisticRegression', 'copula twin', sklearn.synthetic)] : []),
  ],
  {
    backend: info.backend,
    trainRows: nTrain,
    testRows: test.rows,
    fitSeconds: round(fitSeconds),
    sampleRowsPerSecond: Math.round(nTrain / sampleSeconds),
    efficacySeconds: round(efficacySeconds),
    privacySeconds: round(privacySeconds),
    marginals: readCopula(artefact).columns.flatMap((c) => (c.kind === 'categorical' ? [] : [{ column: c.name, marginal: c.why }])),
    privacy: { verdict: privacy.verdict, exactCopies: privacy.exactCopies, membershipAuc: round(privacy.membershipAuc), ...Object.fromEntries(Object.entries(privacy.dcr).filter(([k]) => k !== 'bins').map(([k, v]) => [k, round(v as number, 4)])), reasons: privacy.reasons },
  },
);
console.log(`fit ${round(fitSeconds)} s, sampling ${Math.round(nTrain / sampleSeconds)} rows/s, privacy ${privacy.verdict} (${round(privacySeconds)} s)`);
