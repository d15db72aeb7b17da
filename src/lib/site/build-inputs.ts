/**
 * A build is a function of its inputs: the data the load step read (its snapshot), the code and
 * assets that render it, the locked dependencies, the environment the pages bake in and which
 * dated moments the clock has passed (clock-state.ts). When all
 * of them are unchanged since the last build of a site, that build is the answer, and copying it
 * (as hard links: builds are never written to once complete) replaces rendering and indexing.
 * The staff commands that change nothing public (a refused opinion, a reviewed claim) then cost
 * one read of the data.
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { clockState, type DatedRows } from './clock-state.ts';

/** What a build reads besides the data: every file under these, relative to the project root. */
const CODE = ['src', 'public', 'supabase/migrations', 'supabase/local', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];
/** What pages bake in from the environment rather than from the data (the islands' RPC endpoint and key). */
export const BUILD_ENVIRONMENT = ['SITE_URL', 'PUBLIC_SUPABASE_URL', 'PUBLIC_SUPABASE_ANON_KEY'] as const;

function filesUnder(root: string, entry: string): string[] {
  const full = path.join(root, entry);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat) return [];
  if (!stat.isDirectory()) return [entry];
  return (fs.readdirSync(full, { recursive: true }) as string[])
    .map((file) => path.join(entry, file))
    .filter((file) => fs.statSync(path.join(root, file)).isFile());
}

/** Hashes files in slices: read whole, a large city's snapshot (tens of megabytes a file) would stay in this process's memory while the render runs. */
function addFiles(hash: Hash, base: string, files: string[]): void {
  const slice = Buffer.alloc(1 << 20);
  for (const file of files.sort()) {
    hash.update(`${file}\0`);
    const fd = fs.openSync(path.join(base, file), 'r');
    try {
      for (let read; (read = fs.readSync(fd, slice)) > 0;) hash.update(slice.subarray(0, read));
    } finally {
      fs.closeSync(fd);
    }
    hash.update('\0');
  }
}

/** A digest of the code, assets and locked dependencies of a build (its reads of the database among them). */
export function codeDigest(root: string): string {
  const hash = createHash('sha256');
  addFiles(hash, root, CODE.flatMap((entry) => filesUnder(root, entry)));
  return hash.digest('base64url');
}

/** The digest of a build's inputs: the snapshot folder's files, the code, the environment and the clock's state. */
export function buildInputsDigest(root: string, snapshotDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash('sha256');
  addFiles(hash, snapshotDir, fs.readdirSync(snapshotDir));
  hash.update(`code:${codeDigest(root)}\n`);
  for (const name of BUILD_ENVIRONMENT) hash.update(`${name}=${env[name] ?? ''}\n`);
  const rows = (name: keyof DatedRows) => JSON.parse(fs.readFileSync(path.join(snapshotDir, `${name}.json`), 'utf8')) as never;
  hash.update(`clock:${clockState({ hearings: rows('hearings'), surveys: rows('surveys'), hallTopics: rows('hallTopics') })}\n`);
  return hash.digest('base64url');
}

/** The last complete build of a site, as its cache records it. */
export interface LastBuild {
  inputs: string;
  folder: string;
  pages: number;
}

const LAST_BUILD = 'last-build.json';

export function readLastBuild(cacheDir: string): LastBuild | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(cacheDir, LAST_BUILD), 'utf8')) as LastBuild;
  } catch {
    return undefined;
  }
}

export function writeLastBuild(cacheDir: string, last: LastBuild): void {
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, LAST_BUILD);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(last));
  fs.renameSync(`${file}.tmp`, file);
}

/** Fills the empty folder `to` with hard links to every file of `from`. */
export function linkTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  // A folder is listed before what it holds, so each file's folder exists when it is linked.
  for (const entry of fs.readdirSync(from, { recursive: true, withFileTypes: true })) {
    const source = path.join(entry.parentPath, entry.name);
    const target = path.join(to, path.relative(from, source));
    if (entry.isDirectory()) fs.mkdirSync(target, { recursive: true });
    else if (entry.isFile()) fs.linkSync(source, target);
  }
}
