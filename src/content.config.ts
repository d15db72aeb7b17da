import { defineCollection } from 'astro:content';
import { databaseLoader } from './lib/db/build-loader.ts';
import { readYearOverviews } from './lib/queries/year-overview.ts';
import { readTargetDetails } from './lib/queries/targets.ts';
import { readUnitDetails } from './lib/queries/units.ts';
import { readBulletins } from './lib/queries/bulletins.ts';
import { readAssessmentYears } from './lib/queries/assessment-years.ts';
import { assessmentId, readAssessments } from './lib/queries/assessments.ts';
import { readDecisions, readHearingDraws } from './lib/queries/decisions.ts';
import { readHallTopics, readHearings, readSurveys } from './lib/queries/participation.ts';
import { readOpenDataYears } from './lib/queries/opendata.ts';
import { readCitizenRpcs } from './lib/queries/citizen-rpcs.ts';
import { YearOverviewSchema } from './lib/schemas/year-overview.ts';
import { TargetDetailSchema } from './lib/schemas/target.ts';
import { UnitDetailSchema } from './lib/schemas/unit.ts';
import { BulletinSchema } from './lib/schemas/bulletin.ts';
import { AssessmentYearSchema } from './lib/schemas/assessment-year.ts';
import { AssessmentSchema } from './lib/schemas/assessment.ts';
import { DecisionSchema, HearingRecordSchema } from './lib/schemas/decision.ts';
import { HallTopicSchema } from './lib/schemas/hall.ts';
import { HearingSchema } from './lib/schemas/hearing.ts';
import { SurveySchema } from './lib/schemas/survey.ts';
import { OpenDataYearSchema } from './lib/schemas/opendata/year.ts';
import { CitizenRpcSignatureSchema } from './lib/schemas/citizen-rpc.ts';

// Every loader reads as the anonymous role: the site holds only what RLS lets the public see.
// The reads live in lib/queries/, one per concept; live participation figures are refreshed in
// the browser by the islands.
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
const hallTopics = defineCollection({
  loader: databaseLoader('hall topics', readHallTopics, (t) => t.slug),
  schema: HallTopicSchema,
});
const hearings = defineCollection({
  loader: databaseLoader('hearings', readHearings, (h) => String(h.id)),
  schema: HearingSchema,
});
const surveys = defineCollection({
  loader: databaseLoader('surveys', readSurveys, (s) => s.slug),
  schema: SurveySchema,
});
const opendata = defineCollection({
  loader: databaseLoader('open data years', readOpenDataYears, (y) => String(y.year)),
  schema: OpenDataYearSchema,
});

const citizenRpcs = defineCollection({
  loader: databaseLoader('citizen RPCs', readCitizenRpcs, (r) => r.name),
  schema: CitizenRpcSignatureSchema,
});

export const collections = {
  years, rules, units, targets, bulletins, assessments, decisions, hearingRecords, opendata, hallTopics, hearings, surveys, citizenRpcs,
};
