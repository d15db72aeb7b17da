/**
 * Publishing without downtime. The site folder (dist/, or GONGSHI_DIST_DIR) is a symlink to the
 * current build; every build lands in a fresh folder beside it (`.dist-builds/<id>/`), and only a
 * complete build is switched in, by renaming a new link over the old one (atomic on POSIX). The
 * static server resolves the link once per request, so a reader gets one whole build, never a
 * half-written or empty one. A replaced build is removed after a grace period, so that requests
 * that started on it finish.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildCacheDir, buildSite, DIST_DIR, type BuildResult } from './build-site.ts';
import { writeLastBuild } from './build-inputs.ts';
import { readText, withLockFile } from './lock-file.ts';
import { isAlive } from '../db/lock.ts';

/** How long a replaced build stays for requests that began on it. */
export const REPLACED_BUILD_GRACE_MS = 30_000;

/** The folder that holds the builds of a site folder. */
export function buildsFolder(site: string): string {
  return path.join(path.dirname(site), `.${path.basename(site).replace(/^\./, '')}-builds`);
}

/** The build a site folder shows now (its link's target), or undefined. */
export function currentBuild(site: string): string | undefined {
  try {
    return fs.realpathSync.native(site);
  } catch {
    return undefined;
  }
}

let buildCount = 0;

const BUILDING = '.building';



/** Whether a build is still being written (by a live process): such folders are never swept. */
function inProgress(folder: string): boolean {
  const pid = Number(readText(folder + BUILDING));
  return pid > 0 && isAlive(pid);
}

/** A fresh, empty folder for the next build, marked as in progress until finishBuildFolder(). */
export function freshBuildFolder(site: string): string {
  const builds = buildsFolder(site);
  fs.mkdirSync(builds, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const folder = path.join(builds, `${stamp}-${process.pid}-${++buildCount}`);
  fs.mkdirSync(folder);
  fs.writeFileSync(folder + BUILDING, String(process.pid));
  return folder;
}

/**
 * Ends a build folder's in-progress mark. A failed build's folder is removed; a complete one is
 * dated now, so that no other process's sweep takes it for an old build before it is switched in.
 */
export function finishBuildFolder(folder: string, ok: boolean): void {
  if (ok) {
    const now = new Date();
    fs.utimesSync(folder, now, now);
  } else {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  fs.rmSync(folder + BUILDING, { force: true });
}

/**
 * Points `site` at `folder` in one step. The build it replaces is dated (its folder's time) and
 * removed once no request can still be reading it: after `graceMs`, by a timer if this process
 * still runs, else by a later switch, which removes every build replaced longer ago than that.
 */
export function switchSite(site: string, folder: string, graceMs = REPLACED_BUILD_GRACE_MS): void {
  const builds = buildsFolder(site);
  let replaced: string | undefined;
  const stat = fs.lstatSync(site, { throwIfNoEntry: false });
  if (stat && !stat.isSymbolicLink()) {
    // A site folder from before builds were switched: it becomes an old build.
    replaced = path.join(builds, `${path.basename(folder)}-earlier`);
    fs.renameSync(site, replaced);
  } else if (stat) {
    replaced = currentBuild(site);
  }
  const link = `${site}.switching-${process.pid}`;
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.relative(path.dirname(site), folder), link, 'junction');
  fs.renameSync(link, site);
  const now = new Date();
  if (replaced && replaced !== folder && fs.existsSync(replaced)) fs.utimesSync(replaced, now, now);
  for (const entry of fs.readdirSync(builds)) {
    if (entry === '.lock') continue;
    const old = path.join(builds, entry.endsWith(BUILDING) ? entry.slice(0, -BUILDING.length) : entry);
    if (old === folder || inProgress(old)) continue;
    const since = fs.statSync(old, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (now.getTime() - since < graceMs) continue;
    removeBuild(old);
  }
  if (replaced && replaced !== folder) {
    const gone = replaced;
    setTimeout(() => {
      if (currentBuild(site) !== gone) removeBuild(gone);
    }, graceMs).unref();
  }
}

/**
 * Removes an old build in the background: tens of thousands of files take seconds to delete, and
 * the portal that republishes must keep answering meanwhile. A removal cut short is finished by a
 * later switch's sweep.
 */
function removeBuild(folder: string): void {
  void fs.promises
    .rm(folder, { recursive: true, force: true })
    .then(() => fs.promises.rm(folder + BUILDING, { force: true }))
    .catch(() => undefined);
}

/**
 * Runs fn while holding the site's build lock: two builds of one site at once (the portal
 * republishing while someone runs `npm run build`) would spoil each other's cache and switch.
 */
export function withBuildLock<T>(site: string, fn: () => Promise<T>, log: (line: string) => void = console.log): Promise<T> {
  const builds = buildsFolder(site);
  fs.mkdirSync(builds, { recursive: true });
  return withLockFile(path.join(builds, '.lock'), 'the site build', fn, log);
}

/**
 * Builds the site into a fresh folder and switches `site` to it once complete, and records it as
 * the site's last build (so that a build of unchanged inputs links it instead of rebuilding). A
 * failed build is removed and the site keeps showing the previous one.
 */
export async function publishSite(
  site = DIST_DIR,
  build: (outDir: string) => Promise<BuildResult> = (outDir) => buildSite(outDir, { site }),
  graceMs = REPLACED_BUILD_GRACE_MS,
  log: (line: string) => void = console.log,
): Promise<BuildResult & { folder: string }> {
  return withBuildLock(site, async () => {
    const folder = freshBuildFolder(site);
    let result: BuildResult | undefined;
    try {
      result = await build(folder);
    } finally {
      finishBuildFolder(folder, result !== undefined);
    }
    switchSite(site, folder, graceMs);
    writeLastBuild(buildCacheDir(site), { inputs: result.inputs, folder, pages: result.pages });
    return { ...result, folder };
  }, log);
}
