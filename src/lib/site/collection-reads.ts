/**
 * What the site is built from: each content collection's read of the database (as the anonymous
 * public sees it, lib/queries/) and the id of each row. content.config.ts makes them Astro
 * collections; the build's load step (cli/build-load.ts) runs the reads on their own, without
 * Astro, and saves the rows as the snapshot the render step's loaders read.
 */
import type { Db } from '../db/types.ts';
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
  /** How the build's log names the rows. */
  label: string;
  read: (db: Db) => Promise<T[]>;
  idOf: (row: T) => string;
}

const collectionRead = <T extends object>(label: string, read: (db: Db) => Promise<T[]>, idOf: (row: T) => string): CollectionRead<T> =>
  ({ label, read, idOf });

export const COLLECTION_READS = {
  years: collectionRead('years', readYearOverviews, (y) => String(y.year)),
  rules: collectionRead('assessment years', readAssessmentYears, (y) => String(y.year)),
  units: collectionRead('units', readUnitDetails, (u) => u.code),
  targets: collectionRead('targets', readTargetDetails, (t) => String(t.id)),
  bulletins: collectionRead('bulletins', readBulletins, (b) => b.slug),
  decisions: collectionRead('decisions', readDecisions, (d) => d.slug),
  hearingRecords: collectionRead('hearing records', readHearingDraws, (h) => String(h.id)),
  assessments: collectionRead('assessments', readAssessments, assessmentId),
  hallTopics: collectionRead('hall topics', readHallTopics, (t) => t.slug),
  hearings: collectionRead('hearings', readHearings, (h) => String(h.id)),
  surveys: collectionRead('surveys', readSurveys, (s) => s.slug),
  opendata: collectionRead('open data years', readOpenDataYears, (y) => String(y.year)),
  citizenRpcs: collectionRead('citizen RPCs', readCitizenRpcs, (r) => r.name),
};

export type CollectionName = keyof typeof COLLECTION_READS;
export const COLLECTION_NAMES = Object.keys(COLLECTION_READS) as CollectionName[];

/**
 * The open data (every dataset of every year) is served by endpoints alone, which read it from
 * the snapshot (lib/opendata/collection.ts): it stays out of Astro's data store, which it would
 * double, and out of the memory and time every build spends serialising that store.
 */
export const ENDPOINT_ONLY: readonly CollectionName[] = ['opendata'];
