/**
 * Which Chromium Playwright drives: its own build when installed, else the system's
 * (Debian: apt-get install chromium). Never skips: no browser is an error that says what to do.
 */
import fs from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  try {
    if (fs.existsSync(chromium.executablePath())) return undefined; // Playwright's own browser
  } catch {
    // Playwright's browser is not installed: fall through to the system's.
  }
  const system = SYSTEM_CANDIDATES.find((p) => fs.existsSync(p));
  if (system) return system;
  throw new Error(
    'No Chromium found for the browser tests. Install one: "apt-get install -y chromium" (Debian/Ubuntu), ' +
      'or "npx playwright install chromium" where downloads are allowed, or set CHROMIUM_PATH to a Chromium binary.',
  );
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
