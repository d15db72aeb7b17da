/**
 * Names of the domain's enumerations in each locale, for pages and feeds. Each table is the labels
 * of an enumeration declared in src/lib/domain/: change a name there.
 */
import * as accountability from '../lib/domain/accountability.ts';
import * as assessment from '../lib/domain/assessment.ts';
import * as bulletins from '../lib/domain/bulletins.ts';
import * as decisions from '../lib/domain/decisions.ts';
import type { Label } from '../lib/domain/enumeration.ts';
import * as hearings from '../lib/domain/hearings.ts';
import * as indicators from '../lib/domain/indicators.ts';
import * as participation from '../lib/domain/participation.ts';
import * as progress from '../lib/domain/progress.ts';
import * as supervision from '../lib/domain/supervision.ts';
import * as units from '../lib/domain/units.ts';
import type { Locale } from './ui.ts';

type Labels = { readonly [code: string]: Label };

/** A target's progress status. */
export const STATUS = progress.PROGRESS_STATUS.labels;
export const CATEGORY = indicators.CATEGORY.labels;
/** A unit's kind, as the heading of its group ("Municipal units"). */
export const KIND = units.UNIT_KIND.labels;
/** A ranking pool: the units of one kind. */
export const POOL = units.UNIT_KIND.labels;
export const SECTOR = units.SECTOR.labels;
export const METHOD = supervision.SUPERVISION_METHOD.labels;
export const BULLETIN_KIND = bulletins.BULLETIN_KIND.labels;
export const DIRECTION = indicators.DIRECTION.labels;
export const RESPONDENT_GROUP = participation.RESPONDENT_GROUP.labels;
export const GRADE = assessment.GRADE.labels;
export const CONSEQUENCE = assessment.CONSEQUENCE.labels;
export const DECISION_STATUS = decisions.DECISION_STATUS.labels;
export const DECISION_KIND = decisions.DECISION_KIND.labels;
export const RECOMMENDATION = decisions.RECOMMENDATION.labels;
export const SIGNUP_CATEGORY = hearings.SIGNUP_CATEGORY.labels;
export const DRAW_STATUS = hearings.DRAW_STATUS.labels;
/** The category an entrant was drawn in (general: a reserved-category claim staff did not confirm). */
export const DRAW_CATEGORY = hearings.DRAW_CATEGORY.labels;
export const ACCOUNTABILITY_MEASURE = accountability.ACCOUNTABILITY_MEASURE.labels;

/** The label of value in the locale; the raw value when no label exists. */
export function label(labels: Labels, value: string, locale: Locale): string {
  return labels[value]?.[locale] ?? value;
}
