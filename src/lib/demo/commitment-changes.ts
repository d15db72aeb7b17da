/**
 * The demo city's changed commitments: three of this year's public commitments are changed after
 * publication (1 February), one of them twice, each with the reason the database requires and
 * recorded by its own trigger, at the date the change was made. Deterministic: a function of the
 * city, no clock.
 */
import type { Queryable } from '../db/types.ts';
import type { DemoCity, Row } from './generate.ts';
import { at, backToNow } from './decisions.ts';

export interface DemoCommitmentChange {
  target_id: number;
  old_text: string;
  new_text: string;
  reason: string;
  /** When the change took effect (Beijing time). */
  at: string;
}

/** This year's published top-level public commitments, in code order; the changes pick from these. */
function candidates(city: DemoCity): Row[] {
  return city.targets
    .filter((t) => t.year === city.year && t.status === 'published' && t.parent_id === null && t.is_public_commitment === true)
    .sort((a, b) => String(a.code).localeCompare(String(b.code)));
}

/** Every change in the order it was made (oldest first); the texts chain per target. */
export function demoCommitmentChanges(city: DemoCity): DemoCommitmentChange[] {
  const all = candidates(city);
  const codeOf = new Map(city.indicators.map((i) => [i.id, String(i.code)]));
  const used = new Set<Row>();
  // Changes that fit the indicator; texts only: deadline, weight and value stay as published.
  const pick = (codes: string[]): Row => {
    const found = all.find((t) => !used.has(t) && codes.includes(codeOf.get(t.indicator_id) ?? ''));
    if (!found) throw new Error(`The demo city has no public commitment on ${codes.join(', ')} to change.`);
    used.add(found);
    return found;
  };
  const homes = pick(['PB-HOU', 'PB-ELD', 'SO-SCH']);
  const places = pick(['SO-SCH', 'PB-ELD', 'PB-HOU']);
  const growth = pick(['SP-GDP', 'SP-TRD', 'PB-INC']);
  const y = city.year;
  const text = (t: Row) => String(t.commitment_text);
  const add = (t: string, clause: string) => `${t.replace(/。$/, '')}${clause}。`;

  const inspected = add(text(homes), '，并邀请市民代表现场查验');
  return [
    {
      target_id: homes.id as number, old_text: text(homes), new_text: inspected, at: `${y}-04-15T10:00:00+08:00`,
      reason: '采纳市民代表的建议，增加市民代表现场查验环节。',
    },
    {
      target_id: places.id as number, old_text: text(places), new_text: add(text(places), '，新增部分优先安排在新纳入城区的2个片区'),
      at: `${y}-06-10T10:00:00+08:00`,
      reason: '经市政府常务会议研究，2个片区新纳入城区，新增部分优先在这两个片区安排。',
    },
    {
      target_id: growth.id as number, old_text: text(growth), new_text: add(text(growth), '（以市统计局年度核定数据为准）'),
      at: `${y}-08-05T10:00:00+08:00`,
      reason: '根据市民代表意见，明确完成情况的认定依据，避免口径争议。',
    },
    {
      target_id: homes.id as number, old_text: inspected, new_text: add(inspected, '，每季度向社会公开进展情况'),
      at: `${y}-09-20T10:00:00+08:00`,
      reason: '采纳市民议事厅意见，补充按季度公开进展的要求，便于群众监督。',
    },
  ];
}

/** Makes each change the way staff do: with a reason, so the database records it (record_commitment_change). */
export async function loadDemoCommitmentChanges(tx: Queryable, city: DemoCity): Promise<void> {
  for (const change of demoCommitmentChanges(city)) {
    await at(tx, change.at);
    await tx.query(`select set_config('gongshi.change_reason', $1, true)`, [change.reason]);
    await tx.query(`update public.targets set commitment_text = $2 where id = $1`, [change.target_id, change.new_text]);
  }
  await tx.query(`select set_config('gongshi.change_reason', '', true)`);
  await backToNow(tx);
}
