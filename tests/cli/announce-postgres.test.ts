/**
 * On a real Postgres (TEST_DATABASE_URL), staff commands announce committed changes with
 * pg_notify, which `npm start` listens for to republish; read-only and refused commands do not.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/lib/db/migrate.ts';
import { SITE_CHANGED_CHANNEL } from '../../src/lib/db/open.ts';
import { openPostgres } from '../../src/lib/db/postgres.ts';
import type { Db } from '../../src/lib/db/types.ts';

const root = path.resolve(import.meta.dirname, '../..');
const base = process.env['TEST_DATABASE_URL'];
const name = `gongshi_announce_${process.pid}`;
const url = base ? Object.assign(new URL(base), { pathname: `/${name}` }).href : '';

function gongshi(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: url, USER: 'tester' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe.skipIf(!base)('staff commands announce their changes on Postgres', () => {
  let admin: Db;
  let db: Db;
  const heard: string[] = [];
  let id = 0;

  beforeAll(async () => {
    admin = await openPostgres(base!, { max: 1 });
    await admin.exec(`create database ${name}`);
    db = await openPostgres(url);
    await migrate(db);
    await db.exec(`insert into public.units (code, name, kind, sector) values ('M001', '市水务局', 'municipal_unit', 'urban');
      insert into public.hall_topics (slug, unit_id, title, description, opens_at)
        select 'water-price', id, '水价', '水价调整的意见', now() - interval '1 day' from public.units;`);
    id = (await db.query<{ id: number }>(`insert into public.hall_opinions (topic_id, body) select id, '意见一号' from public.hall_topics returning id::int`))[0]!.id;
    await db.listen!(SITE_CHANGED_CHANNEL, (payload) => heard.push(payload));
  });

  afterAll(async () => {
    await db?.close();
    await admin?.exec(`drop database if exists ${name} with (force)`);
    await admin?.close();
  });

  it('announces a committed change once, and nothing for reads or refusals', async () => {
    expect(gongshi('opinions', 'list').code).toBe(0);
    const published = gongshi('opinions', 'publish', String(id));
    expect(published.code, published.err).toBe(0);
    const again = gongshi('opinions', 'publish', String(id));
    expect(again.code).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heard).toHaveLength(1);
  });
});
