/**
 * What the site is built from: each collection's read of the database (as the anonymous public
 * sees it, lib/queries/) and the id of each row. The build's load step (cli/build-load.ts) runs the
 * reads and saves the rows as the snapshot the render step's pages read (lib/site/collections.ts).
 */
import type { Db } from '../db/types.ts';
import { pgErrorFields } from '../db/errors.ts';
import { readYearOverviews } from '../queries/year-overview.ts';
import { readTargetDetails } from '../queries/targets.ts';
import { readUnitDetails } from '../queries/units.ts';
import { readBulletins } from '../queries/bulletins.ts';
import { readAssessmentYears } from '../queries/assessment-years.ts';
import { assessmentId, readAssessments } from '../queries/assessments.ts';
import { readDecisions, readHearingDraws } from '../queries/decisions.ts';
import { readHallTopics, readHearings, readSurveys } from '../queries/participation.ts';
import { readOpenDataYears } from '../queries/opendata.ts';
import { readCitizenRpcs } from '../queries/citizen-rpcs.ts';

export interface CollectionRead<T extends object = object> {
  read: (db: Db) => Promise<T[]>;
  idOf: (row: T) => string;
}

const collectionRead = <T extends object>(read: (db: Db) => Promise<T[]>, idOf: (row: T) => string): CollectionRead<T> => ({ read, idOf });

export const COLLECTION_READS = {
  years: collectionRead(readYearOverviews, (y) => String(y.year)),
  rules: collectionRead(readAssessmentYears, (y) => String(y.year)),
  units: collectionRead(readUnitDetails, (u) => u.code),
  targets: collectionRead(readTargetDetails, (t) => String(t.id)),
  bulletins: collectionRead(readBulletins, (b) => b.slug),
  decisions: collectionRead(readDecisions, (d) => d.slug),
  hearingRecords: collectionRead(readHearingDraws, (h) => String(h.id)),
  assessments: collectionRead(readAssessments, assessmentId),
  hallTopics: collectionRead(readHallTopics, (t) => t.slug),
  hearings: collectionRead(readHearings, (h) => String(h.id)),
  surveys: collectionRead(readSurveys, (s) => s.slug),
  opendata: collectionRead(readOpenDataYears, (y) => String(y.year)),
  citizenRpcs: collectionRead(readCitizenRpcs, (r) => r.name),
};

export type CollectionName = keyof typeof COLLECTION_READS;
export const COLLECTION_NAMES = Object.keys(COLLECTION_READS) as CollectionName[];

/** Runs a collection's read, with a clear message when the database was never migrated. */
export async function readCollection(db: Db, name: CollectionName): Promise<object[]> {
  try {
    return await COLLECTION_READS[name].read(db);
  } catch (error) {
    // Missing tables, roles or schemas mean the migrations never ran on this database.
    const code = pgErrorFields(error)?.code;
    throw code === '42P01' || code === '42704' || code === '3F000'
      ? new Error(`The database at ${db.location} is not migrated. Run "npm run gongshi -- migrate" (npm start and npm run build do it for you).`)
      : error;
  }
}
