import type { JobControl } from '../kernel/jobs';

/** Items between cancel checks and progress reports: a few milliseconds of work at most, at every stage. */
export const CHECK_EVERY = 100;

export type DemoStage = 'Products' | 'Customers' | 'Orders' | 'Reviews' | 'Campaigns';

// Each stage's slice of the whole job, in proportion to its measured share of the time (100,000 customers:
// customers 22 %, orders 52 %, reviews 4 %, campaign assignments and results 16 %, the final commit the rest).
const SLICES: Record<DemoStage, readonly [number, number]> = {
  Products: [0, 0.01],
  Customers: [0.01, 0.23],
  Orders: [0.23, 0.75],
  Reviews: [0.75, 0.79],
  Campaigns: [0.79, 0.95],
};

const MESSAGES: Record<DemoStage, (done: string, total: string) => string> = {
  Products: (_done, total) => `${total} products`,
  Customers: (done, total) => `${done} of ${total} customers`,
  Orders: (done, total) => `Orders, returns and reviews of ${done} of ${total} customers`,
  Reviews: (done, total) => `${done} of ${total} review texts`,
  Campaigns: (done, total) => `${done} of ${total} campaign sends`,
};

/** A checkpoint for a stage's loop: throws if the user cancelled, then reports how far the stage has come. */
export type Checkpoint = (done: number, rowsDone: number) => void;

export function createCheckpoint(control: JobControl, stage: DemoStage, total: number): Checkpoint {
  const [from, to] = SLICES[stage];
  const of = total.toLocaleString('en');
  return (done, rowsDone) => {
    control.checkCancelled();
    control.progress({
      fraction: from + ((to - from) * done) / Math.max(1, total),
      stage,
      message: MESSAGES[stage](done.toLocaleString('en'), of),
      rowsDone,
    });
  };
}
