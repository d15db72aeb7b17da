/**
 * The domain's enumerations (src/lib/domain/) against the database's check constraints, read back
 * from pg_catalog after the migrations ran. Every check constraint on a public or private table
 * that lists literal values is either
 *  - an enumeration: the whole check is `column in (...)`; the column must be in ENUMERATIONS
 *    below, and the lists must hold the same codes (a code only in SQL or only in TypeScript fails);
 *  - or a rule that lists some codes (`kind not in (...)`, jsonb keys…): it must be in
 *    NOT_ENUMERATIONS with the reason.
 * And wherever a check compares a mapped column with a code (`status = 'published'`, `case kind
 * when 'monthly'`, `kind not in (...)`), the code must be one of the column's declaration.
 * Open enumerations (any lower-case code) are checked by their pattern, and enum types must be
 * mapped too. A new enumeration in SQL therefore fails here until it is declared and mapped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTABILITY_BASES, ACCOUNTABILITY_MEASURES, ACCOUNTABILITY_ROLES } from '../../src/lib/domain/accountability.ts';
import {
  ASSESSMENT_YEAR_STATUSES, CADRE_RATING_RULES, CADRE_RATINGS, CONSEQUENCES, GRADES, SCORE_BASES,
} from '../../src/lib/domain/assessment.ts';
import { BULLETIN_KINDS } from '../../src/lib/domain/bulletins.ts';
import { CONTACT_CODE_PURPOSES } from '../../src/lib/domain/contacts.ts';
import { DECISION_KINDS, DECISION_STATUSES, RECOMMENDATIONS } from '../../src/lib/domain/decisions.ts';
import {
  CLAIM_REVIEWS, DRAW_CATEGORIES, DRAW_OUTCOMES, DRAW_STATUSES, HEARING_STATUSES, SIGNUP_CATEGORIES, SIGNUP_STATUSES,
} from '../../src/lib/domain/hearings.ts';
import { CATEGORIES, DIRECTIONS } from '../../src/lib/domain/indicators.ts';
import { MESSAGE_CHANNELS, MESSAGE_LOCALES, MESSAGE_STATUSES } from '../../src/lib/domain/messages.ts';
import {
  OPEN_RESPONSE_VERIFICATIONS, OPINION_STATUSES, QUESTION_KINDS, RESPONDENT_GROUP, RESPONSE_VERIFICATIONS, SURVEY_MODES,
} from '../../src/lib/domain/participation.ts';
import { REPORT_STATUSES } from '../../src/lib/domain/progress.ts';
import { SUPERVISION_METHODS } from '../../src/lib/domain/supervision.ts';
import { SUBSCRIPTION_STATUSES, SUBSCRIPTION_TOPIC_KINDS } from '../../src/lib/domain/subscriptions.ts';
import { BASELINE_KINDS, TARGET_LIFECYCLE_STAGES } from '../../src/lib/domain/targets.ts';
import { SECTOR, UNIT_KINDS } from '../../src/lib/domain/units.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { createTestDb } from './harness.ts';

interface Mapping {
  /** Where it is declared, for messages: the constant and its file under src/lib/domain/. */
  declaration: string;
  codes: readonly string[];
}

const declared = (declaration: string, codes: readonly string[]): Mapping => ({ declaration, codes });

/** Each enumerated column (schema.table.column) and the declaration its check constraint must list. */
const ENUMERATIONS: Readonly<Record<string, Mapping>> = {
  'public.units.kind': declared('UNIT_KINDS in units.ts', UNIT_KINDS),
  'public.indicators.category': declared('CATEGORIES in indicators.ts', CATEGORIES),
  'public.indicators.direction': declared('DIRECTIONS in indicators.ts', DIRECTIONS),
  'public.targets.status': declared('TARGET_LIFECYCLE_STAGES in targets.ts', TARGET_LIFECYCLE_STAGES),
  'public.target_baselines.kind': declared('BASELINE_KINDS in targets.ts', BASELINE_KINDS),
  'public.progress_reports.status': declared('REPORT_STATUSES in progress.ts', REPORT_STATUSES),
  'public.supervision_records.method': declared('SUPERVISION_METHODS in supervision.ts', SUPERVISION_METHODS),
  'public.bulletins.kind': declared('BULLETIN_KINDS in bulletins.ts', BULLETIN_KINDS),
  'public.assessment_years.status': declared('ASSESSMENT_YEAR_STATUSES in assessment.ts', ASSESSMENT_YEAR_STATUSES),
  'public.annual_assessments.pool': declared('UNIT_KINDS in units.ts', UNIT_KINDS),
  'public.annual_assessments.grade': declared('GRADES in assessment.ts', GRADES),
  'public.annual_assessments.consequence': declared('CONSEQUENCES in assessment.ts', CONSEQUENCES),
  'public.assessment_target_scores.basis': declared('SCORE_BASES in assessment.ts', SCORE_BASES),
  'private.cadre_evaluations.unit_grade': declared('GRADES in assessment.ts', GRADES),
  'private.cadre_evaluations.unit_consequence': declared('CONSEQUENCES in assessment.ts', CONSEQUENCES),
  'private.cadre_evaluations.unit_rating': declared('CADRE_RATINGS in assessment.ts', CADRE_RATINGS),
  'private.cadre_evaluations.rating': declared('CADRE_RATINGS in assessment.ts', CADRE_RATINGS),
  'private.cadre_evaluations.rule_applied': declared('CADRE_RATING_RULES in assessment.ts', CADRE_RATING_RULES),
  'public.accountability_cases.basis_kind': declared('ACCOUNTABILITY_BASES in accountability.ts', ACCOUNTABILITY_BASES),
  'public.accountability_cases.measure': declared('ACCOUNTABILITY_MEASURES in accountability.ts', ACCOUNTABILITY_MEASURES),
  'private.accountability_case_persons.role': declared('ACCOUNTABILITY_ROLES in accountability.ts', ACCOUNTABILITY_ROLES),
  'public.decisions.kind': declared('DECISION_KINDS in decisions.ts', DECISION_KINDS),
  'public.decisions.status': declared('DECISION_STATUSES in decisions.ts', DECISION_STATUSES),
  'public.consultations.recommendation': declared('RECOMMENDATIONS in decisions.ts', RECOMMENDATIONS),
  'public.hearings.status': declared('HEARING_STATUSES in hearings.ts', HEARING_STATUSES),
  'public.hearing_quotas.category': declared('SIGNUP_CATEGORIES in hearings.ts', SIGNUP_CATEGORIES),
  'private.hearing_signups.category': declared('SIGNUP_CATEGORIES in hearings.ts', SIGNUP_CATEGORIES),
  'private.hearing_signups.status': declared('SIGNUP_STATUSES in hearings.ts', SIGNUP_STATUSES),
  'private.hearing_signups.category_review': declared('CLAIM_REVIEWS in hearings.ts', CLAIM_REVIEWS),
  'private.hearing_signups.locale': declared('MESSAGE_LOCALES in messages.ts', MESSAGE_LOCALES),
  'public.hearing_draws.category': declared('DRAW_CATEGORIES in hearings.ts', DRAW_CATEGORIES),
  'public.hearing_draws.drawn': declared('DRAW_OUTCOMES in hearings.ts', DRAW_OUTCOMES),
  'public.hearing_draws.current_status': declared('DRAW_STATUSES in hearings.ts', DRAW_STATUSES),
  'public.hall_opinions.status': declared('OPINION_STATUSES in participation.ts', OPINION_STATUSES),
  'public.surveys.mode': declared('SURVEY_MODES in participation.ts', SURVEY_MODES),
  'public.survey_questions.kind': declared('QUESTION_KINDS in participation.ts', QUESTION_KINDS),
  'public.survey_responses.verification': declared('RESPONSE_VERIFICATIONS in participation.ts', RESPONSE_VERIFICATIONS),
  'private.open_survey_participants.verification': declared('OPEN_RESPONSE_VERIFICATIONS in participation.ts', OPEN_RESPONSE_VERIFICATIONS),
  'private.hall_opinion_contacts.locale': declared('MESSAGE_LOCALES in messages.ts', MESSAGE_LOCALES),
  'private.contact_codes.purpose': declared('CONTACT_CODE_PURPOSES in contacts.ts', CONTACT_CODE_PURPOSES),
  'private.outbox.channel': declared('MESSAGE_CHANNELS in messages.ts', MESSAGE_CHANNELS),
  'private.outbox.locale': declared('MESSAGE_LOCALES in messages.ts', MESSAGE_LOCALES),
  'private.outbox.status': declared('MESSAGE_STATUSES in messages.ts', MESSAGE_STATUSES),
  'private.undeliverable_recipients.channel': declared('MESSAGE_CHANNELS in messages.ts', MESSAGE_CHANNELS),
  'private.subscriptions.topic_kind': declared('SUBSCRIPTION_TOPIC_KINDS in subscriptions.ts', SUBSCRIPTION_TOPIC_KINDS),
  'private.subscriptions.status': declared('SUBSCRIPTION_STATUSES in subscriptions.ts', SUBSCRIPTION_STATUSES),
  'private.subscriptions.locale': declared('MESSAGE_LOCALES in messages.ts', MESSAGE_LOCALES),
};

/** Open enumerations: the column's check is a pattern, which must be the declaration's openPattern. */
const OPEN_ENUMERATIONS: Readonly<Record<string, { declaration: string; pattern: RegExp }>> = {
  'public.units.sector': { declaration: 'SECTOR in units.ts', pattern: SECTOR.openPattern },
  'public.survey_responses.respondent_group': { declaration: 'RESPONDENT_GROUP in participation.ts', pattern: RESPONDENT_GROUP.openPattern },
  'private.survey_invitations.respondent_group': { declaration: 'RESPONDENT_GROUP in participation.ts', pattern: RESPONDENT_GROUP.openPattern },
};

/** Check constraints (schema.table.constraint) that name codes without being an enumeration, and why. */
const NOT_ENUMERATIONS: Readonly<Record<string, string>> = {
  'public.decisions.hearing_required_for_kind': 'the kinds that require a hearing: a rule over decisions.kind',
  'public.hearings.seed_is_revealed_after_signups': 'the states after sign-ups close: a rule over hearings.status',
  'private.hearing_signups.confirmed_signup_has_date_and_code':
    'the states before confirmation (pending, expired) have no date or code: a rule over hearing_signups.status',
  'private.hearing_signups.reserved_category_is_reviewed':
    'the reserved categories (RESERVED_CATEGORIES) are claims under review: a rule over hearing_signups.category',
  'public.assessment_years.qualitative_scores_complete':
    'the keys of the qualitative scoring table (final status, split by timeliness): json keys, not a column',
};

/** Enum types (schema.type) and their declarations; none so far, the schema uses check constraints. */
const ENUM_TYPES: Readonly<Record<string, Mapping>> = {};

interface CheckConstraint {
  name: string;
  /** schema.table (schema.type for a domain's check) */
  table: string;
  definition: string;
}

/** The string literals of a SQL fragment ('a'::text → a). */
const literals = (sql: string) => [...sql.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replaceAll("''", "'"));

/** `CHECK ((col = ANY (ARRAY['a'::text, …])))`, also as varchar: the column and the list. */
const WHOLE_LIST = /^CHECK \(\(\(?"?(\w+)"?\)?(?:::[\w ]+)? = ANY \(\(?(ARRAY\[[^\]]*\])(?:\)::[\w ]+\[\])?\)\)\)$/;
/** A column compared with a literal array, with one literal, or switched on by CASE. */
const COMPARED_WITH_LIST = /\(?"?(\w+)"?\)?(?:::[\w ]+)? (?:=|<>) (?:ANY|ALL) \(\(?(ARRAY\[[^\]]*\])/g;
const COMPARED_WITH_CODE = /\(?"?(\w+)"?\)?(?:::[\w ]+)? (?:=|<>) ('(?:[^']|'')*')::/g;
const CASE_ON = /CASE "?(\w+)"?([\s\S]*?)\bEND\b/g;

/** The codes a check compares each column with. */
function comparedCodes(definition: string): { column: string; codes: string[] }[] {
  return [
    ...[...definition.matchAll(COMPARED_WITH_LIST), ...definition.matchAll(COMPARED_WITH_CODE)]
      .map((m) => ({ column: m[1]!, codes: literals(m[2]!) })),
    ...[...definition.matchAll(CASE_ON)]
      .map((m) => ({ column: m[1]!, codes: [...m[2]!.matchAll(/WHEN ('(?:[^']|'')*')::/g)].flatMap((w) => literals(w[1]!)) })),
  ];
}

/** `CHECK ((col ~ 'pattern'::text))`. */
const PATTERN = /^CHECK \(\(\(?"?(\w+)"?\)?(?:::[\w ]+)? ~ '((?:[^']|'')*)'::text\)\)$/;

const difference = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));

let db: Db;
let checks: CheckConstraint[];
let enumTypes: { name: string; labels: string[] }[];

beforeAll(async () => {
  db = await createTestDb();
  checks = await db.query<CheckConstraint>(
    `select c.conname as name, n.nspname || '.' || t.relname as "table", pg_get_constraintdef(c.oid) as definition
     from pg_constraint c
     join pg_class t on t.oid = c.conrelid
     join pg_namespace n on n.oid = t.relnamespace
     where c.contype = 'c' and n.nspname in ('public', 'private')
     order by 2, 1`,
  );
  const domainChecks = await db.query<CheckConstraint>(
    `select c.conname as name, n.nspname || '.' || ty.typname as "table", pg_get_constraintdef(c.oid) as definition
     from pg_constraint c
     join pg_type ty on ty.oid = c.contypid
     join pg_namespace n on n.oid = ty.typnamespace
     where c.contype = 'c' and n.nspname in ('public', 'private')`,
  );
  checks.push(...domainChecks);
  enumTypes = await db.query<{ name: string; labels: string[] }>(
    `select n.nspname || '.' || ty.typname as name, array_agg(e.enumlabel::text order by e.enumsortorder) as labels
     from pg_type ty
     join pg_namespace n on n.oid = ty.typnamespace
     join pg_enum e on e.enumtypid = ty.oid
     where n.nspname in ('public', 'private')
     group by 1 order by 1`,
  );
});

afterAll(async () => {
  await db?.close();
});

describe('domain enumerations match the database', () => {
  it('reads the check constraints', () => {
    // Guards the parsing below: the catalogue query found the schema's checks, and the known
    // enumeration checks parse as whole lists.
    expect(checks.length).toBeGreaterThan(30);
    expect(checks.filter((c) => WHOLE_LIST.test(c.definition)).length).toBeGreaterThanOrEqual(Object.keys(ENUMERATIONS).length);
  });

  it('every enumeration check lists exactly the codes its declaration lists, and every check naming codes is accounted for', () => {
    const problems: string[] = [];
    const found = new Set<string>();
    for (const check of checks) {
      const where = `${check.table}.${check.name}`;
      const whole = WHOLE_LIST.exec(check.definition);
      if (whole) {
        const column = `${check.table}.${whole[1]}`;
        const mapping = ENUMERATIONS[column];
        if (!mapping) {
          problems.push(`${where} (${check.definition}) enumerates ${column}, which no declaration in src/lib/domain/ is mapped to: `
            + 'declare the enumeration there and add it to ENUMERATIONS in tests/db/domain.test.ts');
          continue;
        }
        found.add(column);
        const sql = literals(whole[2]!);
        const onlySql = difference(sql, mapping.codes);
        const onlyTs = difference(mapping.codes, sql);
        if (onlySql.length > 0 || onlyTs.length > 0) {
          problems.push(`${where} on ${column} differs from ${mapping.declaration}: `
            + `only in SQL [${onlySql.join(', ')}], only in TypeScript [${onlyTs.join(', ')}]`);
        }
        continue;
      }
      for (const { column, codes } of comparedCodes(check.definition)) {
        const mapping = ENUMERATIONS[`${check.table}.${column}`];
        const unknown = mapping ? difference(codes, mapping.codes) : [];
        if (unknown.length > 0) problems.push(`${where} names [${unknown.join(', ')}], not codes of ${mapping!.declaration} (${check.table}.${column})`);
      }
      if (!/ARRAY\[\s*'/.test(check.definition)) continue;
      if (!NOT_ENUMERATIONS[where]) {
        problems.push(`${where} (${check.definition}) lists literal values but is neither an enumeration nor in NOT_ENUMERATIONS: `
          + 'map its column to a declaration, or allow-list it with the reason');
      }
    }
    for (const [column, mapping] of Object.entries(ENUMERATIONS)) {
      if (!found.has(column)) problems.push(`${column}: ${mapping.declaration} is mapped to it, but no check constraint lists its values`);
    }
    for (const key of Object.keys(NOT_ENUMERATIONS)) {
      if (!checks.some((c) => `${c.table}.${c.name}` === key)) problems.push(`NOT_ENUMERATIONS names ${key}, which no longer exists`);
    }
    expect(problems).toEqual([]);
  });

  it('open enumerations accept what the database accepts', () => {
    const problems: string[] = [];
    for (const [column, { declaration, pattern }] of Object.entries(OPEN_ENUMERATIONS)) {
      const [table, name] = [column.slice(0, column.lastIndexOf('.')), column.slice(column.lastIndexOf('.') + 1)];
      const sql = checks
        .filter((c) => c.table === table)
        .map((c) => PATTERN.exec(c.definition))
        .find((m) => m?.[1] === name)?.[2];
      if (sql === undefined) problems.push(`${column}: ${declaration} is mapped to it, but no check constraint gives its pattern`);
      else if (sql !== pattern.source) problems.push(`${column}: the database's pattern ${sql} differs from ${declaration}'s ${pattern.source}`);
    }
    expect(problems).toEqual([]);
  });

  it('every enum type is mapped and lists the same codes', () => {
    const problems: string[] = [];
    for (const type of enumTypes) {
      const mapping = ENUM_TYPES[type.name];
      if (!mapping) {
        problems.push(`enum type ${type.name} (${type.labels.join(', ')}) is not mapped to a declaration in ENUM_TYPES`);
        continue;
      }
      const onlySql = difference(type.labels, mapping.codes);
      const onlyTs = difference(mapping.codes, type.labels);
      if (onlySql.length > 0 || onlyTs.length > 0) {
        problems.push(`enum type ${type.name} differs from ${mapping.declaration}: only in SQL [${onlySql.join(', ')}], only in TypeScript [${onlyTs.join(', ')}]`);
      }
    }
    for (const name of Object.keys(ENUM_TYPES)) {
      if (!enumTypes.some((t) => t.name === name)) problems.push(`ENUM_TYPES names ${name}, which does not exist`);
    }
    expect(problems).toEqual([]);
  });
});
