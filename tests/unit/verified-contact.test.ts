/**
 * What the participation forms keep in the browser: the verified contact (reused until shortly
 * before it expires) and the quick-answer browser token (made once, in the form the database takes).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  browserToken, forgetVerifiedContact, loadVerifiedContact, saveVerifiedContact,
} from '../../src/components/participation/verified-contact.ts';

class MemoryStorage {
  #items = new Map<string, string>();
  getItem(key: string) { return this.#items.get(key) ?? null; }
  setItem(key: string, value: string) { this.#items.set(key, String(value)); }
  removeItem(key: string) { this.#items.delete(key); }
}

beforeEach(() => {
  Object.defineProperty(globalThis, 'localStorage', { value: new MemoryStorage(), configurable: true });
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'localStorage');
});

describe('the verified contact', () => {
  it('is kept and reused until ten minutes before it expires, then no longer offered', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    saveVerifiedContact({ token: 'T', expiresAt: '2026-12-31T00:00:00Z', contact: 'a***@example.org' });
    expect(loadVerifiedContact(now)).toEqual({ token: 'T', expiresAt: '2026-12-31T00:00:00Z', contact: 'a***@example.org' });
    expect(loadVerifiedContact(Date.parse('2026-12-30T23:55:00Z'))).toBeNull();
    forgetVerifiedContact();
    expect(loadVerifiedContact(now)).toBeNull();
  });

  it('ignores what it cannot read', () => {
    localStorage.setItem('gongshi.verifiedContact', '{not json');
    expect(loadVerifiedContact()).toBeNull();
    localStorage.setItem('gongshi.verifiedContact', JSON.stringify({ token: 1 }));
    expect(loadVerifiedContact()).toBeNull();
  });
});

describe('the browser token', () => {
  it('is 128 random bits in the form submit_survey_response takes, made once and kept', () => {
    const token = browserToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
    expect(browserToken()).toBe(token);
    expect(localStorage.getItem('gongshi.browserToken')).toBe(token);
  });
});
