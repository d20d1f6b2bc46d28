// Only used when the engine runs from TypeScript sources (unit tests): registers tsx, then loads the real worker.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
