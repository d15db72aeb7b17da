/** The open data of every year, read once per build from the "opendata" content collection. */
import { getCollection } from 'astro:content';
import { indexOpenData, type OpenData } from './documents.ts';
import { siteOf } from './urls.ts';

let cached: Promise<OpenData> | undefined;

export function loadOpenData(): Promise<OpenData> {
  const site = siteOf(import.meta.env.SITE ? new URL(import.meta.env.SITE) : undefined);
  cached ??= getCollection('opendata').then((entries) => indexOpenData(site, entries.map((e) => e.data)));
  return cached;
}
