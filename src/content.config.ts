import { defineCollection } from 'astro:content';
import { databaseLoader } from './lib/db/build-loader.ts';
import { readYearOverviews } from './lib/queries/year-overview.ts';
import { readTargetDetails } from './lib/queries/targets.ts';
import { readUnitDetails } from './lib/queries/units.ts';
import { readBulletins } from './lib/queries/bulletins.ts';
import { readAssessmentYears } from './lib/queries/assessment-years.ts';
import { YearOverviewSchema } from './lib/schemas/year-overview.ts';
import { TargetDetailSchema } from './lib/schemas/target.ts';
import { UnitDetailSchema } from './lib/schemas/unit.ts';
import { BulletinSchema } from './lib/schemas/bulletin.ts';
import { AssessmentYearSchema } from './lib/schemas/assessment-year.ts';

// Every loader reads as the anonymous role: the site holds only what RLS lets the public see.
const years = defineCollection({
  loader: databaseLoader('years', readYearOverviews, (y) => String(y.year)),
  schema: YearOverviewSchema,
});
const rules = defineCollection({
  loader: databaseLoader('assessment years', readAssessmentYears, (y) => String(y.year)),
  schema: AssessmentYearSchema,
});
const units = defineCollection({
  loader: databaseLoader('units', readUnitDetails, (u) => u.code),
  schema: UnitDetailSchema,
});
const targets = defineCollection({
  loader: databaseLoader('targets', readTargetDetails, (t) => String(t.id)),
  schema: TargetDetailSchema,
});
const bulletins = defineCollection({
  loader: databaseLoader('bulletins', readBulletins, (b) => b.slug),
  schema: BulletinSchema,
});

export const collections = { years, rules, units, targets, bulletins };
