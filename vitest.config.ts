import { defineConfig } from 'vitest/config';

// Two projects: `unit` is pure and fast (memfs, fakes); `integration` runs the built CLI
// against real processes, interpreters and temp dirs, so it gets generous hang-catching bounds.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
