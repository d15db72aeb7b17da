/**
 * `gongshi signups export`: the hearing office's list of sign-ups with names and contacts
 * (src/lib/hearings/signups.ts) — the one place where contacts leave the database.
 * `gongshi signups claims` / `signups review`: reserved-category claims listed (contacts masked)
 * and confirmed or refused before the draw (private.review_signup_claim).
 */
import path from 'node:path';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { flag, matching, noMore, text } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import { migrate } from '../../lib/db/migrate.ts';
import { exportSignups, listClaims, reviewClaim } from '../../lib/hearings/signups.ts';
import { CLAIM_REVIEW } from '../../lib/domain/hearings.ts';

export const signupsCommand: Command = {
  name: 'signups',
  summary: 'Export a hearing\'s sign-ups for the hearing office; review reserved-category claims',
  help: `Usage: npm run gongshi -- signups export --hearing ID [--out FILE] [--include-withdrawn]
       npm run gongshi -- signups claims --hearing ID
       npm run gongshi -- signups review --hearing ID --signup PUBLICID (--confirm | --refuse --reason TEXT)

export: writes the confirmed sign-ups of a hearing to a new CSV file (UTF-8 with BOM): public id, name, contact,
district, category, statement, status and time of sign-up. This is the only way contacts leave
the database: the file holds personal data, is created readable by you alone (mode 0600) and is
never overwritten. Keep it only as long as the hearing office needs it. Sign-ups whose contact
never confirmed its code (pending, expired) are not listed: they are nobody yet.

claims: lists the sign-ups that claim a category with reserved seats (NPC deputy, CPPCC member,
expert, affected resident): public id, name, masked contact, district, claim and its review, the
ones to review first. Contacts are shown masked only.

review: confirms a claim, or refuses it with a reason, while sign-ups are open (the draw uses the
reviews as they stand when sign-ups close). Only confirmed claims fill reserved seats; the others
draw in the general pool, and the published draw says which.

Options:
  --hearing ID          the hearing (see the hearing's page: /hearings/ID/)
  --out FILE            default: hearing-ID-signups.csv
  --include-withdrawn   also list withdrawn sign-ups
  --signup PUBLICID     the sign-up to review (its public id, e.g. 7KQ2M9XD)
  --confirm             the claim is confirmed (e.g. the deputy's card was checked)
  --refuse              the claim is refused; give --reason`,
  options: {
    hearing: { type: 'string' },
    out: { type: 'string' },
    'include-withdrawn': { type: 'boolean' },
    signup: { type: 'string' },
    confirm: { type: 'boolean' },
    refuse: { type: 'boolean' },
    reason: { type: 'string' },
  },
  async run(values, positionals) {
    const [action, ...extra] = positionals;
    if (action !== 'export' && action !== 'claims' && action !== 'review') {
      throw new UsageError(action ? `Unknown action "${action}".` : 'signups needs an action: export, claims or review.');
    }
    noMore(extra);
    const hearing = matching(values['hearing'], /^\d{1,15}$/, `signups ${action} needs --hearing ID (a number).`);
    if (action === 'claims') return claims(Number(hearing));
    if (action === 'review') {
      const signup = matching(values['signup'], /^[0-9A-Za-z]{8}$/, 'signups review needs --signup PUBLICID (8 letters and digits).');
      if (flag(values['confirm']) === flag(values['refuse'])) throw new UsageError('signups review needs exactly one of --confirm or --refuse.');
      const decision = flag(values['confirm']) ? 'confirmed' : 'refused';
      const reason = text(values['reason']) ?? null;
      if (decision === 'refused' && !reason) throw new UsageError('signups review --refuse needs --reason TEXT (kept with the sign-up).');
      const db = await openDb();
      try {
        await migrate(db);
        const r = await reviewClaim(db, Number(hearing), signup, decision, reason);
        console.log(`Sign-up ${r.public_id} (${r.category}): claim ${r.review}${r.reason ? ` — ${r.reason}` : ''}.`);
        return 0;
      } finally {
        await db.close();
      }
    }
    const file = text(values['out']) ?? `hearing-${hearing}-signups.csv`;
    const db = await openDb();
    try {
      await migrate(db);
      const { title, count } = await exportSignups(db, Number(hearing), file, flag(values['include-withdrawn']));
      console.log(`Wrote ${count} sign-up(s) of "${title}" to ${path.relative(process.cwd(), path.resolve(file)) || file}.`);
      console.log('The file holds names and contacts: personal data. Hand it to the hearing office only, and delete it when done.');
      return 0;
    } finally {
      await db.close();
    }
  },
};

async function claims(hearing: number): Promise<number> {
  const db = await openDb();
  try {
    await migrate(db);
    const { title, status, rows } = await listClaims(db, hearing);
    console.log(`Reserved-category claims of hearing ${hearing} "${title}" (${status}): ${rows.length}`);
    for (const r of rows) {
      const review = CLAIM_REVIEW.labels[r.review as keyof typeof CLAIM_REVIEW.labels]?.en ?? r.review;
      console.log(`  ${r.public_id}  ${r.category.padEnd(17)}  ${review.padEnd(15)}  ${r.name}  ${r.contact}  ${r.district ?? '—'}${r.reason ? `  (${r.reason})` : ''}`);
    }
    const open = rows.filter((r) => r.review === 'claimed').length;
    if (open > 0 && status === 'open') console.log(`${open} to review: signups review --hearing ${hearing} --signup PUBLICID --confirm | --refuse --reason "…"`);
    return 0;
  } finally {
    await db.close();
  }
}
