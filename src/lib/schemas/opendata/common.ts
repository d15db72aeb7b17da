/**
 * Building blocks shared by the open-data schemas: value formats and the licence. The domain's
 * enumerations come from src/lib/domain/.
 */
import { z } from 'zod';

/** A calendar date, YYYY-MM-DD (Asia/Shanghai). */
export const DateSchema = z.iso.date();
/** An instant in UTC, YYYY-MM-DDTHH:MM:SSZ. */
export const InstantSchema = z.iso.datetime();
/** A reporting month, YYYY-MM. */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const YearSchema = z.number().int().min(2000).max(2100);
export const IdSchema = z.number().int().positive();

export const LICENCE = {
  name: 'CC BY 4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

export const LicenceSchema = z
  .object({
    name: z.literal(LICENCE.name),
    url: z.literal(LICENCE.url),
    attribution: z.string().meta({ description: 'How to credit the source when reusing the data.' }),
  })
  .meta({ description: 'Licence of the data: Creative Commons Attribution 4.0 International.' });
export type Licence = z.output<typeof LicenceSchema>;

/** A document's content version, its last member (src/lib/opendata/document-version.ts). */
export const VersionSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/).meta({
  description: 'SHA-256 of this document as published without this last member (remove `,"version":"…"` before the final `}` and hash the rest, UTF-8): cite it to name exactly the data used; it changes whenever any value does.',
});

/** When the data a document holds last changed (src/lib/opendata/document-version.ts latestChange). */
export const GeneratedAtSchema = z.iso.datetime().nullable().meta({
  description: 'When the data in this document last changed (UTC): the latest publication or filing time it contains, else that of the data it is drawn from; null when there is none yet. Derived from the data, so rebuilding the same data keeps it; the server sends it as Last-Modified.',
});

/** Every document names the schema it follows, its licence and where it comes from. */
export const DocumentHeader = {
  $schema: z.url().meta({ description: 'The JSON Schema this document follows.' }),
  licence: LicenceSchema,
  source: z.url().meta({ description: 'The portal that published the document.' }),
};
