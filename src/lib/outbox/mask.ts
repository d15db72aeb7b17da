/**
 * Masks a recipient for logs (as private.mask_contact does in SQL): `+86 138****8000`,
 * `a***@example.org`. Logs are shared and kept; full contacts stay in the database.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export function maskRecipient(recipient: string): string {
  const at = recipient.lastIndexOf('@');
  if (at > 0) return `${recipient[0]}***${recipient.slice(at)}`;
  if (recipient.startsWith('+')) {
    const phone = parsePhoneNumberFromString(recipient);
    const cc = phone?.countryCallingCode ?? '';
    const national = phone ? String(phone.nationalNumber) : recipient.slice(1);
    const head = national.slice(0, Math.max(0, Math.min(3, national.length - 8)));
    const tail = national.length > 6 ? national.slice(-4) : '';
    return `+${cc}${cc ? ' ' : ''}${head}${'*'.repeat(Math.max(4, national.length - head.length - tail.length))}${tail}`;
  }
  return '***';
}
