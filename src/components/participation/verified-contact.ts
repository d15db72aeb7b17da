/**
 * What the participation forms keep in the browser (localStorage): the verified contact's token
 * from verify_contact, reused until it expires so that a person confirms a contact once for many
 * opinions and answers; and the browser token of quick survey answers, a random id made once.
 * Storage may be unavailable (disabled, private mode): then nothing is kept beyond the page.
 */

export interface VerifiedContact {
  token: string;
  /** ISO time after which the database no longer takes the token. */
  expiresAt: string;
  /** The contact as the database masked it, e.g. a***@example.org. */
  contact: string;
}

const CONTACT_KEY = 'gongshi.verifiedContact';
const BROWSER_KEY = 'gongshi.browserToken';
/** A token this close to its expiry is not offered any more: it could lapse while the form is filled in. */
const MARGIN_MS = 10 * 60 * 1000;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** The kept verified contact, unless it is missing, malformed or about to expire. */
export function loadVerifiedContact(now = Date.now()): VerifiedContact | null {
  try {
    const raw = storage()?.getItem(CONTACT_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<VerifiedContact>;
    if (typeof value.token !== 'string' || typeof value.expiresAt !== 'string' || typeof value.contact !== 'string') return null;
    if (!(Date.parse(value.expiresAt) - MARGIN_MS > now)) return null;
    return { token: value.token, expiresAt: value.expiresAt, contact: value.contact };
  } catch {
    return null;
  }
}

export function saveVerifiedContact(contact: VerifiedContact): void {
  try {
    storage()?.setItem(CONTACT_KEY, JSON.stringify(contact));
  } catch {
    // Not kept: the person confirms again next time.
  }
}

export function forgetVerifiedContact(): void {
  try {
    storage()?.removeItem(CONTACT_KEY);
  } catch {
    // Nothing was kept.
  }
}

let pageBrowserToken: string | undefined;

/** 128 random bits, base64url (22 characters): what submit_survey_response takes as browser_token. */
function newBrowserToken(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** This browser's token for quick answers: made once and kept; one quick answer per survey with it. */
export function browserToken(): string {
  const store = storage();
  try {
    const kept = store?.getItem(BROWSER_KEY);
    if (kept && /^[A-Za-z0-9_-]{22,64}$/.test(kept)) return kept;
  } catch {
    // Fall through to a token for this page.
  }
  pageBrowserToken ??= newBrowserToken();
  try {
    store?.setItem(BROWSER_KEY, pageBrowserToken);
  } catch {
    // Kept for this page only.
  }
  return pageBrowserToken;
}
