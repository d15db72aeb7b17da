/**
 * PostgREST's error contract: the body `{code, message, details, hint}` and the HTTP status
 * derived from the SQLSTATE (docs.postgrest.org, "Errors" → "HTTP Status Codes").
 */

export interface ApiErrorBody {
  code: string;
  message: string;
  details: string | null;
  hint: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
}

export function apiError(status: number, code: string, message: string, details: string | null = null, hint: string | null = null): ApiError {
  return new ApiError(status, { code, message, details, hint });
}

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
