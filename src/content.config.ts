import { defineCollection } from 'astro:content';
import { databaseLoader } from './lib/db/build-loader.ts';
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
import { CitizenRpcSignatureSchema } from './lib/schemas/citizen-rpc.ts';

// Every collection is a read of the database as the anonymous role (lib/site/collection-reads.ts):
// the site holds only what RLS lets the public see. Live participation figures are refreshed in
// the browser by the islands. The open data is not a collection (ENDPOINT_ONLY in collection-reads.ts).
export const collections = {
  years: defineCollection({ loader: databaseLoader('years'), schema: YearOverviewSchema }),
  rules: defineCollection({ loader: databaseLoader('rules'), schema: AssessmentYearSchema }),
  units: defineCollection({ loader: databaseLoader('units'), schema: UnitDetailSchema }),
  targets: defineCollection({ loader: databaseLoader('targets'), schema: TargetDetailSchema }),
  bulletins: defineCollection({ loader: databaseLoader('bulletins'), schema: BulletinSchema }),
  assessments: defineCollection({ loader: databaseLoader('assessments'), schema: AssessmentSchema }),
  decisions: defineCollection({ loader: databaseLoader('decisions'), schema: DecisionSchema }),
  hearingRecords: defineCollection({ loader: databaseLoader('hearingRecords'), schema: HearingRecordSchema }),
  hallTopics: defineCollection({ loader: databaseLoader('hallTopics'), schema: HallTopicSchema }),
  hearings: defineCollection({ loader: databaseLoader('hearings'), schema: HearingSchema }),
  surveys: defineCollection({ loader: databaseLoader('surveys'), schema: SurveySchema }),
  citizenRpcs: defineCollection({ loader: databaseLoader('citizenRpcs'), schema: CitizenRpcSignatureSchema }),
};
