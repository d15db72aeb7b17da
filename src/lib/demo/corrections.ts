/**
 * The demo city's corrections after publication, one chain the way it happens: the statistics
 * bureau's final figures (核定数) for last year show that a unit's December quick report (快报数)
 * understated a target, so the unit files a corrected report; the annual bulletin of that year is
 * corrected by an erratum; and the year's published assessment is recomputed as a new version with
 * the reason, published in its turn while the first version stays visible. Dates are fixed in the
 * following spring; the target is chosen from the data by a fixed rule, so the demo stays
 * deterministic.
 */
import type { Queryable } from '../db/types.ts';
import { renderBulletin, bulletinSlug } from '../bulletins/render.ts';
import { PeriodFiguresSchema } from '../schemas/period-figures.ts';
import { periodFiguresAsOf } from './figures.ts';
import type { DemoCity } from './generate.ts';
import { INDICATORS } from './indicators.ts';

export interface DemoCorrection {
  year: number;
  target_code: string;
  /** When the corrected report was filed, the erratum published and the new version computed and published. */
  reported_at: string;
  erratum_at: string;
  computed_at: string;
  published_at: string;
}

/** The calendar of the correction chain for the last closed year (the spring after it). */
export function demoCorrectionDates(city: DemoCity): Omit<DemoCorrection, 'target_code'> {
  const next = city.year;
  return {
    year: city.year - 1,
    reported_at: `${next}-04-08T10:00:00+08:00`,
    erratum_at: `${next}-04-10T10:00:00+08:00`,
    computed_at: `${next}-04-15T10:00:00+08:00`,
    published_at: `${next}-04-20T10:00:00+08:00`,
  };
}

const CUMULATIVE = INDICATORS.filter((ind) => ind.shape === 'cumulative' && ind.measure !== '%');

/**
 * Files the corrected report, the erratum and the corrected assessment version. Runs after last
 * year's assessment is published (and before anything reads it, such as accountability cases).
 */
export async function loadDemoCorrections(tx: Queryable, city: DemoCity): Promise<DemoCorrection> {
  const dates = demoCorrectionDates(city);
  const { year } = dates;
  // A municipal unit in the middle of its pool, a cumulative target narrowly missed in December:
  // the kind of figure the statistics bureau's final count revises.
  const [found] = await tx.query<{
    report_id: number; target_id: number; code: string; title: string; target: string; indicator: string; measure: string;
  }>(
    `select r.id::int as report_id, t.id::int as target_id, t.code, t.title, t.target_value::text as target,
            i.code as indicator, i.measure
     from public.current_progress_reports r
     join public.targets t on t.id = r.target_id
     join public.indicators i on i.id = t.indicator_id
     join public.assessment_results a on a.unit_id = t.unit_id and a.year = t.year
     where t.year = $1 and t.parent_id is null and t.status = 'published' and r.period = $1 || '-12'
       and r.status = 'not_completed' and r.progress_pct >= 95 and i.direction = 'higher'
       and i.code = any ($2::text[]) and a.pool = 'municipal_unit' and a.rank_in_pool between 25 and 60
       and a.consequence = 'none'
     order by t.code limit 1`,
    [year, CUMULATIVE.map((ind) => ind.code)]);
  if (!found) throw new Error(`The demo city has no ${year} target narrowly missed in December to correct.`);
  const spec = INDICATORS.find((ind) => ind.code === found.indicator)!;
  const target = Number(found.target);
  const actual = Number((target * 1.004).toFixed(spec.decimals));
  const shown = `${actual}${found.measure}`;
  const reason = `经市统计局年度核定，全年实际完成${shown}，原12月上报数为快报数，予以更正。`;
  await tx.query(
    `insert into public.progress_reports (target_id, period, status, actual_value, progress_pct, result_text,
       supersedes_id, correction_reason, reported_at)
     values ($1, $2, 'completed', $3, 100, $4, $5, $6, $7)`,
    [found.target_id, `${year}-12`, actual, `${found.title}已完成，实际完成${shown}。`, found.report_id, reason, dates.reported_at]);

  // The erratum of the annual bulletin, from fresh figures, as `gongshi bulletin correct` writes it.
  const [old] = await tx.query<{ id: number; title: string; title_en: string | null; published_at: string }>(
    `select id::int as id, title, title_en, to_char(published_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as published_at
     from public.bulletins where kind = 'annual' and period = $1 and supersedes_id is null and published_at is not null`,
    [String(year)]);
  if (!old) throw new Error(`The demo city has no published annual bulletin of ${year} to correct.`);
  const figures = PeriodFiguresSchema.parse(await periodFiguresAsOf(tx, 'annual', String(year), dates.erratum_at));
  const text = renderBulletin(figures);
  const why = `市统计局年度核定后，「${found.title}」由未完成更正为已完成，本通报的完成情况统计相应更正。`;
  const whyEn = `After the statistics bureau's final count, target ${found.code} is corrected from not completed to completed; the completion figures of this bulletin are corrected accordingly.`;
  await tx.query(
    `insert into public.bulletins (slug, kind, period, title, title_en, summary, summary_en, body, body_en, stats,
       supersedes_id, correction_reason, created_at, published_at)
     values ($1, 'annual', $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10, $11, $12, $12)`,
    [`${bulletinSlug('annual', String(year))}-r2`, String(year), `${text.title}（更正）`, text.title_en ? `${text.title_en} (corrected)` : null,
     text.summary, text.summary_en,
     `**更正说明**：本通报更正${old.published_at}发布的《${old.title}》。更正原因：${why}\n\n${text.body}`,
     text.body_en ? `**Correction**: this bulletin corrects "${old.title_en ?? old.title}" published on ${old.published_at}. Reason: ${whyEn}\n\n${text.body_en}` : null,
     JSON.stringify(figures), old.id, why, dates.erratum_at]);

  // The corrected assessment: version 2 of the year, with the reason, published in its turn.
  await tx.query(`select private.compute_assessment($1, $2, $3)`,
    [year, `市统计局年度核定后，${found.code}「${found.title}」更正为已完成，据此重新计算${year}年度考核结果。`, dates.computed_at]);
  await tx.query(`select private.publish_assessment($1, $2)`, [year, dates.published_at]);
  return { ...dates, target_code: found.code };
}
