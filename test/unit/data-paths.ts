import path from 'node:path';

/** The small public data sets kept in the repository (test/data/README.md: source and licence of each). */
export const TEST_DATA = path.resolve('test/data');

/**
 * The folder of the large data sets that are not in the repository (the UCI Online Retail file): `LOCALYST_DATA`,
 * else `../shared/data` beside the project. A test that needs a file from it skips, saying so, when it is absent.
 */
export const LARGE_DATA = path.resolve(process.env.LOCALYST_DATA ?? '../shared/data');
