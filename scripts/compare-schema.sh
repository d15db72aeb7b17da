#!/bin/sh
# Proves that two sets of migrations build the same database: applies supabase/local/bootstrap.sql
# and each set to a fresh database of its own, dumps both (pg_dump --schema-only, the reference
# rows the migrations insert, and catalogue listings of policies, privileges, function definitions,
# constraints, triggers and comments) and diffs them. Exits 0 when they are identical.
#
#   sh scripts/compare-schema.sh [BEFORE_DIR] [AFTER_DIR]
#
# BEFORE_DIR defaults to /tmp/migrations-before (a copy of supabase/migrations taken before a
# refactor), AFTER_DIR to supabase/migrations. DATABASE_URL picks the server (Postgres 15+, a
# superuser); the databases fold_before and fold_after are dropped and recreated on it.
# The dumps are kept in $OUT (default /tmp/compare-schema) for a closer look.
set -eu
cd "$(dirname "$0")/.."
BEFORE_DIR=${1:-/tmp/migrations-before}
AFTER_DIR=${2:-supabase/migrations}
URL=${DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/postgres}
OUT=${OUT:-/tmp/compare-schema}
BOOTSTRAP=supabase/local/bootstrap.sql
mkdir -p "$OUT"
PGOPTIONS='-c client_min_messages=warning'
export PGOPTIONS

db_url() { printf '%s' "$URL" | sed "s#/[^/?]*\(?.*\)\{0,1\}\$#/$1\1#"; }

build() { # name dir
  psql "$URL" -q -v ON_ERROR_STOP=1 -c "drop database if exists $1 with (force)" -c "create database $1"
  psql "$(db_url "$1")" -q -v ON_ERROR_STOP=1 -1 -f "$BOOTSTRAP" >/dev/null
  for f in $(ls "$2" | grep -E '^[0-9]+_[A-Za-z0-9_-]+\.sql$' | sort); do
    psql "$(db_url "$1")" -q -v ON_ERROR_STOP=1 -1 -f "$2/$f" >/dev/null || { echo "failed: $2/$f" >&2; exit 1; }
  done
}

# Lines that differ between any two dumps: tool versions and pg_dump's random \restrict key.
strip() { grep -v -e '^-- Dumped \(from\|by\)' -e '^\\\(un\)\{0,1\}restrict '; }

dump() { # name
  u=$(db_url "$1")
  pg_dump --schema-only --no-owner "$u" | strip > "$OUT/$1.schema.sql"
  # Rows the migrations insert (rate limits, the decision state machine); the salt is random.
  pg_dump --data-only --no-owner --inserts --exclude-table=private.installation_secrets "$u" \
    2>/dev/null | strip > "$OUT/$1.data.sql"
  psql "$u" -X -A -q -v ON_ERROR_STOP=1 > "$OUT/$1.catalog.txt" <<'SQL'
\echo == policies
select schemaname, tablename, policyname, permissive, roles, cmd, qual, with_check
from pg_policies order by 1, 2, 3;
\echo == relation privileges and RLS
select n.nspname, c.relname, c.relkind, c.relacl::text, c.relrowsecurity, c.relforcerowsecurity
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname in ('public', 'private', 'rpc_impl', 'auth') order by 1, 2;
\echo == column privileges
select table_schema, table_name, column_name, grantee, privilege_type from information_schema.column_privileges
where table_schema in ('public', 'private') and grantor <> grantee order by 1, 2, 3, 4, 5;
\echo == columns
select table_schema, table_name, ordinal_position, column_name, data_type, is_nullable, column_default
from information_schema.columns where table_schema in ('public', 'private') order by 1, 2, 3;
\echo == constraints
select conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid, true), condeferrable, condeferred
from pg_constraint where connamespace in ('public'::regnamespace, 'private'::regnamespace) order by 1, 2;
\echo == indexes
select schemaname, tablename, indexname, indexdef from pg_indexes
where schemaname in ('public', 'private') order by 1, 2, 3;
\echo == triggers
select tgrelid::regclass::text, tgname, pg_get_triggerdef(oid, true), tgenabled from pg_trigger
where not tgisinternal order by 1, 2;
\echo == functions
select p.oid::regprocedure::text as signature, p.proacl::text, pg_get_functiondef(p.oid)
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where n.nspname in ('public', 'private', 'rpc_impl', 'auth') order by 1;
\echo == comments
select c.classoid::regclass::text,
       coalesce(pg_describe_object(c.classoid, c.objoid, c.objsubid), '?'), c.description
from pg_description c where c.classoid <> 'pg_proc'::regclass or c.objoid > 16384 order by 1, 2;
\echo == schemas and default privileges
select nspname, nspacl::text from pg_namespace where nspname in ('public', 'private', 'rpc_impl', 'auth') order by 1;
select pg_get_userbyid(defaclrole), defaclnamespace::regnamespace::text, defaclobjtype, defaclacl::text
from pg_default_acl order by 1, 2, 3;
SQL
}

build fold_before "$BEFORE_DIR"
build fold_after "$AFTER_DIR"
dump fold_before
dump fold_after

status=0
for kind in schema.sql data.sql catalog.txt; do
  if diff -u "$OUT/fold_before.$kind" "$OUT/fold_after.$kind" > "$OUT/diff.$kind"; then
    echo "identical: $kind"
  else
    echo "DIFFERENT: $kind ($(grep -c '^[-+][^-+]' "$OUT/diff.$kind") changed lines, see $OUT/diff.$kind)"
    status=1
  fi
done
exit $status
