/**
 * The persona matrix: for anon, an authenticated non-staff user and service_role, every table and
 * view in public and private × select/insert/update/delete, asserted allowed or denied as
 * documented below — from the catalog (grants + schema usage) and by really running the statement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Role } from '../../src/lib/db/types.ts';
import { pgErrorFields } from '../../src/lib/db/errors.ts';
import { createTestDb } from './harness.ts';

/** Individual survey answers are never public: only aggregates (survey_stats) are. */
const NOT_PUBLIC = new Set(['public.survey_responses', 'public.survey_answers']);
/**
 * What the staff CLI exports as the service role, the only ways personal data leave: a hearing's
 * sign-ups (contacts), cadre evaluations for the organisation department, and the persons held
 * accountable in accountability cases (export accountability).
 */
const SERVICE_READS_PRIVATE = new Set(['private.hearing_signups', 'private.cadre_evaluations', 'private.accountability_case_persons']);
const VERBS = ['select', 'insert', 'update', 'delete'] as const;
const ROLES: Role[] = ['anon', 'authenticated', 'service_role'];

function expected(role: Role, relation: string, verb: (typeof VERBS)[number]): boolean {
  const isPrivate = relation.startsWith('private.');
  if (role === 'service_role') return isPrivate ? verb === 'select' && SERVICE_READS_PRIVATE.has(relation) : true;
  return !isPrivate && verb === 'select' && !NOT_PUBLIC.has(relation);
}

let db: Db;
let relations: { name: string; kind: string }[] = [];

beforeAll(async () => {
  db = await createTestDb();
  relations = await db.query<{ name: string; kind: string }>(
    `select n.nspname || '.' || c.relname as name, c.relkind::text as kind
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ('public', 'private') and c.relkind in ('r', 'v', 'p')
     order by 1`,
  );
});

afterAll(async () => {
  await db?.close();
});

describe('persona matrix', () => {
  it('covers every table and view (more than 35) for three personas and four verbs', () => {
    expect(relations.length).toBeGreaterThan(35);
  });

  it('the granted privileges are exactly the documented ones, cell by cell', async () => {
    const cells = await db.query<{ relation: string; role: Role; verb: (typeof VERBS)[number]; allowed: boolean }>(
      `select n.nspname || '.' || c.relname as relation, r.role, v.verb,
              has_schema_privilege(r.role, n.oid, 'usage') and has_table_privilege(r.role, c.oid, v.verb) as allowed
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       cross join (values ('anon'), ('authenticated'), ('service_role')) r(role)
       cross join (values ('select'), ('insert'), ('update'), ('delete')) v(verb)
       where n.nspname in ('public', 'private') and c.relkind in ('r', 'v', 'p')`,
    );
    expect(cells.length).toBe(relations.length * ROLES.length * VERBS.length);
    const wrong = cells
      .filter((c) => c.allowed !== expected(c.role, c.relation, c.verb))
      .map((c) => `${c.role} ${c.verb} ${c.relation}: ${c.allowed ? 'allowed' : 'denied'}, documented ${c.allowed ? 'denied' : 'allowed'}`);
    expect(wrong).toEqual([]);
  });

  for (const role of ['anon', 'authenticated'] as const) {
    it(`${role}: every documented read runs and every other statement is refused`, async () => {
      const surprises: string[] = [];
      for (const { name, kind } of relations) {
        for (const verb of VERBS) {
          const column = await firstColumn(name);
          const statement = {
            select: `select count(*) from ${name}`,
            insert: `insert into ${name} default values`,
            update: `update ${name} set ${column} = ${column} where false`,
            delete: `delete from ${name} where false`,
          }[verb];
          let code: string | undefined;
          try {
            await db.asRole(role, (tx) => tx.query(statement));
          } catch (error) {
            code = pgErrorFields(error)?.code ?? String(error);
          }
          // A view that cannot be written at all says so (55000) before privileges are looked at.
          const refused = code === '42501' || (kind === 'v' && code === '55000');
          if (expected(role, name, verb) && code !== undefined) surprises.push(`${verb} ${name}: refused with ${code}`);
          if (!expected(role, name, verb) && !refused) surprises.push(`${verb} ${name}: ${code === undefined ? 'ran' : `failed with ${code}`} instead of being refused`);
        }
      }
      expect(surprises).toEqual([]);
    });
  }
});

const columns = new Map<string, string>();
async function firstColumn(relation: string): Promise<string> {
  const known = columns.get(relation);
  if (known) return known;
  const [row] = await db.query<{ name: string }>(
    `select quote_ident(attname) as name from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped order by attnum limit 1`,
    [relation],
  );
  columns.set(relation, row!.name);
  return row!.name;
}
