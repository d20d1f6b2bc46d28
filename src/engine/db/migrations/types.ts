/** A numbered schema step: SQL run once, in order, inside the migration transaction. */
export type Migration = {
  version: number;
  name: string;
  up: string;
};
