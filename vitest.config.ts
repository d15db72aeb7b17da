import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure functions) and `db` (real SQL on PGlite, or on the Postgres
// named by TEST_DATABASE_URL: `npm run test:db:pg`).
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
    ],
  },
});
