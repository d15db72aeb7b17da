/**
 * The organisation department's file of cadre evaluations (personnel data, schema private): every
 * city-managed cadre's rating in one assessment run, with the inputs it was derived from. Read as
 * the service role; written to a new file readable by its owner only, marked as personnel data.
 */
import fs from 'node:fs';
import type { ColumnSpec, Lang } from '../import/columns.ts';
import type { ExportRow } from '../import/kind.ts';
import type { Encoding, Format } from '../import/read.ts';
import {
  BOOLEAN, CADRE_RATING as RATING, CADRE_RATING_RULE as RULE, CONSEQUENCE, GRADE, type Vocab,
} from '../import/vocab.ts';
import { writeSheet } from '../import/write.ts';
import type { Db } from '../db/types.ts';

const column = (key: string, zh: string, type: ColumnSpec['type'], doc: string, vocab?: Vocab): ColumnSpec =>
  ({ key, zh, type, doc, required: false, example: '', ...(vocab ? { vocab } : {}) });

/** The file's columns, in order. */
export const CADRE_EVALUATION_COLUMNS: readonly ColumnSpec[] = [
  column('unit_code', '单位代码', 'code', 'the assessed unit'),
  column('unit_name', '单位名称', 'text', 'the assessed unit'),
  column('cadre_name', '姓名', 'text', 'the cadre'),
  column('title', '职务', 'text', 'the cadre\'s post'),
  column('is_principal', '是否主要负责人', 'boolean', 'principal leaders are rated as their unit', BOOLEAN),
  column('own_targets', '本人负责目标数', 'int', 'targets whose responsible leader is the cadre, scored in the run'),
  column('own_achievement', '本人目标完成度', 'number', 'their achievement (0–100), weighted by points like the target score; empty without own targets'),
  column('unit_total', '单位总分', 'number', 'the unit\'s total score'),
  column('unit_rank', '单位排名', 'int', 'the unit\'s rank in its pool'),
  column('unit_pool_size', '同组单位数', 'int', 'units in the pool'),
  column('unit_grade', '单位等次', 'enum', 'the unit\'s grade', GRADE),
  column('unit_consequence', '单位结果运用', 'enum', 'the unit\'s consequence', CONSEQUENCE),
  column('unit_rating', '单位对应评价', 'enum', 'the rating the unit\'s consequence gives', RATING),
  column('rule_applied', '评价规则', 'enum', 'how the rating follows from the unit rating', RULE),
  column('rating', '评价结果', 'enum', 'the cadre\'s rating', RATING),
  column('basis', '评价依据', 'text', 'the inputs and the rule, in words'),
  column('run_version', '考核版本', 'int', 'the assessment run (a correction is a new version)'),
  column('published', '是否已发布', 'boolean', 'published runs are final; a draft may still change', BOOLEAN),
];

/** The first line of every file: what it holds and who may see it. */
export const PERSONNEL_NOTICE: Record<Lang, string> = {
  zh: '干部考核评价结果：人事档案资料，含个人信息。仅供组织部门使用，不得公开或转发。',
  en: 'Cadre evaluations: personnel data (personal information). For the organisation department only; do not publish or forward.',
};

export interface EvaluationRun {
  id: number;
  year: number;
  version: number;
  published: boolean;
}

/**
 * The run to export: the given version, else the latest published one. Without one, the refusal
 * says what is missing and the command that provides it.
 */
export async function chooseRun(db: Db, year: number, version?: number): Promise<{ run: EvaluationRun } | { refusal: string }> {
  const runs = await db.query<EvaluationRun>(
    `select id::int as id, year, version, published_at is not null as published from public.assessment_runs
     where year = $1 order by version`,
    [year],
  );
  if (runs.length === 0) {
    return { refusal: `The ${year} assessment has not been computed, so there are no cadre evaluations to export. `
      + `Compute it first: npm run gongshi -- assess compute --year ${year}` };
  }
  if (version !== undefined) {
    const run = runs.find((r) => r.version === version);
    return run ? { run } : { refusal: `The ${year} assessment has no version ${version}: its versions are ${runs.map((r) => r.version).join(', ')}.` };
  }
  const published = runs.filter((r) => r.published).at(-1);
  if (published) return { run: published };
  const draft = runs.at(-1)!;
  return { refusal: `The ${year} assessment is not published yet: version ${draft.version} is a draft, which may still change. `
    + `Publish it (npm run gongshi -- assess publish --year ${year}), or export the draft with --version ${draft.version}.` };
}

const labelOf = (vocab: Vocab, code: string | null, lang: Lang) => {
  const entry = vocab.entries.find((e) => e.code === code);
  return entry ? entry[lang] : (code ?? '');
};

/**
 * The basis in the file's language, from the inputs stored with the evaluation (the stored basis
 * text is the database's own English account of the same inputs).
 */
export function basisIn(row: ExportRow, lang: Lang): string {
  const v = (key: string) => row[key] ?? '';
  const rating = (key: string) => labelOf(RATING, row[key] ?? null, lang);
  if (lang === 'zh') {
    const unit = `单位总分${v('unit_total')}，同组${v('unit_pool_size')}个单位中第${v('unit_rank')}名，等次${labelOf(GRADE, v('unit_grade'), 'zh')}，`
      + `结果运用${labelOf(CONSEQUENCE, v('unit_consequence'), 'zh')}，对应评价${rating('unit_rating')}`;
    const own = `本人负责目标${v('own_targets')}项，完成度${v('own_achievement')}`;
    const rule: Record<string, string> = {
      principal: '主要负责人，按单位评价',
      no_own_targets: '无本人负责目标，按单位评价',
      follows_unit: `${own}，按单位评价`,
      lowered: `${own}，低于${v('lower_below')}，降一档为${rating('rating')}`,
      raised: `${own}，达到${v('raise_from')}且单位等次为${labelOf(GRADE, v('unit_grade'), 'zh')}，升一档为${rating('rating')}`,
    };
    return `${unit}；${rule[v('rule_applied')] ?? ''}。`;
  }
  const unit = `unit total ${v('unit_total')}, rank ${v('unit_rank')} of ${v('unit_pool_size')}, grade ${labelOf(GRADE, v('unit_grade'), 'en')}, `
    + `consequence ${labelOf(CONSEQUENCE, v('unit_consequence'), 'en')} → unit rating ${rating('unit_rating')}`;
  const own = `own targets: ${v('own_targets')}, achievement ${v('own_achievement')}`;
  const rule: Record<string, string> = {
    principal: 'principal leader: rated as the unit',
    no_own_targets: 'no own targets: rated as the unit',
    follows_unit: `${own}: rated as the unit`,
    lowered: `${own}, below ${v('lower_below')} → lowered one step to ${rating('rating')}`,
    raised: `${own}, from ${v('raise_from')} in a ${labelOf(GRADE, v('unit_grade'), 'en')} unit → raised one step to ${rating('rating')}`,
  };
  return `${unit}; ${rule[v('rule_applied')] ?? ''}.`;
}

/** Every evaluation of a run, unit by unit (municipal units first), cadres in their posts' order. */
export async function readCadreEvaluations(db: Db, run: EvaluationRun, lang: Lang = 'zh'): Promise<ExportRow[]> {
  const rows = await db.asRole('service_role', (tx) => tx.query<ExportRow>(
    // Numbers as float8 text (97.5, not 97.50), so that XLSX cells hold numbers.
    `select u.code as unit_code, u.name as unit_name, c.name as cadre_name, c.title, e.is_principal::text as is_principal,
            e.own_targets::text as own_targets, e.own_achievement::float8::text as own_achievement,
            a.total_score::float8::text as unit_total, a.rank_in_pool::text as unit_rank, a.pool_size::text as unit_pool_size,
            e.unit_grade, e.unit_consequence, e.unit_rating, e.rule_applied, e.rating,
            y.cadre_lower_below::float8::text as lower_below, y.cadre_raise_from::float8::text as raise_from,
            $2::text as run_version, $3::text as published
     from private.cadre_evaluations e
     join public.cadres c on c.id = e.cadre_id
     join public.units u on u.id = e.unit_id
     join public.annual_assessments a on a.run_id = e.run_id and a.unit_id = e.unit_id
     join public.assessment_years y on y.year = e.year
     where e.run_id = $1
     order by u.kind desc, u.sort_order, u.code, c.is_principal desc, c.sort_order, c.id`,
    [run.id, String(run.version), String(run.published)],
  ));
  // The thresholds are read for the basis only; they are not columns of the file.
  return rows.map((r) => {
    const { lower_below: _lower, raise_from: _raise, ...row } = r;
    return { ...row, basis: basisIn(r, lang) };
  });
}

export interface CadreEvaluationExport {
  year: number;
  version?: number | undefined;
  format: Format;
  lang: Lang;
  encoding?: Encoding | undefined;
}

/**
 * Writes a run's evaluations to `file`, which must not exist yet: it is created readable by its
 * owner only (mode 0600) and removed again if writing fails.
 */
export async function exportCadreEvaluations(db: Db, file: string, options: CadreEvaluationExport):
  Promise<{ run: EvaluationRun; rows: number } | { refusal: string }> {
  const chosen = await chooseRun(db, options.year, options.version);
  if ('refusal' in chosen) return chosen;
  const rows = await readCadreEvaluations(db, chosen.run, options.lang);
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return { refusal: `${file} already exists: personnel files are never overwritten. Choose another --out, or delete the old file first.` };
    }
    throw error;
  }
  try {
    // writeSheet reopens the file for writing, which keeps the mode it was created with.
    await writeSheet(file, CADRE_EVALUATION_COLUMNS, rows, {
      format: options.format, lang: options.lang, encoding: options.encoding,
      sheetName: options.lang === 'zh' ? `${options.year}年干部考核评价` : `Cadre evaluations ${options.year}`,
      preamble: PERSONNEL_NOTICE[options.lang],
    });
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  return { run: chosen.run, rows: rows.length };
}
