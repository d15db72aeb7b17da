/**
 * Opinions of the Decision Consultation Committee (决策咨询委员会) on major decisions, keyed by
 * decision, committee group and date. An opinion is public once it has a publication date; the
 * decision page and its log show it.
 */
import { z } from 'zod';
import { date, oneOf, optional, pattern, required, text } from '../cells.ts';
import type { ColumnSpec } from '../columns.ts';
import { defineKind } from '../kind.ts';
import { loadStored, syncRows } from '../sync.ts';
import { CONSULTATION_POSITION, vocabAlternatives } from '../vocab.ts';
import { asJson, unknown } from './refs.ts';

const SLUG_RE = /^[a-z0-9][a-z0-9-]{2,80}$/;

export const CONSULTATION_COLUMNS: readonly ColumnSpec[] = [
  { key: 'decision_slug', zh: '决策编号', aliases: ['重大决策编号', '决策'], required: true, type: 'code', doc: 'The slug of a stored major decision.', example: 'tiered-water-prices-2026' },
  { key: 'panel', zh: '咨询组', aliases: ['咨询委员会', '专家组'], required: true, type: 'text', doc: 'The committee or its expert group: 2–200 characters. With the decision and the date, the natural key.', example: '决策咨询委员会经济组' },
  { key: 'panel_en', zh: '英文咨询组', required: false, type: 'text', doc: 'Free text.', example: 'Economy group, Decision Consultation Committee' },
  { key: 'position', zh: '意见', aliases: ['咨询意见', '立场'], required: true, type: 'enum', vocab: CONSULTATION_POSITION,
    doc: vocabAlternatives(CONSULTATION_POSITION) + '.', example: 'support_with_changes' },
  { key: 'opinion', zh: '意见内容', aliases: ['意见全文', '内容'], required: true, type: 'text', doc: '2–8000 characters.', example: '建议对低收入家庭给予补贴。' },
  { key: 'opinion_en', zh: '英文意见内容', required: false, type: 'text', doc: 'Free text.', example: '' },
  { key: 'given_on', zh: '出具日期', aliases: ['日期', '意见日期'], required: true, type: 'date', doc: 'YYYY-MM-DD: the day the committee gave the opinion.', example: '2026-03-20' },
  { key: 'published_on', zh: '公开日期', aliases: ['公布日期'], required: false, type: 'date',
    doc: 'YYYY-MM-DD, on or after the opinion was given: from then on it is public (empty: not yet public).', example: '2026-03-23' },
];

export const ConsultationRowSchema = z.object({
  decision_slug: required(pattern(SLUG_RE, 'decision slug (lower-case letters, digits and hyphens)')),
  panel: required(text({ min: 2, max: 200 })),
  panel_en: optional(text({ max: 400 })),
  position: required(oneOf(CONSULTATION_POSITION)),
  opinion: required(text({ min: 2, max: 8000 })),
  opinion_en: optional(text({ max: 16000 })),
  given_on: required(date),
  published_on: optional(date),
});
export type ConsultationRow = z.output<typeof ConsultationRowSchema>;

const keyOf = (decision: string, panel: string, givenOn: string) => `${decision}|${panel}|${givenOn}`;

export const consultationsKind = defineKind<ConsultationRow>({
  name: 'consultations',
  label: { zh: '决策咨询意见', en: 'consultation opinions' },
  keyDoc: 'decision, committee group and date',
  columns: CONSULTATION_COLUMNS,
  schema: ConsultationRowSchema,
  keyColumn: 'panel',
  key: (r) => keyOf(r.decision_slug, r.panel, r.given_on),
  yearScoped: false,
  async apply(tx, rows, ctx) {
    const decisions = new Map((await tx.query<{ id: number; slug: string }>(`select id::int as id, slug from public.decisions`)).map((d) => [d.slug, d.id]));
    // Stored rows by decision id, group and date: their columns are exactly what the file sets.
    const stored = await loadStored<{ id: number; decision_id: string; panel: string; given_on: string }>(
      tx,
      `select c.id, c.decision_id::text as decision_id, c.panel, c.given_on::text as given_on, c.panel_en, c.recommendation,
              c.opinion, c.opinion_en, (c.published_at at time zone 'Asia/Shanghai')::date::text as published_at
       from public.consultations c
       where c.decision_id = any (array(select jsonb_array_elements_text($1::text::jsonb)::bigint))`,
      [asJson([...new Set(rows.flatMap((r) => decisions.get(r.value.decision_slug) ?? []))])],
      (r) => keyOf(r.decision_id, r.panel, r.given_on),
    );
    const items = [];
    for (const { row, value: v } of rows) {
      const decisionId = decisions.get(v.decision_slug);
      if (decisionId === undefined) {
        ctx.error(row, 'decision_slug', unknown('decision', v.decision_slug, decisions.keys()));
        ctx.tick();
        continue;
      }
      if (v.published_on && v.published_on < v.given_on) {
        ctx.error(row, 'published_on', `an opinion given on ${v.given_on} cannot be public before it (${v.published_on})`);
        ctx.tick();
        continue;
      }
      items.push({
        row,
        existing: stored.get(keyOf(String(decisionId), v.panel, v.given_on))?.[0],
        values: {
          decision_id: String(decisionId), panel: v.panel, panel_en: v.panel_en, recommendation: v.position,
          opinion: v.opinion, opinion_en: v.opinion_en, given_on: v.given_on,
          published_at: v.published_on === undefined ? undefined : v.published_on,
        },
      });
    }
    await syncRows(tx, ctx, {
      table: 'public.consultations',
      errors: {
        fallback: 'panel',
        columns: {
          consultations_one_per_panel_and_day: 'panel', decision_id: 'decision_slug', panel: 'panel', panel_en: 'panel_en',
          recommendation: 'position', opinion: 'opinion', opinion_en: 'opinion_en', given_on: 'given_on',
          published_at: 'published_on', consultation_published_after_given: 'published_on',
        },
      },
    }, items);
  },
  exportRows: (q) => q.query(
    `select d.slug as decision_slug, c.panel, c.panel_en, c.recommendation as position, c.opinion, c.opinion_en,
            c.given_on::text as given_on, (c.published_at at time zone 'Asia/Shanghai')::date::text as published_on
     from public.consultations c join public.decisions d on d.id = c.decision_id
     order by d.slug, c.given_on, c.panel`,
  ),
});
