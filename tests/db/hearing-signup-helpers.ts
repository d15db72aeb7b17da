/**
 * Hearing sign-ups as a person makes them: with a verified-contact token (as a browser that
 * confirmed the contact before holds one), or by reading the code from the queued message, as the
 * contact's owner would from their mailbox.
 */
import type { Db, Queryable, Role, RoleContext } from '../../src/lib/db/types.ts';
import { callRpc, type Args } from './participation-fixtures.ts';

/** A verified-contact token for `contact`, as confirming a code would give (issued as the owner). */
export async function contactToken(db: Queryable, contact: string): Promise<string> {
  const [row] = await db.query<{ token: string }>(
    `select private.issue_contact_token(private.contact_key($1, 'contact')) ->> 'contact_token' as token`, [contact]);
  return row!.token;
}

export interface ConfirmedSignup {
  hearing_id: number;
  public_id: string;
  status: string;
  confirmation_code: string;
  contact_token: string;
  contact_token_expires_at: string;
  contact: string;
}

export interface CallOptions {
  role?: Role;
  context?: RoleContext;
}

/** Signs up with a token for the contact: confirmed at once; answers the management code. */
export async function signUpVerified(db: Db, args: Args & { contact: string }, options: CallOptions = {}): Promise<ConfirmedSignup> {
  const contact_token = await contactToken(db, args.contact);
  return callRpc<ConfirmedSignup>(db, 'sign_up_for_hearing', { ...args, contact_token }, options);
}

/** The newest code queued for `contact` (the outbox keeps it until the message is sent). */
export async function codeSentTo(db: Queryable, contact: string): Promise<string> {
  const [row] = await db.query<{ code: string }>(
    `select payload ->> 'code' as code from private.outbox
     where recipient = private.contact_key($1, 'contact') and template = 'contact_code' order by id desc limit 1`, [contact]);
  if (!row?.code) throw new Error(`no code queued for ${contact}`);
  return row.code;
}

/** Signs up without a token, reads the code from the message and confirms: the whole flow. */
export async function signUpByCode(db: Db, args: Args & { hearing_id: number; contact: string }, options: CallOptions = {}): Promise<ConfirmedSignup> {
  await callRpc(db, 'sign_up_for_hearing', args, options);
  const code = await codeSentTo(db, args.contact);
  return callRpc<ConfirmedSignup>(db, 'confirm_hearing_signup', { hearing_id: args.hearing_id, contact: args.contact, code }, options);
}
