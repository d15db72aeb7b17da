/**
 * `gongshi hearing`: citizen-representative hearings (src/lib/hearings/hearings.ts) — options in,
 * the database's answers out.
 */
import fs from 'node:fs';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { dateTime, matching, requiredText, text, wholeNumber } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import {
  cancelHearing, closeHearing, openHearing, recordHearingOutcome, SIGNUP_CATEGORIES, verifyHearing, type HearingVerification,
} from '../../lib/hearings/hearings.ts';
import { renderTable } from '../table.ts';

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
        must match the published hash) and draws the lottery among the confirmed sign-ups
        (pending ones, never confirmed by their contact, expire). Reserved seats go only to
        claims confirmed with signups review. Every entrant is sent the result.
  record-outcome <id> --for N --against N --abstain N --summary TEXT [--present N]
        From the hearing's date on: records the vote, at most one per selected representative
        (and, with --present, per representative present).
        A majority against (more than half of the votes cast) withdraws the decision; otherwise
        it becomes heard.
  cancel <id> --reason TEXT
        Cancels a hearing that has not been held (also before its sign-up deadline); everyone
        confirmed is told, with the reason.
  verify <id>
        Recomputes the lottery from the published data only (seed, public ids, categories, seats,
        quotas) and compares it with the published result. Exit code 1 on any difference.

Times are ISO 8601, e.g. 2026-12-20T09:00+08:00.`;

const hearingId = (arg: string | undefined): number =>
  Number(matching(arg, /^\d+$/, 'Name the hearing by its number, e.g. hearing close 12 …'));

function parseQuotas(v: string | boolean | undefined): [string, number][] {
  if (typeof v !== 'string' || v.trim() === '') return [];
  return v.split(',').map((part) => {
    const m = /^\s*([a-z_]+)\s*=\s*(\d+)\s*$/.exec(part);
    if (!m || !SIGNUP_CATEGORIES.includes(m[1]!)) throw new UsageError(`--quotas takes category=seats pairs (${SIGNUP_CATEGORIES.join(', ')}), got "${part}".`);
    return [m[1]!, Number(m[2])];
  });
}

/** The verification as `hearing verify` prints it. */
export function formatVerification(id: number, v: HearingVerification): string {
  switch (v.kind) {
    case 'no-draw':
      return `Hearing ${id} (${v.status}) has no published draw yet.`;
    case 'no-lottery':
      return v.ok ? `Hearing ${id}: no lottery was needed (${v.signups} sign-ups for ${v.seats} seats); everyone was selected. OK` : `Hearing ${id}: no seed was revealed, yet not everyone was selected.`;
    case 'lottery':
      return [
        `Hearing ${id}: ${v.signups} sign-ups, ${v.seats} seats, quotas ${JSON.stringify(v.quotas)}`,
        `Seed commitment: ${v.hashMatches ? 'sha256(seed) matches the published hash' : 'MISMATCH between the seed and the published hash'}`,
        v.mismatches.length === 0 ? 'Draw: the published order and selection equal the recomputation. OK'
          : `Draw: ${v.mismatches.length} difference(s):\n${renderTable(['public id', 'field', 'published', 'recomputed'], v.mismatches.map((m) => [m.public_id, m.field, m.published, m.recomputed]))}`,
      ].join('\n');
  }
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
    const actor = text(values['actor']) ?? process.env['USER'] ?? 'staff';
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
        const db = await openDb();
        try {
          const { id, seed, seedHash } = await openHearing(db, spec, actor);
          const file = text(values['seed-file']) ?? `hearing-${id}.seed`;
          fs.writeFileSync(file, `${seed}\n`, { mode: 0o600, flag: 'wx' });
          console.log(`Hearing ${id} is open. Published seed hash: ${seedHash}`);
          console.log(`The secret seed is in ${file}: keep it private until sign-ups close, then run: hearing close ${id} --reveal-seed @${file}`);
        } finally {
          await db.close();
        }
        return 0;
      }
      case 'close': {
        const id = hearingId(idArg);
        const raw = text(values['reveal-seed']) ?? null;
        const seed = raw?.startsWith('@') ? fs.readFileSync(raw.slice(1), 'utf8').trim() : raw;
        const db = await openDb();
        try {
          const r = await closeHearing(db, id, seed);
          console.log(`Hearing ${id} closed: ${r.signups} sign-ups for ${r.seats} seats; ${r.selected} selected, ${r.waitlisted} waitlisted.`
            + `${r.expired ? ` ${r.expired} never confirmed by their contact expired.` : ''} Each entrant is sent the result.`);
          console.log(formatVerification(id, await verifyHearing(db, id)));
        } finally {
          await db.close();
        }
        return 0;
      }
      case 'record-outcome': {
        const id = hearingId(idArg);
        const votes = { for: wholeNumber(values['for'], 'for'), against: wholeNumber(values['against'], 'against'), abstain: wholeNumber(values['abstain'], 'abstain') };
        const summary = requiredText(values['summary'], 'summary');
        const present = values['present'] === undefined ? null : wholeNumber(values['present'], 'present');
        const db = await openDb();
        try {
          const r = await recordHearingOutcome(db, id, votes, summary, present, actor);
          console.log(`Hearing ${id} held: ${votes.for} for, ${votes.against} against, ${votes.abstain} abstaining.` +
            (r.majority_opposed ? ' The majority opposed.' : '') + (r.decision_status ? ` The decision is now ${r.decision_status}.` : ''));
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
          await cancelHearing(db, id, reason);
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
          const verification = await verifyHearing(db, id);
          console.log(formatVerification(id, verification));
          return verification.ok ? 0 : 1;
        } finally {
          await db.close();
        }
      }
      default:
        throw new UsageError('hearing needs an action: open, close, record-outcome, cancel or verify.');
    }
  },
};
