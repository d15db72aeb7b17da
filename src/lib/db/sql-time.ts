/** SQL that prints a timestamptz column as an ISO 8601 UTC string ("2026-02-10T02:00:00Z"), the same on every session time zone. */
export const isoUtc = (column: string): string => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
