/**
 * Exact decimal arithmetic for the verifier: published figures are decimals with a fixed number of
 * places, as Postgres' numeric stores them, so they are compared and combined as whole numbers of
 * hundredths (or finer) — floating point would round some halves the other way.
 */

/** Hundredths of points, the unit every published score is rounded to. */
export const cents = (x: number) => Math.round(x * 100);
/** Thousandths: the year's part weights (numeric(4, 3)). */
export const thousandths = (x: number) => Math.round(x * 1000);
/** Ten-thousandths: respondent-group weights, shares of 1 with up to four decimals. */
export const tenThousandths = (x: number) => Math.round(x * 10000);

/** n / d rounded half away from zero, for integers with d > 0 (Postgres' round(numeric)). */
export function divideRounded(n: number, d: number): number {
  const q = Math.floor((2 * Math.abs(n) + d) / (2 * d));
  return n < 0 ? -q : q;
}
