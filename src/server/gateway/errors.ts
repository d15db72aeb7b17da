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

export { statusForSqlState } from '../../lib/errors/http-status.ts';
