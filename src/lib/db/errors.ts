/** Postgres errors as one shape, whichever adapter raised them. */

export interface PgErrorFields {
  code: string;
  message: string;
  detail?: string | undefined;
  hint?: string | undefined;
  /** 1-based character offset into the statement, for syntax errors. */
  position?: number | undefined;
  constraint?: string | undefined;
  table?: string | undefined;
  column?: string | undefined;
}

export function isPgError(error: unknown): error is Error & { code: string } {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((error as unknown as { code: string }).code)
  );
}

export function pgErrorFields(error: unknown): PgErrorFields | undefined {
  if (!isPgError(error)) return undefined;
  const e = error as unknown as Record<string, unknown>;
  const text = (key: string) => {
    const value = e[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const position = e['position'] === undefined || e['position'] === null ? undefined : Number(e['position']);
  return {
    code: error.code,
    message: error.message,
    detail: text('detail'),
    hint: text('hint'),
    position: Number.isFinite(position) ? position : undefined,
    constraint: text('constraint') ?? text('constraint_name'),
    table: text('table') ?? text('table_name'),
    column: text('column') ?? text('column_name'),
  };
}
