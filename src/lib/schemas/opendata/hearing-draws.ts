/**
 * Dataset "hearing-draws": every hearing's verifiable lottery, one row per person in the draw —
 * with what anyone needs to recompute it (the committed hash and when it was published, the
 * revealed seed, seats and reserved seats) and never a name unless its holder consented.
 */
import { z } from 'zod';
import { column } from '../../opendata/columns.ts';
import { DrawOutcomeSchema, DrawStatusSchema } from '../../domain/hearings.ts';
import { YearSchema } from './common.ts';

export const HearingDrawRowSchema = z.strictObject({
  year: column(YearSchema, '年度（听证会举行日期）', 'Year (of the hearing date)'),
  hearing_id: column(z.number().int(), '听证会编号', 'Hearing number'),
  hearing_title: column(z.string(), '听证会', 'Hearing'),
  decision_slug: column(z.string().nullable(), '重大决策编号', 'Major decision it hears (empty: a hall hearing)'),
  held_at: column(z.string(), '举行时间', 'When the hearing is held (ISO 8601, UTC)'),
  seats: column(z.number().int(), '代表名额', 'Seats'),
  reserved_seats: column(z.string(), '保留名额', 'Seats reserved per category, filled first (category:seats; …)'),
  seed_hash: column(z.string(), '抽签种子承诺（SHA-256）', 'SHA-256 of the lottery seed, published before sign-ups opened'),
  seed_committed_at: column(z.string(), '承诺公布时间', 'When that commitment was published (ISO 8601, UTC)'),
  signups_opened_at: column(z.string(), '报名开始', 'When sign-ups opened (ISO 8601, UTC)'),
  seed: column(z.string().nullable(), '抽签种子', 'The seed, revealed when sign-ups closed (empty: no lottery was needed)'),
  public_id: column(z.string(), '报名编号', 'Public id of the sign-up'),
  category: column(z.string(), '抽签类别（预留类别经工作人员核实；未核实为 general 一般名额）',
    'Category drawn in: a reserved category only when staff confirmed the claim, else general (the general pool)'),
  district_code: column(z.string().nullable(), '所在区市代码', 'District code (empty: not given)'),
  draw_key: column(z.string(), '抽签键', 'sha256(seed + ":" + public id), hex'),
  draw_order: column(z.number().int(), '抽签顺序', 'Order in the draw (keys ascending)'),
  drawn: column(DrawOutcomeSchema, '抽签结果', 'Result of the draw'),
  current_status: column(DrawStatusSchema, '目前状态', 'Status since: withdrawn, or selected from the waitlist'),
  listed_name: column(z.string().nullable(), '姓名（经本人同意）', 'Name, only where its holder agreed to be listed'),
});
export type HearingDrawRow = z.output<typeof HearingDrawRowSchema>;
