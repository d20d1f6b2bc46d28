// One recommendation training on an existing workspace, in its own process so its peak memory is its own
// (recommend-train.ts runs it once per data set). Prints one JSON line: the job's result, wall and CPU seconds, peak RSS.
import { openWorkspace } from '../src/engine/db/open-workspace';
import { trainRecommender } from '../src/engine/recommend/train-job';

const [folder] = process.argv.slice(2);
if (!folder) throw new Error('usage: _recommend-train-once WORKSPACE_FOLDER');
const stages: Array<{ stage: string; at: number }> = [];
const started = performance.now();
const control = {
  progress: (p: { stage: string }) => {
    if (p.stage && stages.at(-1)?.stage !== p.stage) stages.push({ stage: p.stage, at: Math.round(performance.now() - started) / 1000 });
  },
  checkCancelled: () => undefined,
};
const ws = await openWorkspace(folder);
const cpu = process.cpuUsage();
const result = await trainRecommender(ws.db, { seed: 1 }, control);
const used = process.cpuUsage(cpu);
ws.db.close();
console.log(
  JSON.stringify({
    result,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    stages,
  }),
);
