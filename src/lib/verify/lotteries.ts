/**
 * Every hearing lottery recomputed from the open dataset hearing-draws: the seed against the hash
 * committed before sign-ups opened, then each entrant's key, order and result (src/lib/hearings/
 * lottery.ts holds the draw itself, shared with the /hearings/verify/ page and the CLI).
 */
import { DRAW_CATEGORIES } from '../domain/hearings.ts';
import type { HearingDrawRow } from '../schemas/opendata/hearing-draws.ts';
import { GENERAL_POOL, verifyDraw } from '../hearings/lottery.ts';

export interface LotteryFinding {
  year: number;
  hearing_id: number;
  problem: string;
}

/** "category:seats; …" as published, to a map (empty text: no reserved seats). */
export function parseReservedSeats(text: string): Record<string, number> {
  const quotas: Record<string, number> = {};
  for (const part of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([^:]+):(\d+)$/.exec(part);
    if (!match) throw new Error(`reserved seats "${text}": "${part}" is not category:seats`);
    quotas[match[1]!.trim()] = Number(match[2]);
  }
  return quotas;
}

export async function verifyLotteries(year: number, rows: readonly HearingDrawRow[]): Promise<{ hearings: number; findings: LotteryFinding[] }> {
  const byHearing = Map.groupBy(rows, (r) => r.hearing_id);
  const findings: LotteryFinding[] = [];
  for (const [hearing_id, draws] of byHearing) {
    const first = draws[0]!;
    const say = (problem: string) => findings.push({ year, hearing_id, problem });
    if (first.seed_committed_at > first.signups_opened_at) {
      say(`the seed's hash was published at ${first.seed_committed_at}, after sign-ups opened at ${first.signups_opened_at}`);
    }
    // Entrants are published in the category they were drawn in: a reserved category only when
    // staff confirmed the claim, else the general pool, for which no seats can be reserved.
    const quotas = parseReservedSeats(first.reserved_seats);
    if (GENERAL_POOL in quotas) say(`seats are reserved for the general pool (${first.reserved_seats}), which is no category`);
    for (const d of draws) {
      if (!(DRAW_CATEGORIES as readonly string[]).includes(d.category)) say(`${d.public_id}: "${d.category}" is not a category entrants are drawn in`);
    }
    if (first.seed === null) {
      // No lottery: every entrant fits, so every entrant is selected.
      const waitlisted = draws.filter((d) => d.drawn !== 'selected').length;
      if (draws.length > first.seats || waitlisted > 0) say(`no seed was revealed, yet ${draws.length} entrants for ${first.seats} seats (${waitlisted} waitlisted)`);
      continue;
    }
    const { hashMatches, mismatches } = await verifyDraw({
      seed: first.seed,
      seedHash: first.seed_hash,
      seats: first.seats,
      quotas,
      draws,
    });
    if (!hashMatches) say(`the revealed seed does not hash to the commitment ${first.seed_hash}`);
    for (const m of mismatches) say(`${m.public_id}: ${m.field} published ${m.published}, recomputed ${m.recomputed}`);
  }
  return { hearings: byHearing.size, findings };
}
