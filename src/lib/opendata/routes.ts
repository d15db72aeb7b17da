/**
 * The handlers of the open data endpoints (feeds, CSV, JSON, schemas). The route files under
 * src/pages only bind a handler to an address, so the Chinese and English routes share one.
 */
import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import type { Locale } from '../../i18n/ui.ts';
import { loadCitizenRpcs, loadOpenData, rpcEndpoint } from './collection.ts';
import { toCsv } from './csv.ts';
import { DATASETS, datasetByName, datasetColumns } from './datasets.ts';
import {
  apiIndexDocument, assessmentVersionDocument, rpcsDocument, assessmentVersions, bulletinDocument, bulletinsDocument, datasetDocument, openYears, targetDocument, unitDocument, unitsDocument,
  yearSummaryDocument,
} from './documents.ts';
import { bulletinsJsonFeed, bulletinsRss, unitRss } from './feeds.ts';
import { publishedSchema, SCHEMAS } from './json-schema.ts';

function json(document: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(document), { headers: { 'Content-Type': `${type}; charset=utf-8` } });
}

function param(params: Record<string, string | undefined>, name: string): string {
  const value = params[name];
  if (value === undefined) throw new Error(`missing route parameter ${name}`);
  return value;
}

// -- Feeds ------------------------------------------------------------------------------------

export const bulletinsRssRoute = (locale: Locale): APIRoute => async () => rss(bulletinsRss(await loadOpenData(), locale));

export const bulletinsJsonFeedRoute = (locale: Locale): APIRoute => async () =>
  json(bulletinsJsonFeed(await loadOpenData(), locale), 'application/feed+json');

export const unitFeedPaths: GetStaticPaths = async () => (await loadOpenData()).units.map((u) => ({ params: { code: u.code } }));

export const unitFeedRoute = (locale: Locale): APIRoute => async ({ params }) => {
  const data = await loadOpenData();
  const code = param(params, 'code');
  const unit = data.units.find((u) => u.code === code);
  if (!unit) return new Response(null, { status: 404 });
  return rss(unitRss(data, unit, locale));
};

// -- Datasets ---------------------------------------------------------------------------------

export const datasetPaths: GetStaticPaths = async () =>
  openYears(await loadOpenData()).flatMap((y) => DATASETS.map((d) => ({ params: { year: String(y.year), dataset: d.name } })));

async function datasetRows(params: Record<string, string | undefined>) {
  const data = await loadOpenData();
  const year = data.years.find((y) => String(y.year) === param(params, 'year'));
  if (!year) throw new Error(`no open data for ${param(params, 'year')}`);
  return { data, year, dataset: datasetByName(param(params, 'dataset')) };
}

export const datasetCsvRoute: APIRoute = async ({ params }) => {
  const { year, dataset } = await datasetRows(params);
  const columns = datasetColumns(dataset).map((c) => c.name);
  return new Response(toCsv(columns, dataset.rows(year)), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};

export const datasetJsonRoute: APIRoute = async ({ params }) => {
  const { data, year, dataset } = await datasetRows(params);
  return json(datasetDocument(data.site, year, dataset));
};

// -- API ----------------------------------------------------------------------------------------

export const apiIndexRoute: APIRoute = async () => json(apiIndexDocument(await loadOpenData()));
export const unitsRoute: APIRoute = async () => json(unitsDocument(await loadOpenData()));
export const rpcsRoute: APIRoute = async () => {
  const { site } = await loadOpenData();
  return json(rpcsDocument(site, await loadCitizenRpcs(), rpcEndpoint(site)));
};
export const bulletinsRoute: APIRoute = async () => json(bulletinsDocument(await loadOpenData()));

export const bulletinPaths: GetStaticPaths = async () => (await loadOpenData()).bulletins.map((b) => ({ params: { slug: b.slug } }));
export const bulletinRoute: APIRoute = async ({ params }) => {
  const data = await loadOpenData();
  const bulletin = data.bulletins.find((b) => b.slug === param(params, 'slug'));
  if (!bulletin) return new Response(null, { status: 404 });
  return json(bulletinDocument(data, bulletin));
};

export const assessmentVersionPaths: GetStaticPaths = async () =>
  assessmentVersions(await loadOpenData()).map(({ year, version }) => ({ params: { year: String(year), version: `v${version}` } }));
export const assessmentVersionRoute: APIRoute = async ({ params }) => {
  const document = assessmentVersionDocument(await loadOpenData(), Number(param(params, 'year')), Number(param(params, 'version').slice(1)));
  return document ? json(document) : new Response(null, { status: 404 });
};

export const unitPaths: GetStaticPaths = unitFeedPaths;
export const unitRoute: APIRoute = async ({ params }) => {
  const data = await loadOpenData();
  const unit = data.units.find((u) => u.code === param(params, 'code'));
  if (!unit) return new Response(null, { status: 404 });
  return json(unitDocument(data, unit));
};

export const targetPaths: GetStaticPaths = async () => (await loadOpenData()).targets.map((t) => ({ params: { id: String(t.id) } }));
export const targetRoute: APIRoute = async ({ params }) => {
  const data = await loadOpenData();
  const target = data.targetById.get(Number(param(params, 'id')));
  if (!target) return new Response(null, { status: 404 });
  return json(targetDocument(data, target));
};

export const yearPaths: GetStaticPaths = async () => (await loadOpenData()).years.map((y) => ({ params: { year: String(y.year) } }));
export const yearRoute: APIRoute = async ({ params }) => {
  const data = await loadOpenData();
  const year = data.years.find((y) => String(y.year) === param(params, 'year'));
  if (!year) return new Response(null, { status: 404 });
  return json(yearSummaryDocument(data, year));
};

export const schemaPaths: GetStaticPaths = () => Object.keys(SCHEMAS).map((name) => ({ params: { name } }));
export const schemaRoute: APIRoute = async ({ params }) =>
  json(publishedSchema(param(params, 'name'), (await loadOpenData()).site), 'application/schema+json');
