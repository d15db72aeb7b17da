import { defineCollection } from 'astro:content';
import { databaseLoader } from './lib/db/build-loader.ts';
import { readYearOverviews } from './lib/queries/year-overview.ts';
import { YearOverviewSchema } from './lib/schemas/year-overview.ts';

const years = defineCollection({
  loader: databaseLoader('years', readYearOverviews, (y) => String(y.year)),
  schema: YearOverviewSchema,
});

export const collections = { years };
