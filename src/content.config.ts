import { defineCollection } from 'astro:content';
import { databaseLoader } from './lib/db/build-loader.ts';
import { opendataCollections } from './content/opendata.ts';
import { participationCollections } from './content/participation.ts';
import { readYearOverviews } from './lib/queries/year-overview.ts';
import { readTargetDetails } from './lib/queries/targets.ts';
import { readUnitDetails } from './lib/queries/units.ts';
import { readBulletins } from './lib/queries/bulletins.ts';
import { readAssessmentYears } from './lib/queries/assessment-years.ts';
import { assessmentId, readAssessments } from './lib/queries/assessments.ts';
import { YearOverviewSchema } from './lib/schemas/year-overview.ts';
import { TargetDetailSchema } from './lib/schemas/target.ts';
import { UnitDetailSchema } from './lib/schemas/unit.ts';
import { BulletinSchema } from './lib/schemas/bulletin.ts';
import { AssessmentYearSchema } from './lib/schemas/assessment-year.ts';
import { AssessmentSchema } from './lib/schemas/assessment.ts';
import { readDecisions, readHearingDraws } from './lib/queries/decisions.ts';
import { DecisionSchema, HearingRecordSchema } from './lib/schemas/decision.ts';

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

const decisions = defineCollection({
  loader: databaseLoader('decisions', readDecisions, (d) => d.slug),
  schema: DecisionSchema,
});
const hearingRecords = defineCollection({
  loader: databaseLoader('hearing records', readHearingDraws, (h) => String(h.id)),
  schema: HearingRecordSchema,
});
const assessments = defineCollection({
  loader: databaseLoader('assessments', readAssessments, assessmentId),
  schema: AssessmentSchema,
});

export const collections = { years, rules, units, targets, bulletins, assessments, decisions, hearingRecords, ...opendataCollections, ...participationCollections };
