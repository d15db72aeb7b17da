/**
 * The form's first check of a contact: the same normalisation as private.contact_key() in
 * supabase/migrations/20261130000060_contacts.sql (which stays the authority), so a form says
 * "not an e-mail address or phone number" before sending instead of relaying the database's 400.
 * tests/db/contacts.test.ts holds the two to the same answers.
 */

const FULL_WIDTH = /[０-９＋]/g;
const SEPARATORS = /[\s().\-‐–—]/g;

/** A phone number in E.164 (default region CN), or null when it is not one. */
export function phoneE164(value: string): string | null {
  const v = value.trim().replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(SEPARATORS, '');
  let national: string;
  if (v.startsWith('+86')) national = v.slice(3).replace(/^0/, '');
  else if (v.startsWith('0086')) national = v.slice(4).replace(/^0/, '');
  else if (/^\+[1-9][0-9]{6,14}$/.test(v)) return v;
  else if (/^00[1-9][0-9]{6,14}$/.test(v)) return `+${v.slice(2)}`;
  else if (/^0[1-9]/.test(v)) national = v.slice(1);
  else national = v;
  const mainland = /^1[3-9][0-9]{9}$/.test(national) || /^(10|2[0-9])[2-9][0-9]{7}$/.test(national) || /^[3-9][0-9]{2}[2-9][0-9]{6,7}$/.test(national);
  return mainland ? `+86${national}` : null;
}

const EMAIL = /^[^@\s]{1,64}@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/;
const GMAIL = new Set(['gmail.com', 'googlemail.com']);
const PLUS_TAGS = new Set(['outlook.com', 'hotmail.com', 'live.com', 'icloud.com', 'me.com', 'fastmail.com', 'proton.me', 'protonmail.com']);

/** An e-mail address in canonical form (provider aliases folded), or null when it is not one. */
export function emailKey(value: string): string | null {
  const v = value.trim().toLowerCase();
  if (!EMAIL.test(v)) return null;
  let [local, domain] = v.split('@') as [string, string];
  if (GMAIL.has(domain)) {
    domain = 'gmail.com';
    local = local.split('+')[0]!.replaceAll('.', '');
  } else if (PLUS_TAGS.has(domain)) {
    local = local.split('+')[0]!;
  }
  return local === '' ? null : `${local}@${domain}`;
}

/** The normalised contact (what "once per person" compares), or null when it is neither kind. */
export function contactKey(value: string): string | null {
  const v = value.slice(0, 200);
  return v.includes('@') ? emailKey(v) : phoneE164(v);
}

export const isContact = (value: string): boolean => contactKey(value) !== null;
