/** The seats-and-draw explanation and the sign-up phase: the database's live answer wins; never "0 seats left". */
import { describe, expect, it } from 'vitest';
import { useParticipation } from '../../src/i18n/participation.ts';
import { seatsExplanation, signupPhase, type SeatFigures } from '../../src/components/participation/hearing-seats.ts';

const base: SeatFigures = {
  status: 'open', seats: 20, signups: 26,
  signup_opens_at: '2026-11-01T01:00:00Z', signup_closes_at: '2026-12-05T09:00:00Z',
};
const during = Date.parse('2026-11-20T00:00:00Z');
const after = Date.parse('2026-12-06T00:00:00Z');

describe('signupPhase', () => {
  it('follows the clock on the built page, the database once live', () => {
    expect(signupPhase(base, during)).toBe('open');
    expect(signupPhase(base, after)).toBe('closed');
    expect(signupPhase(base, Date.parse('2026-10-01T00:00:00Z'))).toBe('upcoming');
    // Live: the database closed it although the visitor's clock says open, and the other way round.
    expect(signupPhase({ ...base, signup_open: false }, during)).toBe('closed');
    expect(signupPhase({ ...base, signup_open: true }, after)).toBe('open');
    expect(signupPhase({ ...base, status: 'closed', signup_open: false }, during)).toBe('closed');
    expect(signupPhase({ ...base, status: 'held' }, during)).toBe('closed');
  });
});

describe('seatsExplanation', () => {
  const zh = useParticipation('zh-CN');
  const en = useParticipation('en');
  it('oversubscribed and open: a draw decides, and signing up still counts', () => {
    const text = seatsExplanation(zh, 'zh-CN', base, 'open');
    expect(text[0]).toBe('已有26人确认报名，代表席位20个。');
    expect(text[1]).toBe(zh('hearings.draw.overOpen'));
    expect(text[2]).toContain('2026年12月5日');
    expect(text.join('')).not.toMatch(/剩余席位|尚余席位0/);
    expect(seatsExplanation(en, 'en', base, 'open')[0]).toBe('26 people have confirmed a sign-up for 20 seats.');
  });

  it('under the seats: the free seats; full or closed: no count of zero', () => {
    expect(seatsExplanation(en, 'en', { ...base, signups: 13 }, 'open')[1]).toMatch(/^Seats still free: 7\./);
    expect(seatsExplanation(en, 'en', { ...base, signups: 20 }, 'open')[1]).toBe(en('hearings.draw.fullOpen'));
    expect(seatsExplanation(en, 'en', { ...base, signups: 20 }, 'closed')[1]).toBe(en('hearings.draw.notOverClosed'));
    expect(seatsExplanation(en, 'en', base, 'closed')[1]).toBe(en('hearings.draw.overClosed'));
    for (const signups of [0, 13, 20, 26, 40]) {
      for (const phase of ['open', 'closed', 'upcoming'] as const) {
        expect(seatsExplanation(en, 'en', { ...base, signups }, phase).join(' ')).not.toMatch(/\b0 seats\b|free: 0/);
      }
    }
  });
});
