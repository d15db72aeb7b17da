/**
 * The HTTP status PostgREST derives from an error code (docs.postgrest.org, "Errors" → "HTTP
 * Status Codes"): the gateway answers with it and /api/ documents it, so the two cannot differ.
 */

/**
 * The HTTP status PostgREST answers for a SQLSTATE. `authenticated` is false for the anonymous
 * role: an insufficient privilege is then 401 (log in), otherwise 403.
 */
export function statusForSqlState(code: string, authenticated: boolean): number {
  const pt = /^PT(\d{3})$/.exec(code);
  if (pt) {
    const status = Number(pt[1]);
    return status >= 100 && status <= 599 ? status : 500;
  }
  if (code.startsWith('PT')) return 500;
  switch (code) {
    case '23503':
    case '23505':
      return 409;
    case '25006':
      return 405;
    case '21000':
      return 500;
    case '42883':
    case '42P01':
      return 404;
    case '42P17':
      return 500;
    case '42501':
      return authenticated ? 403 : 401;
    case 'P0001':
      return 400;
    case '53400':
      return 500;
    case '57P01':
      return 503;
  }
  const prefix = code.slice(0, 2);
  switch (prefix) {
    case '08':
    case '53':
      return 503;
    case '0L':
    case '0P':
    case '28':
      return 403;
    case '09':
    case '25':
    case '2D':
    case '38':
    case '39':
    case '3B':
    case '40':
    case '54':
    case '55':
    case '57':
    case '58':
    case 'F0':
    case 'HV':
    case 'P0':
    case 'XX':
      return 500;
  }
  return 400;
}

/** PostgREST's own codes the gateway answers with, and their status. */
const PGRST_STATUS: Readonly<Record<string, number>> = { PGRST202: 404, PGRST301: 401, PGRST302: 401 };

/**
 * The status an anonymous caller gets for a code of the error catalogue: PostgREST's own codes
 * (PGRSTxxx) as the gateway answers them, a SQLSTATE or PTxxx as statusForSqlState; null for the
 * codes no server answers with (NETWORK, UNEXPECTED: set by the client).
 */
export function statusForCode(code: string): number | null {
  if (code.startsWith('PGRST')) return PGRST_STATUS[code] ?? null;
  if (!/^(PT\d{3}|[0-9A-Z]{5})$/.test(code)) return null;
  return statusForSqlState(code, false);
}
