import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { dateTime, requiredText, wholeNumber } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import type { Db } from '../../lib/db/types.ts';
import { sha256Hex, verifyDraw, type DrawResult } from '../../lib/hearings/lottery.ts';
import { renderTable } from '../table.ts';

const CATEGORIES = ['citizen_representative', 'npc_deputy', 'cppcc_member', 'expert', 'affected_resident', 'other'];

const HELP = `Usage: npm run gongshi -- hearing <action> [options]

  open --decision SLUG --title T --summary S --venue V --held-at TIME --seats N
       --signup-opens TIME|now --signup-closes TIME [--quotas expert=2,affected_resident=3]
       [--seed-file FILE]
        Creates the hearing, draws a secret lottery seed (256 bits), writes it to FILE (default
        hearing-<id>.seed, readable only by you; keep it until sign-ups close) and publishes its
        SHA-256 now, so sign-ups can open now or later, never earlier. The decision moves to
        hearing_scheduled.
  close <id> --reveal-seed SEED|@FILE
        Once the published sign-up deadline has passed: closes sign-ups, reveals the seed (it
        must match the published hash) and draws the lottery.
  record-outcome <id> --for N --against N --abstain N --summary TEXT [--present N]
        From the hearing's date on: records the vote, at most one per selected representative
        (and, with --present, per representative present).
        A majority against (more than half of the votes cast) withdraws the decision; otherwise
        it becomes heard.
  cancel <id> --reason TEXT
        Cancels a hearing that has not been held (also before its sign-up deadline).
  verify <id>
        Recomputes the lottery from the published data only (seed, public ids, categories, seats,
        quotas) and compares it with the published result. Exit code 1 on any difference.

Times are ISO 8601, e.g. 2026-12-20T09:00+08:00.`;

const hearingId = (arg: string | undefined): number => {
  if (!arg || !/^\d+$/.test(arg)) throw new UsageError('Name the hearing by its number, e.g. hearing close 12 …');
  return Number(arg);
};

function parseQuotas(v: string | boolean | undefined): [string, number][] {
  if (typeof v !== 'string' || v.trim() === '') return [];
  return v.split(',').map((part) => {
    const m = /^\s*([a-z_]+)\s*=\s*(\d+)\s*$/.exec(part);
    if (!m || !CATEGORIES.includes(m[1]!)) throw new UsageError(`--quotas takes category=seats pairs (${CATEGORIES.join(', ')}), got "${part}".`);
    return [m[1]!, Number(m[2])];
  });
}

export async function verifyHearing(db: Db, id: number): Promise<{ ok: boolean; report: string }> {
  // Only what anyone can read: the anonymous role's view of the published data.
  return db.asRole('anon', async (tx) => {
    const [h] = await tx.query<{ seats: number; lottery_seed: string | null; lottery_seed_hash: string | null; status: string }>(
      `select seats, lottery_seed, lottery_seed_hash, status from public.hearings where id = $1`, [id]);
    if (!h) throw new UsageError(`There is no hearing ${id}.`);
    const draws = await tx.query<DrawResult>(
      `select public_id, category, draw_key, draw_order, drawn from public.hearing_draws where hearing_id = $1 order by draw_order`, [id]);
    if (draws.length === 0) return { ok: false, report: `Hearing ${id} (${h.status}) has no published draw yet.` };
    if (h.lottery_seed === null) {
      const everyone = draws.every((d) => d.drawn === 'selected') && draws.length <= h.seats;
      return { ok: everyone, report: everyone ? `Hearing ${id}: no lottery was needed (${draws.length} sign-ups for ${h.seats} seats); everyone was selected. OK` : `Hearing ${id}: no seed was revealed, yet not everyone was selected.` };
    }
    const quotas = Object.fromEntries((await tx.query<{ category: string; seats: number }>(
      `select category, seats from public.hearing_quotas where hearing_id = $1`, [id])).map((q) => [q.category, q.seats]));
    const { hashMatches: hashOk, mismatches } = await verifyDraw({
      seed: h.lottery_seed, seedHash: h.lottery_seed_hash, seats: h.seats, quotas, draws,
    });
    const lines = [
      `Hearing ${id}: ${draws.length} sign-ups, ${h.seats} seats, quotas ${JSON.stringify(quotas)}`,
      `Seed commitment: ${hashOk ? 'sha256(seed) matches the published hash' : 'MISMATCH between the seed and the published hash'}`,
      mismatches.length === 0 ? 'Draw: the published order and selection equal the recomputation. OK'
        : `Draw: ${mismatches.length} difference(s):\n${renderTable(['public id', 'field', 'published', 'recomputed'], mismatches.map((m) => [m.public_id, m.field, m.published, m.recomputed]))}`,
    ];
    return { ok: hashOk && mismatches.length === 0, report: lines.join('\n') };
  });
}

export const hearingCommand: Command = {
  name: 'hearing',
  summary: 'Open, close (lottery), record and verify citizen-representative hearings',
  help: HELP,
  options: {
    decision: { type: 'string' }, title: { type: 'string' }, summary: { type: 'string' }, venue: { type: 'string' },
    'held-at': { type: 'string' }, seats: { type: 'string' }, 'signup-opens': { type: 'string' }, 'signup-closes': { type: 'string' },
    quotas: { type: 'string' }, 'seed-file': { type: 'string' }, 'reveal-seed': { type: 'string' },
    for: { type: 'string' }, against: { type: 'string' }, abstain: { type: 'string' }, present: { type: 'string' }, reason: { type: 'string' }, actor: { type: 'string' },
  },
  async run(values, positionals) {
    const [action, idArg] = positionals;
    const actor = typeof values['actor'] === 'string' ? values['actor'] : (process.env['USER'] ?? 'staff');
    switch (action) {
      case 'open': {
        const spec = {
          decision: requiredText(values['decision'], 'decision'), title: requiredText(values['title'], 'title'), summary: requiredText(values['summary'], 'summary'),
          venue: requiredText(values['venue'], 'venue'), heldAt: dateTime(values['held-at'], 'held-at'), seats: wholeNumber(values['seats'], 'seats'),
          // "now": the database's own clock, the moment the seed is committed.
          opens: values['signup-opens'] === 'now' ? null : dateTime(values['signup-opens'], 'signup-opens'),
          closes: dateTime(values['signup-closes'], 'signup-closes'),
          quotas: parseQuotas(values['quotas']),
        };
        const seed = crypto.randomBytes(32).toString('base64url');
        const db = await openDb();
        try {
          const id = await db.transaction(async (tx) => {
            await tx.query(`select set_config('gongshi.actor', $1, true)`, [actor]);
            const [d] = await tx.query<{ id: number; unit_id: number; status: string }>(`select id, unit_id, status from public.decisions where slug = $1 for update`, [spec.decision]);
            if (!d) throw new UsageError(`There is no decision "${spec.decision}".`);
            const [h] = await tx.query<{ id: number }>(
              `insert into public.hearings (decision_id, unit_id, title, summary, venue, held_at, seats, signup_opens_at, signup_closes_at)
               values ($1, $2, $3, $4, $5, $6, $7, coalesce($8::timestamptz, now()), $9) returning id::int as id`,
              [d.id, d.unit_id, spec.title, spec.summary, spec.venue, spec.heldAt, spec.seats, spec.opens, spec.closes]);
            for (const [category, seats] of spec.quotas) {
              await tx.query(`insert into public.hearing_quotas (hearing_id, category, seats) values ($1, $2, $3)`, [h!.id, category, seats]);
            }
            await tx.query(`select private.commit_lottery_seed($1, $2)`, [h!.id, await sha256Hex(seed)]);
            if (d.status === 'proposed' || d.status === 'heard') {
              await tx.query(`update public.decisions set status = 'hearing_scheduled', status_reason = $2 where id = $1`, [d.id, `听证会 ${h!.id} 已安排`]);
            }
            return h!.id;
          });
          const file = typeof values['seed-file'] === 'string' ? values['seed-file'] : `hearing-${id}.seed`;
          fs.writeFileSync(file, `${seed}\n`, { mode: 0o600, flag: 'wx' });
          console.log(`Hearing ${id} is open. Published seed hash: ${await sha256Hex(seed)}`);
          console.log(`The secret seed is in ${file}: keep it private until sign-ups close, then run: hearing close ${id} --reveal-seed @${file}`);
        } finally {
          await db.close();
        }
        return 0;
      }
      case 'close': {
        const id = hearingId(idArg);
        const raw = typeof values['reveal-seed'] === 'string' ? values['reveal-seed'] : null;
        const seed = raw?.startsWith('@') ? fs.readFileSync(raw.slice(1), 'utf8').trim() : raw;
        const db = await openDb();
        try {
          const [r] = await db.transaction((tx) => tx.query<{ r: { signups: number; seats: number; selected: number; waitlisted: number } }>(
            `select private.close_hearing($1, $2) as r`, [id, seed]));
          console.log(`Hearing ${id} closed: ${r!.r.signups} sign-ups for ${r!.r.seats} seats; ${r!.r.selected} selected, ${r!.r.waitlisted} waitlisted.`);
          console.log((await verifyHearing(db, id)).report);
        } finally {
          await db.close();
        }
        return 0;
      }
      case 'record-outcome': {
        const id = hearingId(idArg);
        const votes = [wholeNumber(values['for'], 'for'), wholeNumber(values['against'], 'against'), wholeNumber(values['abstain'], 'abstain')];
        const summary = requiredText(values['summary'], 'summary');
        const present = values['present'] === undefined ? null : wholeNumber(values['present'], 'present');
        const db = await openDb();
        try {
          const [r] = await db.transaction(async (tx) => {
            await tx.query(`select set_config('gongshi.actor', $1, true)`, [actor]);
            return tx.query<{ r: { majority_opposed: boolean; decision_status: string | null } }>(
              `select private.record_hearing_outcome($1, $2, $3, $4, $5, $6) as r`, [id, ...votes, summary, present]);
          });
          console.log(`Hearing ${id} held: ${votes[0]} for, ${votes[1]} against, ${votes[2]} abstaining.` +
            (r!.r.majority_opposed ? ' The majority opposed.' : '') + (r!.r.decision_status ? ` The decision is now ${r!.r.decision_status}.` : ''));
        } finally {
          await db.close();
        }
        return 0;
      }
      case 'cancel': {
        const id = hearingId(idArg);
        const reason = requiredText(values['reason'], 'reason');
        const db = await openDb();
        try {
          await db.transaction(async (tx) => {
            const done = await tx.query(`update public.hearings set status = 'cancelled', outcome_summary = $2 where id = $1 returning id`, [id, reason]);
            if (done.length === 0) throw new UsageError(`There is no hearing ${id}.`);
          });
          console.log(`Hearing ${id} cancelled.`);
        } finally {
          await db.close();
        }
        return 0;
      }
      case 'verify': {
        const id = hearingId(idArg);
        const db = await openDb();
        try {
          const { ok, report } = await verifyHearing(db, id);
          console.log(report);
          return ok ? 0 : 1;
        } finally {
          await db.close();
        }
      }
      default:
        throw new UsageError('hearing needs an action: open, close, record-outcome, cancel or verify.');
    }
  },
};
