/**
 * Participation, per persona: what anon and authenticated can reach directly (only public rows
 * of public tables, read-only; nothing private), what they can execute (exactly the citizen RPCs),
 * and that the RPCs work for them. service_role: the staff side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Role } from '../../src/lib/db/types.ts';
import { countRows, createTestDb, expectPgError } from './harness.ts';
import {
  CITIZEN_RPCS, PARTICIPATION_TABLES, callRpc, insertParticipation, json, newClient, type Participation,
} from './participation-fixtures.ts';
import { codeSentTo, signUpVerified } from './hearing-signup-helpers.ts';

let db: Db;
let fx: Participation;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertParticipation(db, 4);
});

afterAll(async () => {
  await db?.close();
});

const API_ROLES: Role[] = ['anon', 'authenticated'];

/** Columns of a table, for statements that must name one. */
async function firstColumn(table: string): Promise<string> {
  const [row] = await db.query<{ name: string }>(
    `select attname as name from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped order by attnum limit 1`,
    [table],
  );
  return row!.name;
}

describe('catalog', () => {
  it('every participation table exists and has row level security enabled', async () => {
    const rows = await db.query<{ schema: string; name: string; rls: boolean }>(
      `select n.nspname as schema, c.relname as name, c.relrowsecurity as rls
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind = 'r' and (n.nspname, c.relname) in (select * from unnest($1::text[], $2::text[]))`,
      [
        [...PARTICIPATION_TABLES.public.map(() => 'public'), ...PARTICIPATION_TABLES.private.map(() => 'private')],
        [...PARTICIPATION_TABLES.public, ...PARTICIPATION_TABLES.private],
      ],
    );
    expect(rows).toHaveLength(PARTICIPATION_TABLES.public.length + PARTICIPATION_TABLES.private.length);
    expect(rows.filter((r) => !r.rls)).toEqual([]);
  });

  it('anon and authenticated execute exactly the citizen RPCs in public and their implementations in rpc_impl', async () => {
    const rows = await db.query<{ role: string; schema: string; names: string[] }>(
      `select r.role, n.nspname as schema, array_agg(p.proname::text order by p.proname) as names
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       cross join (values ('anon'), ('authenticated')) r(role)
       where n.nspname not in ('pg_catalog', 'information_schema', 'auth') and n.nspname not like 'pg_toast%'
         and has_function_privilege(r.role, p.oid, 'execute')
       group by r.role, n.nspname order by r.role, n.nspname`,
    );
    const expected = [...CITIZEN_RPCS];
    expect(rows).toEqual([
      { role: 'anon', schema: 'public', names: expected },
      { role: 'anon', schema: 'rpc_impl', names: expected },
      { role: 'authenticated', schema: 'public', names: expected },
      { role: 'authenticated', schema: 'rpc_impl', names: expected },
    ]);
  });

  it('the public RPCs are security invoker with a fixed search_path; the implementations are security definer', async () => {
    const rows = await db.query<{ schema: string; name: string; definer: boolean; config: string[] | null }>(
      `select n.nspname as schema, p.proname as name, p.prosecdef as definer, p.proconfig as config
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'rpc_impl') and p.proname = any ($1) order by 1, 2`,
      [[...CITIZEN_RPCS]],
    );
    expect(rows).toHaveLength(CITIZEN_RPCS.length * 2);
    for (const row of rows) {
      expect(row.definer, `${row.schema}.${row.name}`).toBe(row.schema === 'rpc_impl');
      expect(row.config, `${row.schema}.${row.name}`).toContain('search_path=""');
    }
    const definersInPublic = await db.query(
      `select p.proname from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prosecdef`,
    );
    expect(definersInPublic).toEqual([]);
  });

  it('rpc_impl holds functions only: no table, view or sequence', async () => {
    const rows = await db.query(`select relname from pg_class where relnamespace = 'rpc_impl'::regnamespace`);
    expect(rows).toEqual([]);
  });

  it('private stays closed to the API roles', async () => {
    const rows = await db.query<{ role: string; usage: boolean }>(
      `select r.role, has_schema_privilege(r.role, 'private', 'usage') as usage
       from (values ('anon'), ('authenticated')) r(role)`,
    );
    expect(rows.every((r) => !r.usage)).toBe(true);
  });
});

describe.each(API_ROLES)('%s, directly', (role) => {
  it('cannot read, insert, update or delete any private participation table (42501)', async () => {
    for (const table of PARTICIPATION_TABLES.private) {
      const column = await firstColumn(`private.${table}`);
      for (const sql of [
        `select * from private.${table}`,
        `insert into private.${table} default values`,
        `update private.${table} set "${column}" = "${column}"`,
        `delete from private.${table}`,
      ]) {
        await expectPgError(db.asRole(role, (tx) => tx.exec(sql)), '42501', /permission denied for schema private/);
      }
    }
  });

  it('cannot insert, update or delete any public participation table (42501)', async () => {
    for (const table of PARTICIPATION_TABLES.public) {
      const column = await firstColumn(`public.${table}`);
      for (const sql of [
        `insert into public.${table} default values`,
        `update public.${table} set "${column}" = "${column}"`,
        `delete from public.${table}`,
        `truncate public.${table}`,
      ]) {
        await expectPgError(db.asRole(role, (tx) => tx.exec(sql)), '42501', new RegExp(`permission denied for table ${table}`));
      }
    }
  });

  it('cannot read responses or answers row by row (42501)', async () => {
    for (const table of ['survey_responses', 'survey_answers']) {
      await expectPgError(
        db.asRole(role, (tx) => tx.query(`select * from public.${table}`)),
        '42501',
        new RegExp(`permission denied for table ${table}`),
      );
    }
  });

  it('reads published opinions only, and every topic, hearing, survey and question', async () => {
    const opinions = await db.asRole(role, (tx) => tx.query<{ id: number }>(`select id::int from public.hall_opinions order by id`));
    expect(opinions.map((o) => o.id)).toEqual([fx.opinion.published]);
    for (const table of ['hall_topics', 'hearings', 'surveys', 'survey_questions']) {
      expect(await db.asRole(role, (tx) => countRows(tx, `public.${table}`)), table).toBe(await countRows(db, `public.${table}`));
    }
  });

  it('cannot call into rpc_impl helpers or private functions', async () => {
    await expectPgError(
      db.asRole(role, (tx) => tx.query(`select private.client_hash()`)),
      '42501',
      /permission denied for schema private/,
    );
    await expectPgError(
      db.asRole(role, (tx) => tx.query(`select private.issue_survey_invitations(1, 'citizen', 1, 'x')`)),
      '42501',
    );
  });

  it('can call every citizen RPC', async () => {
    const opinion = await callRpc(db, 'submit_hall_opinion', { topic_id: fx.topic.open, body: '建议增加无障碍设施。' }, { role });
    expect(opinion).toMatchObject({ status: 'pending', topic_id: fx.topic.open });
    expect(await callRpc(db, 'hall_topic_stats', { topic_id: fx.topic.open }, { role })).toMatchObject({ topic_id: fx.topic.open });

    const signup = await signUpVerified(db, {
      hearing_id: fx.hearing.open, name: '测试者', contact: `${role}@example.invalid`, category: 'other',
    }, { role });
    const code = await callRpc<{ request_id: string }>(db, 'sign_up_for_hearing', {
      hearing_id: fx.hearing.open, name: '测试者', contact: `${role}-code@example.invalid`, category: 'other',
    }, { role });
    expect(await callRpc(db, 'message_status', { request_id: code.request_id }, { role })).toMatchObject({ status: 'queued' });
    await expectPgError(callRpc(db, 'confirm_hearing_signup', {
      hearing_id: fx.hearing.open, contact: `${role}-code@example.invalid`, code: 'AAAA-AAAA',
    }, { role }), 'PT403');
    expect(await callRpc(db, 'confirm_hearing_signup', {
      hearing_id: fx.hearing.open, contact: `${role}-code@example.invalid`, code: await codeSentTo(db, `${role}-code@example.invalid`),
    }, { role })).toMatchObject({ status: 'registered' });
    expect(signup.confirmation_code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(await callRpc(db, 'check_hearing_signup', { code: signup.confirmation_code }, { role }))
      .toMatchObject({ public_id: signup.public_id, status: 'registered' });
    expect(await callRpc(db, 'withdraw_hearing_signup', { code: signup.confirmation_code }, { role }))
      .toMatchObject({ public_id: signup.public_id, status: 'withdrawn' });
    expect(await callRpc(db, 'hearing_availability', { hearing_id: fx.hearing.open }, { role }))
      .toMatchObject({ hearing_id: fx.hearing.open, seats: 3, signup_open: true });

    const token = fx.tokens[role === 'anon' ? 0 : 1]!;
    expect(await callRpc(db, 'submit_survey_response', {
      survey_id: fx.survey.panel, token, answers: json([{ question_id: fx.question.rating, value: 5 }]),
    }, { role })).toMatchObject({ respondent_group: 'citizen', answers: 1 });
    expect(await callRpc(db, 'survey_stats', { survey_id: fx.survey.panel }, { role })).toMatchObject({ survey_id: fx.survey.panel });
  });

  it('never sees personal data in an RPC answer', async () => {
    const contact = `secret-${role}@example.invalid`;
    const signup = await signUpVerified(db, {
      hearing_id: fx.hearing.open, name: '保密姓名', contact, category: 'expert', statement: '个人陈述',
    }, { role });
    const answered = JSON.stringify(signup);
    expect(answered).not.toContain(contact);
    expect(answered).not.toContain('保密姓名');
    const checked = JSON.stringify(await callRpc(db, 'check_hearing_signup', { code: signup.confirmation_code }, { role }));
    const availability = JSON.stringify(await callRpc(db, 'hearing_availability', { hearing_id: fx.hearing.open }, { role }));
    for (const text of [checked, availability]) {
      expect(text).not.toContain(contact);
      expect(text).not.toContain('保密姓名');
      expect(text).not.toContain('个人陈述');
      expect(text).not.toContain('code_hash');
    }
  });
});

describe('service_role (staff CLI)', () => {
  it('moderates: publishes, rejects with a reason, and answers once', async () => {
    const opinion = await callRpc<{ id: number }>(db, 'submit_hall_opinion', { topic_id: fx.topic.open, body: '请公开电梯加装补贴标准。' });
    await db.asRole('service_role', (tx) => tx.query(
      `update public.hall_opinions set status = 'published', moderated_at = now() where id = $1`, [opinion.id]));
    await db.asRole('service_role', (tx) => tx.query(
      `update public.hall_opinions set response_text = '补贴标准已在官网公布。', response_unit_id = $2, responded_at = now() where id = $1`,
      [opinion.id, fx.base.unitA]));
    await expectPgError(
      db.asRole('service_role', (tx) => tx.query(`update public.hall_opinions set response_text = '改口' where id = $1`, [opinion.id])),
      'PT409',
      /already has an official response/,
    );
    await expectPgError(
      db.asRole('service_role', (tx) => tx.query(`update public.hall_opinions set status = 'rejected', rejection_reason = '改判' where id = $1`, [opinion.id])),
      'PT409',
      /already published/,
    );
    await expectPgError(
      db.asRole('service_role', (tx) => tx.query(`update public.hall_opinions set body = '改写' where id = $1`, [opinion.id])),
      'PT409',
      /cannot be changed/,
    );
    await expectPgError(
      db.asRole('service_role', (tx) => tx.query(`delete from public.hall_opinions where id = $1`, [opinion.id])),
      'PT409',
    );
    await expectPgError(
      db.asRole('service_role', (tx) => tx.query(`update public.hall_opinions set status = 'rejected', moderated_at = now() where id = $1`, [fx.opinion.pending])),
      '23514',
    );
  });

  it('issues invitations (tokens returned once, only hashes stored) and reads sign-ups for the export', async () => {
    const issued = await db.asRole('service_role', (tx) =>
      tx.query<{ token: string }>(`select token from private.issue_survey_invitations($1, 'enterprise', 3, 'svc')`, [fx.survey.panel]));
    expect(issued).toHaveLength(3);
    const stored = await db.query<{ token_hash: string }>(`select token_hash from private.survey_invitations where batch = 'svc'`);
    expect(stored).toHaveLength(3);
    for (const { token } of issued) expect(JSON.stringify(stored)).not.toContain(token);
    const signups = await db.asRole('service_role', (tx) => countRows(tx, 'private.hearing_signups'));
    expect(signups).toBeGreaterThan(0);
  });

  it('cannot read the other private tables', async () => {
    for (const table of ['hall_opinion_contacts', 'survey_invitations', 'open_survey_participants', 'installation_secrets']) {
      await expectPgError(
        db.asRole('service_role', (tx) => tx.query(`select * from private.${table}`)),
        '42501',
        new RegExp(`permission denied for table ${table}`),
      );
    }
  });

  it('a client address is stored only as a salted hash', async () => {
    const context = newClient();
    await callRpc(db, 'submit_hall_opinion', { topic_id: fx.topic.open, body: '散列测试意见' }, { context });
    const address = context.headers!['x-forwarded-for']!;
    const counters = await db.query(`select * from private.rate_limit_buckets`);
    expect(JSON.stringify(counters)).not.toContain(address);
  });
});
