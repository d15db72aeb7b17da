import { defineConfig } from 'vitest/config';

// Projects: `unit` (pure functions), `db` (real SQL on PGlite, or on the Postgres named by
// TEST_DATABASE_URL: `npm run test:db:pg`) and `cli` (the staff commands as processes, on PGlite).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'db',
          include: ['tests/db/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      { test: { name: 'cli', include: ['tests/cli/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 } },
    ],
  },
});
