/**
 * What the hearing page says about seats and the draw, from the figures of the build or, once the
 * island has them, the live ones (public.hearing_availability, whose signup_open is the database's
 * clock). Never "0 seats left": more sign-ups than seats means a draw decides, not that it is too late.
 */
import type { Locale } from '../../i18n/ui.ts';
import type { HearingStatus } from '../../lib/domain/hearings.ts';
import type { ParticipationTranslator } from '../../i18n/participation.ts';
import { formatDateTime, windowState, type WindowState } from './format.ts';

export interface SeatFigures {
  status: HearingStatus;
  seats: number;
  signups: number;
  signup_opens_at: string;
  signup_closes_at: string;
  /** The database's answer when live; undefined on the built page. */
  signup_open?: boolean;
}

/** Whether sign-up is upcoming, open or closed; the database's signup_open wins over any clock. */
export function signupPhase(f: SeatFigures, now = Date.now()): WindowState {
  if (f.status !== 'open') return 'closed';
  if (f.signup_open === true) return 'open';
  const byClock = windowState(f.signup_opens_at, f.signup_closes_at, now);
  return f.signup_open === false && byClock !== 'upcoming' ? 'closed' : byClock;
}

/** The explanation, one sentence per entry: counts, who decides, when, how, how people are told. */
export function seatsExplanation(t: ParticipationTranslator, locale: Locale, f: SeatFigures, phase: WindowState): string[] {
  const closes = formatDateTime(f.signup_closes_at, locale);
  const vars = { signups: f.signups, seats: f.seats, left: f.seats - f.signups, closes };
  const open = phase !== 'closed';
  const standing = f.signups > f.seats
    ? t(open ? 'hearings.draw.overOpen' : 'hearings.draw.overClosed', vars)
    : !open
      ? t('hearings.draw.notOverClosed', vars)
      : t(f.signups === f.seats ? 'hearings.draw.fullOpen' : 'hearings.draw.underOpen', vars);
  return [t('hearings.draw.count', vars), standing, t(open ? 'hearings.draw.when' : 'hearings.draw.whenClosed', vars), t('hearings.draw.how'), t('hearings.draw.told')];
}
