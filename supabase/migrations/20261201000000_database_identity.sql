-- Which database this is: a random id drawn once, when the database is created. A site build's
-- load step records it with the transaction state it read (lib/site/snapshot-reuse.ts), so the
-- snapshot of one database never stands for another whose transaction counter happens to match:
-- a demo city seeded again in the same folder, or a test database beside others on one server.
create table private.database_identity (
  id uuid primary key default gen_random_uuid(),
  one_row boolean not null default true unique check (one_row),
  created_at timestamptz not null default now()
);
comment on table private.database_identity is
  'One row: a random id of this database, drawn when it was created (site builds tell databases apart by it).';
alter table private.database_identity enable row level security;
revoke all on private.database_identity from public, anon, authenticated;
insert into private.database_identity default values;
