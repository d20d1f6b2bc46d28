import { openWorkspace } from '../src/engine/db/open-workspace';
import { trainRecommender } from '../src/engine/recommend/train-job';
const ws = await openWorkspace(process.argv[2]!);
const t = performance.now();
const control = { progress: (p: { stage: string; message: string }) => console.log(((performance.now() - t) / 1000).toFixed(1), p.stage, p.message), checkCancelled: () => undefined };
const r = await trainRecommender(ws.db, { seed: 1 }, control as never);
console.log(JSON.stringify(r, null, 1));
console.log('maxRSS MB', process.resourceUsage().maxRSS / 1024);
