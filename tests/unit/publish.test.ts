/**
 * Publishing without downtime: a build lands in a fresh folder and the site switches to it whole
 * (src/lib/site/publish.ts), so a client reading the portal during republishes never gets a 404,
 * a 500 or a page of a build being written; replaced builds are removed; bursts of changes
 * coalesce into one build at a time and exactly one more (src/server/republish.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildsFolder, currentBuild, publishSite, withBuildLock } from '../../src/lib/site/publish.ts';
import { Republisher } from '../../src/server/republish.ts';
import { createPortalServer, listen } from '../../src/server/server.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-publish-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PAGES = 60;
/** How long a replaced build stays readable here (30 s in the portal). */
const GRACE_MS = 1000;
const page = (build: number, n: number) =>
  `<!doctype html><html><body><p data-build="${build}">page ${n} of build ${build}</p>${'x'.repeat(4000)}</body></html>`;

/** A fake build: writes its pages slowly, so that a half-written build would show if it were served. */
async function slowBuild(build: number, outDir: string) {
  for (let n = 0; n < PAGES; n++) {
    fs.mkdirSync(path.join(outDir, `p${n}`), { recursive: true });
    fs.writeFileSync(path.join(outDir, `p${n}`, 'index.html'), page(build, n));
    if (n % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
  }
  fs.writeFileSync(path.join(outDir, '404.html'), page(build, -1));
  fs.writeFileSync(path.join(outDir, 'index.html'), page(build, 0));
  return { seconds: 0, renderMaxRssBytes: 0, pages: 1, reused: 0, inputs: '', phases: [] };
}

describe('atomic publishing', () => {
  it('a client hammering the server during republishes sees only whole pages of one build', async () => {
    const site = path.join(dir, 'dist');
    // The first publish replaces a plain folder left by an older version.
    fs.mkdirSync(site);
    fs.writeFileSync(path.join(site, 'index.html'), page(0, 0));
    await publishSite(site, (out) => slowBuild(1, out), GRACE_MS);
    expect(fs.lstatSync(site).isSymbolicLink()).toBe(true);

    const server = createPortalServer({ distDir: site, logError: () => undefined });
    const url = await listen(server, 0);
    let stop = false;
    const failures: string[] = [];
    const builds = new Set<number>();
    let requests = 0;
    let last = 1;
    const client = async (k: number) => {
      for (let i = k; !stop; i += 4) {
        const n = i % PAGES;
        try {
          const response = await fetch(new URL(`p${n}/`, url), { headers: { 'accept-encoding': 'identity' } });
          const body = await response.text();
          requests++;
          const build = Number(/data-build="(\d+)"/.exec(body)?.[1]);
          if (response.status !== 200 || body !== page(build, n)) failures.push(`${response.status} p${n}: ${body.slice(0, 80)}`);
          else builds.add(build);
        } catch (error) {
          failures.push(`p${n}: ${(error as Error).message}`);
        }
      }
    };
    const clients = Promise.all([0, 1, 2, 3].map(client));
    try {
      // At least ten republishes, and until the clients have made enough requests (a slow machine).
      for (let build = 2; build <= 11 || (requests < 100 && build < 200); build++) {
        await publishSite(site, (out) => slowBuild(build, out), GRACE_MS);
        last = build;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      stop = true;
      await clients;
      server.close();
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(100);
    expect(builds.size).toBeGreaterThan(2);
    expect(fs.readFileSync(path.join(site, 'p3', 'index.html'), 'utf8')).toBe(page(last, 3));
    // Replaced builds stay for requests still reading them, then go.
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 500));
    expect(fs.readdirSync(buildsFolder(site))).toEqual([path.basename(currentBuild(site)!)]);
  }, 60_000);

  it('a failed build is removed and the site keeps its previous build', async () => {
    const site = path.join(dir, 'dist-failing');
    await publishSite(site, (out) => slowBuild(1, out));
    const before = currentBuild(site);
    await expect(
      publishSite(site, (out) => {
        fs.writeFileSync(path.join(out, 'index.html'), '<!doctype html><html><body>half');
        return Promise.reject(new Error('astro build failed'));
      }),
    ).rejects.toThrow('astro build failed');
    expect(currentBuild(site)).toBe(before);
    expect(fs.readdirSync(buildsFolder(site))).toEqual([path.basename(before!)]);
  });
});

describe('one build at a time per site', () => {
  it('a second build waits for the first (Astro caches are per project)', async () => {
    const site = path.join(dir, 'dist-locked');
    let running = 0;
    let most = 0;
    const build = (n: number) => async (out: string) => {
      running++;
      most = Math.max(most, running);
      const result = await slowBuild(n, out);
      await new Promise((resolve) => setTimeout(resolve, 50));
      running--;
      return result;
    };
    const [first, second] = await Promise.all([publishSite(site, build(1), GRACE_MS), publishSite(site, build(2), GRACE_MS)]);
    expect(most).toBe(1);
    expect(currentBuild(site)).toBe(second.folder);
    expect(first.folder).not.toBe(second.folder);
    // The lock is free again.
    await withBuildLock(site, () => Promise.resolve());
    expect(fs.existsSync(path.join(buildsFolder(site), '.lock'))).toBe(false);
  });
});

describe('republishing after staff changes', () => {
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  };

  it('a burst of changes makes one build', async () => {
    let builds = 0;
    const republisher = new Republisher(() => Promise.resolve(void builds++), { settleMs: 20, log: () => undefined });
    for (let i = 0; i < 10; i++) republisher.request();
    await republisher.settled();
    expect(builds).toBe(1);
  });

  it('changes during a build cause exactly one more, never two at once', async () => {
    let running = 0;
    let most = 0;
    const gates: ReturnType<typeof gate>[] = [];
    const republisher = new Republisher(
      async () => {
        running++;
        most = Math.max(most, running);
        const g = gate();
        gates.push(g);
        await g.opened;
        running--;
      },
      { settleMs: 5, log: () => undefined },
    );
    republisher.request();
    while (gates.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = 0; i < 5; i++) republisher.request(); // during the first build
    gates[0]!.open();
    while (gates.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    gates[1]!.open();
    await republisher.settled();
    expect(gates).toHaveLength(2);
    expect(republisher.count).toBe(2);
    expect(most).toBe(1);
  });

  it('a failing build is logged and the next change builds again', async () => {
    const logged: string[] = [];
    let calls = 0;
    const republisher = new Republisher(
      () => (++calls === 1 ? Promise.reject(new Error('boom')) : Promise.resolve()),
      { settleMs: 5, log: (line) => logged.push(line) },
    );
    republisher.request();
    await republisher.settled();
    republisher.request();
    await republisher.settled();
    expect(calls).toBe(2);
    expect(republisher.count).toBe(1);
    expect(logged.join('\n')).toMatch(/keeps its previous build: boom/);
  });
});
