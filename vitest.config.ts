import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    globalSetup: ['test/unit/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
