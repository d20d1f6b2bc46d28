// BG/NBD (+ Gamma-Gamma) on one million demo customers, through the same code the `clv.train` job runs: read the
// purchase days with SQL, summarise, fit by maximum likelihood, predict P(alive), purchases and 12-month CLV for
// everyone. The demo shop is generated first (its time is reported too, not counted in the fit).
// LOCALYST_BENCH_CUSTOMERS overrides the size (e.g. 100000 for a quick run).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { refreshCustomerMetrics } from '../src/engine/customers/metrics';
import { openWorkspace } from '../src/engine/db/open-workspace';
import { generateDemo } from '../src/engine/demo/generate';
import { fitSource, loadSourceFrom, predictRows } from '../src/engine/models/clv-fit';
import { report, round } from './lib';

const customers = Number(process.env.LOCALYST_BENCH_CUSTOMERS ?? 1_000_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-bench-clv-'));
const noop = { progress: () => undefined, checkCancelled: () => undefined };

const time = <T>(fn: () => T): { value: T; ms: number } => {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: round(performance.now() - t0, 0) };
};

try {
  const ws = await openWorkspace(path.join(dir, 'ws'));
  const demo = time(() => ws.db.transaction(() => { generateDemo(ws.db, { customers, seed: 1 }, noop); refreshCustomerMetrics(ws.db); }).immediate());
  const source = time(() => loadSourceFrom({ unit: 'weeks' }, () => ws.db));
  const rows = source.value.rows;
  const bg = time(() => fitSource(source.value, 'bgnbd'));
  const predictions = time(() => predictRows(source.value, bg.value, 12, { rate: 0.01, per: 'month' }));
  const pareto = time(() => fitSource(source.value, 'pareto'));
  const fit = bg.value.fit;
  report(
    'clv-million',
    [
      { step: `demo shop (${customers.toLocaleString('en-GB')} customers, not part of the fit)`, ms: demo.ms },
      { step: 'read purchase days (SQL) + summarise', ms: source.ms, result: `${rows.length} customers, ${rows.filter((r) => r.x > 0).length} repeat` },
      {
        step: 'BG/NBD + Gamma-Gamma fit',
        ms: bg.ms,
        result: `r ${round(fit.params.r, 4)}, alpha ${round(fit.params.alpha, 4)}, ${'a' in fit.params ? `a ${round(fit.params.a, 4)}, b ${round(fit.params.b, 4)}` : ''}, LL ${round(fit.logLikelihood, 1)}, converged ${fit.converged}`,
        warnings: fit.warnings.length,
      },
      { step: 'predict P(alive), purchases, 12-month CLV for all', ms: predictions.ms, result: `${predictions.value.length} rows` },
      { step: 'Pareto/NBD + Gamma-Gamma fit', ms: pareto.ms, result: `LL ${round(pareto.value.fit.logLikelihood, 1)}, converged ${pareto.value.fit.converged}` },
    ],
    { customers, note: 'Single run (the demo shop takes minutes at this size); the CDNOW fits with repeats are in clv-fit.json.' },
  );
  ws.db.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
