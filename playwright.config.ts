import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './tests/e2e/chromium.ts';

// The e2e suite starts the real portal (`npm start`) on a fresh embedded database of its own.
const PORT = Number(process.env['E2E_PORT'] ?? 4391);
const DATA_DIR = `.data-e2e-${PORT}`;
// Each port gets its own build folder too, so parallel runs never rebuild each other's dist/.
const DIST_DIR = `.dist-e2e-${PORT}`;
process.env['DIST_DIR'] = path.resolve(import.meta.dirname, DIST_DIR);
process.env['E2E_DATA_DIR'] = path.resolve(import.meta.dirname, DATA_DIR);
const executablePath = chromiumExecutable();

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  reporter: process.env['CI'] ? 'list' : 'line',
  use: {
    baseURL: `http://localhost:${PORT}`,
    launchOptions: { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) },
  },
  webServer: {
    // plant-private.ts prepares the demo city and plants personal data in every private table (privacy.spec.ts).
    command: `rm -rf ${DATA_DIR} && tsx tests/e2e/plant-private.ts && tsx src/cli/start.ts`,
    url: `http://localhost:${PORT}/`,
    env: { PORT: String(PORT), GONGSHI_DATA_DIR: DATA_DIR, GONGSHI_DIST_DIR: DIST_DIR, DATABASE_URL: '' },
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
