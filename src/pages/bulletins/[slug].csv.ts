/** /bulletins/<slug>.csv: the figures of one bulletin (columns: src/lib/opendata/bulletin-figures.ts). */
import type { APIRoute } from 'astro';
import { getCollection } from '../../lib/site/collections.ts';
import { bulletinFigureColumns, bulletinFigureRows } from '../../lib/opendata/bulletin-figures.ts';
import { toCsv } from '../../lib/opendata/csv.ts';
import { keyed } from '../../lib/site/cache-keys.ts';
import type { Bulletin } from '../../lib/schemas/bulletin.ts';

// Only bulletins with figures: one written by hand has nothing to tabulate.
export const getStaticPaths = keyed(async () =>
  (await getCollection('bulletins'))
    .filter((e) => e.data.stats !== null)
    .map((e) => ({ params: { slug: e.id }, props: { bulletin: e.data } })),
[]);

export const GET: APIRoute<{ bulletin: Bulletin }> = ({ props }) =>
  new Response(toCsv(bulletinFigureColumns().map((c) => c.name), bulletinFigureRows(props.bulletin)), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
