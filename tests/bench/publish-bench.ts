/**
 * One staff change to the page served, beside a running portal: `npm start` on a fresh embedded
 * database (the demo city), then `gongshi opinions publish ID` for a pending hall opinion while a
 * request loop reads pages; measured until the topic page served shows the opinion. Reports the
 * seconds, the loop's requests and its failures (anything but a complete 200 page).
 * Standalone: `npx tsx tests/bench/publish-bench.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../src/lib/site/build-site.ts';
import { openDb } from '../../src/lib/db/open.ts';
import { readConfig } from '../../src/lib/config.ts';

export interface PublishBenchResult {
  startSeconds: number;
  changeToServedSeconds: number;
  cliSeconds: number;
  requests: number;
  failures: number;
  failureSamples: string[];
}

/** Starts `npm start` (its entry) and resolves with the portal's URL once it serves. */
function startPortal(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/start.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    const onLine = (text: string) => {
      seen = (seen + text).slice(-8000);
      for (const line of text.split('\n')) if (line.trim()) log(line);
      const match = /Gongshi is running at (\S+)/.exec(seen);
      if (match) resolve({ child, url: match[1]! });
    };
    child.stdout.setEncoding('utf8').on('data', onLine);
    child.stderr.setEncoding('utf8').on('data', (text: string) => (seen = (seen + text).slice(-8000)));
    child.on('exit', (code) => reject(new Error(`npm start exited (${code}) before serving:\n${seen}`)));
  });
}

/** Reads pages in a loop until stopped; a failure is a network error, a non-200 or a cut page. */
function requestLoop(urls: string[]) {
  let stopped = false;
  let requests = 0;
  let failures = 0;
  const samples: string[] = [];
  const fail = (what: string) => {
    failures++;
    if (samples.length < 5) samples.push(what);
  };
  const loop = async (offset: number) => {
    for (let i = offset; !stopped; i++) {
      const url = urls[i % urls.length]!;
      try {
        const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
        const body = await response.text();
        requests++;
        if (response.status !== 200) fail(`${response.status} ${url}`);
        else if (!body.trimEnd().endsWith('</html>')) fail(`incomplete page ${url}`);
      } catch (error) {
        requests++;
        fail(`${url}: ${(error as Error).message}`);
      }
    }
  };
  const running = Promise.all([0, 1, 2, 3].map(loop));
  return {
    stop: async () => {
      stopped = true;
      await running;
      return { requests, failures, samples };
    },
  };
}

export async function benchPublish(log: (line: string) => void = () => undefined): Promise<PublishBenchResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-publish-'));
  const dataDir = path.join(tmp, 'data');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    GONGSHI_DATA_DIR: dataDir,
    GONGSHI_DIST_DIR: path.join(tmp, 'dist'),
    DATABASE_URL: '',
  };
  const started = performance.now();
  const { child, url } = await startPortal(env, log);
  const startSeconds = (performance.now() - started) / 1000;
  try {
    // A pending opinion on a topic, read as staff do: through the running portal's staff socket.
    const db = await openDb(readConfig(env));
    const [pending] = await db.query<{ id: number; slug: string }>(
      `select o.id::int, t.slug from public.hall_opinions o join public.hall_topics t on t.id = o.topic_id
       where o.status = 'pending' order by o.id limit 1`,
    );
    await db.close();
    if (!pending) throw new Error('the demo city has no pending hall opinion');
    const page = new URL(`hall/${pending.slug}/`, url).href;
    const marker = `id="opinion-${pending.id}"`;
    const loop = requestLoop([page, url, new URL('hall/', url).href, new URL('en/', url).href]);

    const t0 = performance.now();
    // Not spawnSync: the request loop runs in this process meanwhile.
    const cli = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'opinions', 'publish', String(pending.id)], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    cli.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    cli.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
    const status = await new Promise<number | null>((resolve) => cli.on('exit', resolve));
    const cliSeconds = (performance.now() - t0) / 1000;
    if (status !== 0) throw new Error(`opinions publish failed:\n${output}`);
    for (;;) {
      const body = await (await fetch(page)).text();
      if (body.includes(marker)) break;
      if ((performance.now() - t0) / 1000 > 900) throw new Error('the opinion was not served within 15 minutes');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const changeToServedSeconds = (performance.now() - t0) / 1000;
    const { requests, failures, samples } = await loop.stop();
    return { startSeconds, changeToServedSeconds, cliSeconds, requests, failures, failureSamples: samples };
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The `publish` section of `npm run bench`. */
export async function benchLivePublish(record: (name: string, value: string) => void): Promise<void> {
  const r = await benchPublish();
  record('live publish: npm start ready (seed + first build)', `${r.startSeconds.toFixed(1)} s`);
  record('live publish: staff CLI publish (process)', `${r.cliSeconds.toFixed(1)} s`);
  record('live publish: opinion published → page served with it', `${r.changeToServedSeconds.toFixed(1)} s (target ≤ 30 s)`);
  record('live publish: requests meanwhile / failed', `${r.requests} / ${r.failures}${r.failures ? ` (${r.failureSamples.join('; ')})` : ''}`);
}

if (import.meta.filename === process.argv[1]) {
  const result = await benchPublish((line) => console.log(`  ${line}`));
  console.log(JSON.stringify(result, null, 2));
}
