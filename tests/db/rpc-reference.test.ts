/**
 * The citizen RPC reference (/api/ and /api/v1/rpcs.json, issue 15): generated from CITIZEN_RPCS,
 * the database's own signatures and comments, the forms' zod schemas and the error catalogue, so
 * every listed RPC is documented with its arguments and every code it may be answered with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RPC_INPUT_SCHEMAS } from '../../src/lib/citizen-rpc-schemas.ts';
import { CITIZEN_RPCS, LIVE_FIGURES_RPCS } from '../../src/lib/citizen-rpcs.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { RPC_ERRORS, RPC_REFINEMENTS } from '../../src/lib/errors/catalogue.ts';
import { rpcsDocument } from '../../src/lib/opendata/documents.ts';
import { SCHEMAS } from '../../src/lib/opendata/json-schema.ts';
import { readCitizenRpcs } from '../../src/lib/queries/citizen-rpcs.ts';
import type { CitizenRpcSignature } from '../../src/lib/schemas/citizen-rpc.ts';
import type { RpcsDocument } from '../../src/lib/schemas/opendata/api-rpcs.ts';
import type { Published } from '../../src/lib/opendata/json-schema.ts';
import { createTestDb } from './harness.ts';

const site = new URL('https://gongshi.example/');
const endpoint = 'https://api.gongshi.example/rest/v1/rpc';
let db: Db;
let signatures: CitizenRpcSignature[];
let doc: Published<RpcsDocument>;

beforeAll(async () => {
  db = await createTestDb();
  signatures = await readCitizenRpcs(db);
  doc = rpcsDocument(site, signatures, endpoint);
});
afterAll(async () => {
  await db?.close();
});

const entry = (name: string) => {
  const rpc = doc.rpcs.find((r) => r.name === name);
  if (!rpc) throw new Error(`${name} is not documented`);
  return rpc;
};

describe('citizen RPC reference', () => {
  it('documents every CITIZEN_RPCS entry, in its order, with the arguments and comment the database declares', () => {
    expect(doc.rpcs.map((r) => r.name)).toEqual([...CITIZEN_RPCS]);
    for (const name of CITIZEN_RPCS) {
      const rpc = entry(name);
      const signature = signatures.find((s) => s.name === name)!;
      expect(rpc.arguments.length, name).toBeGreaterThan(0);
      expect(rpc.arguments, name).toEqual(signature.arguments);
      for (const a of rpc.arguments) {
        expect(a.name, name).toMatch(/^[a-z_][a-z0-9_]*$/);
        expect(a.type, name).not.toBe('');
      }
      expect(rpc.description, name).toBeTruthy();
      expect(rpc.returns, name).not.toBe('');
    }
  });

  it('says how to call each: GET for live figures, POST for the forms, at the endpoint under the RPC\'s name', () => {
    for (const rpc of doc.rpcs) {
      const live = (LIVE_FIGURES_RPCS as readonly string[]).includes(rpc.name);
      expect([rpc.kind, rpc.method], rpc.name).toEqual(live ? ['live_figures', 'GET'] : ['form', 'POST']);
      expect(rpc.url).toBe(`${endpoint}/${rpc.name}`);
    }
  });

  it('gives the forms\' input schema, whose fields are arguments of the function', () => {
    for (const rpc of doc.rpcs) {
      const schema = RPC_INPUT_SCHEMAS[rpc.name];
      expect(rpc.input_schema !== null, rpc.name).toBe(schema !== undefined);
      const properties = Object.keys((rpc.input_schema?.['properties'] ?? {}));
      const names = rpc.arguments.map((a) => a.name);
      if (schema) expect(properties.length, rpc.name).toBeGreaterThan(0);
      expect(properties.filter((p) => !names.includes(p)), rpc.name).toEqual([]);
    }
  });

  it('lists every general error code under every RPC, with the HTTP status PostgREST answers it with', () => {
    for (const rpc of doc.rpcs) {
      const codes = rpc.errors.map((e) => e.code);
      for (const general of RPC_ERRORS) expect(codes, `${rpc.name} ${general.code}`).toContain(general.code);
      expect(new Set(codes).size, rpc.name).toBe(codes.length);
    }
    const status = (code: string) => entry('subscribe').errors.find((e) => e.code === code)?.http_status;
    expect(status('23505')).toBe(409);
    expect(status('PT429')).toBe(429);
    expect(status('22023')).toBe(400);
    expect(status('PGRST301')).toBe(401);
    expect(status('PGRST202')).toBe(404);
    expect(status('NETWORK')).toBeNull();
    expect(status('UNEXPECTED')).toBeNull();
  });

  it('shows a refinement under its RPCs in place of the general entry, and under no other', () => {
    for (const refinement of RPC_REFINEMENTS) {
      const general = RPC_ERRORS.find((e) => e.code === refinement.code);
      for (const rpc of doc.rpcs) {
        const shown = rpc.errors.find((e) => e.code === refinement.code)!;
        if (refinement.rpcs!.includes(rpc.name)) {
          expect(shown, `${refinement.name} under ${rpc.name}`).toMatchObject({
            name: refinement.name, refines: general?.name ?? null, title: refinement.title, message: refinement.message,
          });
        } else {
          expect(rpc.errors.some((e) => e.name === refinement.name), `${refinement.name} under ${rpc.name}`).toBe(false);
        }
      }
    }
    expect(entry('submit_hall_opinion').errors.find((e) => e.code === 'PT409')?.name).toBe('TopicClosed');
    expect(entry('survey_stats').errors.find((e) => e.code === 'PT409')?.name).toBe('WindowClosed');
  });

  it('is published as a versioned document its own schema accepts', () => {
    expect(SCHEMAS['rpcs']!.safeParse(doc).success).toBe(true);
    expect(doc.$schema).toBe('https://gongshi.example/api/v1/schemas/rpcs.schema.json');
    expect(doc.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(doc.endpoint).toBe(endpoint);
  });
});
