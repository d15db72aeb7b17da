/**
 * Where the verifier reads from: a published site (over HTTP) or a built one (a dist folder). It
 * reads only what the portal publishes — /api/v1/index.json and the /data/ files it lists — so it
 * sees exactly what a journalist sees.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { checkVersion } from '../opendata/document-version.ts';
import { ApiIndexDocumentSchema, type ApiIndexDocument } from '../schemas/opendata/api-index.ts';

export interface PublishedSite {
  /** What was read, for the report: the site's address or the folder. */
  label: string;
  /** The text of a published file by its path (e.g. /api/v1/index.json), or null when it does not exist. */
  read(pathname: string): Promise<string | null>;
}

export function siteOverHttp(siteUrl: string): PublishedSite {
  const base = new URL(siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`);
  return {
    label: base.href,
    async read(pathname) {
      const response = await fetch(new URL(pathname.replace(/^\//, ''), base));
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`${pathname}: the site answered ${response.status} ${response.statusText}`);
      return response.text();
    },
  };
}

/** The JSON documents read through a site, each with the version it states and the one its bytes give. */
export interface ReadLog {
  documents: { pathname: string; version: { stated: string; computed: string } | null }[];
}

/** A site that notes every JSON document read through it, to check their versions afterwards. */
export function logging(site: PublishedSite): PublishedSite & ReadLog {
  const documents: ReadLog['documents'] = [];
  return {
    label: site.label,
    documents,
    async read(pathname) {
      const text = await site.read(pathname);
      if (text !== null && pathname.endsWith('.json')) documents.push({ pathname, version: checkVersion(text) });
      return text;
    },
  };
}

export function siteInFolder(dir: string): PublishedSite {
  const root = path.resolve(dir);
  return {
    label: root,
    async read(pathname) {
      const file = path.join(root, decodeURIComponent(pathname));
      // A published path never leaves the folder.
      if (!file.startsWith(root + path.sep)) throw new Error(`${pathname}: not a path inside ${root}`);
      try {
        return await fs.readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}

export async function readJson<S extends z.ZodType>(site: PublishedSite, pathname: string, schema: S): Promise<z.output<S> | null> {
  const text = await site.read(pathname);
  if (text === null) return null;
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${pathname} does not match its published schema: ${parsed.error.issues[0]?.message ?? ''} at ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
  return parsed.data;
}

export async function readApiIndex(site: PublishedSite): Promise<ApiIndexDocument> {
  const index = await readJson(site, '/api/v1/index.json', ApiIndexDocumentSchema);
  if (!index) throw new Error(`${site.label} publishes no /api/v1/index.json: is it a Gongshi site?`);
  return index;
}

/** The rows of a dataset for every year the index lists, by year. Paths come from the index's URLs. */
export async function readDataset<Row extends z.ZodType>(
  site: PublishedSite,
  index: ApiIndexDocument,
  name: string,
  row: Row,
): Promise<Map<number, z.output<Row>[]>> {
  const byYear = new Map<number, z.output<Row>[]>();
  const entry = index.datasets.find((d) => d.name === name);
  if (!entry) return byYear;
  for (const { year, json_url } of entry.years) {
    const text = await site.read(new URL(json_url).pathname);
    if (text === null) throw new Error(`${json_url} is listed in /api/v1/index.json but not published`);
    const document = JSON.parse(text) as { rows?: unknown };
    if (!Array.isArray(document.rows)) throw new Error(`${json_url} has no rows`);
    byYear.set(year, document.rows.map((r, i) => {
      const parsed = row.safeParse(r);
      if (!parsed.success) throw new Error(`${json_url} row ${i + 1}: ${parsed.error.issues[0]?.message ?? ''} at ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
      return parsed.data;
    }));
  }
  return byYear;
}
