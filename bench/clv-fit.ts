// Lifetime-value model fits on the whole CDNOW master file (23,570 customers, 69,659 transactions): summary,
// BG/NBD, Pareto/NBD and Gamma-Gamma fit times, and 12-month CLV for every customer. If the Python `lifetimes`
// library is importable, it is timed on the same summary in the same run for comparison.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bgNbdModel, fitBgNbd } from '../src/engine/models/clv/bg-nbd';
import { lifetimeValues } from '../src/engine/models/clv/clv';
import { groupRows } from '../src/engine/models/clv/fit-data';
import { fitGammaGamma, gammaGammaExpectedSpend } from '../src/engine/models/clv/gamma-gamma';
import { fitParetoNbd } from '../src/engine/models/clv/pareto-nbd';
import { summariseTransactions, type Transaction } from '../src/engine/models/clv/summary';
import { percentile, report, round } from './lib';

const RUNS = 3;
const MASTER = path.resolve('test/data/cdnow/CDNOW_master.txt');
const CALIBRATION_END = '1997-09-30';

const transactions: Transaction[] = fs
  .readFileSync(MASTER, 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [id, d, , dollars] = line.trim().split(/\s+/) as [string, string, string, string];
    return { customerId: id, date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, value: Number(dollars) };
  });

function timed<T>(fn: () => T): { value: T; ms: number[] } {
  const ms: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    value = fn();
    ms.push(performance.now() - t0);
  }
  return { value: value as T, ms };
}

const summary = timed(() => summariseTransactions(transactions, { calibrationEnd: CALIBRATION_END, unit: 'weeks' }));
const rows = summary.value;
const bg = timed(() => fitBgNbd(rows));
const pareto = timed(() => fitParetoNbd(rows));
const gg = timed(() => fitGammaGamma(rows));
const clv = timed(() =>
  lifetimeValues(bgNbdModel(bg.value), rows, (r) => gammaGammaExpectedSpend(gg.value, r.x, r.monetary) ?? 0, {
    months: 12,
    discount: { rate: 0.01, per: 'month' },
    unit: 'weeks',
  }),
);

const median = (ms: number[]): number => round(percentile(ms, 50), 1);
const out: Array<Record<string, unknown>> = [
  { step: `summary (calibration end ${CALIBRATION_END}, weeks)`, medianMs: median(summary.ms), runs: RUNS, result: `${rows.length} customers, ${rows.filter((r) => r.x > 0).length} repeat` },
  {
    step: 'BG/NBD fit',
    medianMs: median(bg.ms),
    runs: RUNS,
    result: `r ${round(bg.value.r, 4)}, alpha ${round(bg.value.alpha, 4)}, a ${round(bg.value.a, 4)}, b ${round(bg.value.b, 4)}, LL ${round(bg.value.logLikelihood, 2)}`,
    iterations: bg.value.iterations,
    converged: bg.value.converged,
  },
  {
    step: 'Pareto/NBD fit',
    medianMs: median(pareto.ms),
    runs: RUNS,
    result: `r ${round(pareto.value.r, 4)}, alpha ${round(pareto.value.alpha, 4)}, s ${round(pareto.value.s, 4)}, beta ${round(pareto.value.beta, 4)}, LL ${round(pareto.value.logLikelihood, 2)}`,
    iterations: pareto.value.iterations,
    converged: pareto.value.converged,
  },
  {
    step: 'Gamma-Gamma fit',
    medianMs: median(gg.ms),
    runs: RUNS,
    result: `p ${round(gg.value.p, 4)}, q ${round(gg.value.q, 4)}, v ${round(gg.value.v, 4)} on ${gg.value.customers} repeat customers`,
    iterations: gg.value.iterations,
    converged: gg.value.converged,
  },
  { step: '12-month CLV, every customer (BG/NBD + Gamma-Gamma)', medianMs: median(clv.ms), runs: RUNS, result: `total ${round(clv.value.reduce((s, r) => s + r.clv, 0), 0)}` },
];

// The lifetimes library, if this machine has it: same summary, same models, timed in one Python process.
const probe = spawnSync('python3', ['-c', 'import lifetimes, sys; sys.stdout.write(lifetimes.__version__)'], { encoding: 'utf8' });
let lifetimes: Record<string, unknown>;
if (probe.status === 0) {
  const csv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-clv-')), 'summary.csv');
  fs.writeFileSync(csv, `frequency,recency,T,monetary_value\n${rows.map((r) => `${r.x},${r.tx},${r.T},${r.monetary}`).join('\n')}\n`);
  const script = `
import json, time, pandas as pd
from lifetimes import BetaGeoFitter, ParetoNBDFitter, GammaGammaFitter
d = pd.read_csv(${JSON.stringify(csv)})
out = {}
for name, make in [('bgnbd', BetaGeoFitter), ('pareto', ParetoNBDFitter)]:
    t0 = time.perf_counter(); m = make().fit(d['frequency'], d['recency'], d['T']); out[name] = {'ms': (time.perf_counter() - t0) * 1000, 'params': {k: float(v) for k, v in m.params_.items()}}
r = d[d['frequency'] > 0]
t0 = time.perf_counter(); g = GammaGammaFitter().fit(r['frequency'], r['monetary_value']); out['gammagamma'] = {'ms': (time.perf_counter() - t0) * 1000, 'params': {k: float(v) for k, v in g.params_.items()}}
print(json.dumps(out))`;
  const res = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
  lifetimes = res.status === 0 ? { available: true, version: probe.stdout, results: JSON.parse(res.stdout) as unknown } : { available: true, version: probe.stdout, error: res.stderr.slice(-500) };
} else {
  lifetimes = {
    available: false,
    note: 'The Python lifetimes library is not installed on this machine (python3 -c "import lifetimes" fails) and PyPI is not reachable from here, so it was not timed. Its published CDNOW parameters are reproduced by the unit tests instead.',
  };
}

report('clv-fit', out, {
  data: { file: 'CDNOW_master.txt', transactions: transactions.length, customers: rows.length, distinctHistories: groupRows(rows).length },
  lifetimes,
});
