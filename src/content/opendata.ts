/** The open data's content collection: one entry per year, read as the anonymous role. */
import { defineCollection } from 'astro:content';
import { databaseLoader } from '../lib/db/build-loader.ts';
import { readOpenDataYears } from '../lib/opendata/read.ts';
import { OpenDataYearSchema } from '../lib/schemas/opendata/year.ts';

export const opendataCollections = {
  opendata: defineCollection({
    loader: databaseLoader('open data years', readOpenDataYears, (y) => String(y.year)),
    schema: OpenDataYearSchema,
  }),
};
