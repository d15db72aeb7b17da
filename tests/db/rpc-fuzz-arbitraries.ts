/**
 * Request generators for tests/db/rpc-fuzz.test.ts: for each citizen RPC, named arguments drawn
 * from the rules of its zod input schema (src/lib/schemas) over the participation fixture — so
 * that some calls succeed — mixed with values beyond them: wrong JSON types, null, missing and
 * unknown keys, huge strings, unicode edge cases, SQL metacharacters, extreme numbers, deep
 * nesting; and now and then a body that is not a JSON object at all.
 */
import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import { CODE_ALPHABET, groupCode, SIGNUP_CATEGORIES } from '../../src/lib/schemas/hearing.ts';
import type { CitizenRpc, Participation } from './participation-fixtures.ts';

/** `length` random characters of the code alphabet, grouped by four with dashes, as handed out. */
export function randomCode(length: number): string {
  return groupCode(Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]!).join(''));
}

/** Confirmation codes of sign-ups the test inserted, by the state of the sign-up or its hearing. */
export interface SignupCodes {
  open: string[];
  closed: string[];
  held: string[];
  cancelled: string[];
  withdrawn: string[];
}

/** Tokens of subscriptions the test inserted: pending ones' confirmation tokens, and unsubscribe tokens. */
export interface SubscriptionTokens {
  confirm: string[];
  unsubscribe: string[];
}

export interface FuzzContext {
  fx: Participation;
  codes: SignupCodes;
  subscriptions: SubscriptionTokens;
  /** Valid verified-contact tokens (as verify_contact hands them out), for opinions and open answers. */
  contactTokens: string[];
  /** Pending hearing sign-ups (of the open hearing) and the code sent to each: confirm_hearing_signup's successes. */
  pendingSignups: { contact: string; code: string }[];
  /** Contacts sent a code by request_contact_code (verify_contact's successes), and requests' ids. */
  contactCodes: { contact: string; code: string }[];
  requestIds: string[];
}

/** A value sent as this exact JSON text: nesting JSON.stringify could not produce, 1e999, … */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Named arguments as key/value pairs: keeps `__proto__` and repeated keys, which an object would not. */
export type ArgPairs = [string, unknown][];

export type FuzzBody =
  | { kind: 'args'; pairs: ArgPairs }
  /** Not a JSON object: other JSON, invalid JSON, raw bytes, nothing. */
  | { kind: 'raw'; label: string; body: string | Uint8Array<ArrayBuffer> };

export interface FuzzRequest {
  body: FuzzBody;
  contentType: string;
  /** From the one shared client address (rate limits, one answer per client) or a fresh one. */
  sharedClient: boolean;
}

/** JSON text of a value; RawJson inside is copied verbatim. */
export function encodeJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(encodeJson).join(',')}]`;
  if (value !== null && typeof value === 'object') return encodePairs(Object.entries(value));
  return JSON.stringify(value) ?? 'null';
}

export function encodePairs(pairs: ArgPairs): string {
  return `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${encodeJson(v)}`).join(',')}}`;
}

// ---------------------------------------------------------------------------------------------
// Values beyond the schemas.

const UNICODE_EDGES = [
  '\u0000', '\ud800', '\udfff', '\udbff\udfff', '\ud83d', '\u202e', '\u202d', '\u200b', '\u200d', '\u200f', '\ufeff',
  '\u2028', '\u2029', '\u3000', '\u00a0', '\u000b', '\u0085', '\uffff', '\ufffd', '\u0301', 'e\u0301', '\u0e33\u0e33',
  '😀', '👨‍👩‍👧‍👦', '🏳️‍🌈', '\ud83c\udde8\ud83c\uddf3', 'ﷺ', 'ع', 'עברית', '中文', '𠀀', 'Ⅻ', 'İ', 'ß', '\r\n', '\t', '\u001b[31m',
];
const SQL_METACHARACTERS = [
  "'", "''", '"', ';', '--', '/*', '*/', '$$', '$fuzz$', '\\', '\\\\', '%', '_', '%_%', "E'\\x00'", '\\u0000', '\\x', '::jsonb',
  "'; drop table public.hall_opinions; --", "' or '1'='1", '1; delete from private.hearing_signups', '); select pg_sleep(5); --',
  "$$; revoke all on schema public from anon; $$", '{"question_id": 1}', '[', ']', '{', '}', 'null', 'NULL', 'true', '\\N',
];

/** Strings no form would send: unicode edges, SQL metacharacters, control characters. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.oneof(fc.constantFrom(...UNICODE_EDGES, ...SQL_METACHARACTERS), fc.string({ maxLength: 4 })), { maxLength: 12 })
    .map((parts) => parts.join('')),
);

/** Far over every length limit; the largest are over the gateway's 256 KiB body limit (413). */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('x', ' ', '中', '😀', "'", '\u0000', 'é\u0301', '\\'), fc.integer({ min: 2_001, max: 100_000 }))
  .map(([unit, count]) => unit.repeat(count));

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 63, -(2 ** 63), 2 ** 64, 1e300, 1.5, 0.1, 5e-324,
    Number.MAX_VALUE, NaN, Infinity, -Infinity),
);

export const numericString: fc.Arbitrary<string> = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom('', ' ', '1', ' 1 ', '+1', '-1', '01', '1.0', '1e3', '0x10', '١', '１', '9223372036854775807', '9223372036854775808',
    '-9223372036854775809', 'NaN', 'Infinity', '1 or 1=1', '1; --'),
);

const nested = (depth: number) => new RawJson('['.repeat(depth) + ']'.repeat(depth));

/** JSON texts JSON.stringify would not write: deep nesting, out-of-range numbers, repeated keys. */
export const rawJsonValue: fc.Arbitrary<RawJson> = fc.oneof(
  fc.integer({ min: 2, max: 100 }).map(nested),
  fc.integer({ min: 101, max: 30_000 }).map(nested),
  fc.constantFrom('1e999', '-1e999', '123456789012345678901234567890', '-0', '0.0000001', '1E2', '{"a":1,"a":2}', '"\\u0000"',
    '"\\ud800"', '"\\udc00\\ud800"', '"\\\\u0000"', '[]', '{}', '[null]', '{"":null}').map((text) => new RawJson(text)),
);

/** Any value of any JSON type, none of them what an argument expects. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 5 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: hostileNumber, weight: 3 },
  { arbitrary: numericString, weight: 2 },
  { arbitrary: fc.constant(null), weight: 3 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }), weight: 1 },
  { arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), weight: 1 },
  { arbitrary: rawJsonValue, weight: 1 },
);

const unknownKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('id', 'p_topic_id', 'TOPIC_ID', 'topic_id ', 'Code', '', ' ', '__proto__', 'constructor', 'prototype', 'select',
    'apikey', '"', "body'; drop table public.hall_opinions; --", 'a'.repeat(300), '\u0000', '中文'),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Bodies that are not a JSON object of named arguments. */
const rawBody: fc.Arbitrary<FuzzBody> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 })
    .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
    .map((v) => ({ kind: 'raw' as const, label: 'non-object JSON', body: JSON.stringify(v) })),
  fc.oneof(
    fc.constantFrom('{', '{"', '{"topic_id": ', '{"topic_id": 1,}', "{'topic_id': 1}", '{topic_id: 1}', '{"a":1}}', 'nul', 'undefined',
      'NaN', '{"a": NaN}', '[1,]', '\u0000', '\ufeff{}', '{"a": "\u0001"}', '{"a": "\\x41"}', '{"a": "\\u12"}', '--', '/* */{}'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
  ).map((text) => ({ kind: 'raw' as const, label: 'text', body: text })),
  fc.uint8Array({ minLength: 1, maxLength: 60 }).map((bytes) => ({ kind: 'raw' as const, label: 'bytes', body: bytes })),
  fc.constantFrom('', '   ', '\r\n').map((text) => ({ kind: 'raw' as const, label: 'empty', body: text })),
);

// ---------------------------------------------------------------------------------------------
// Values within the schemas.

/**
 * Text of `min`..`max` characters (code points), as a form would send it; now and then with a
 * unicode edge case or an SQL metacharacter inside, or astral characters near the limits (one
 * code point for SQL's length(), two UTF-16 units for JavaScript's).
 */
const text = (min: number, max: number) => {
  const plain = fc.oneof(
    { arbitrary: fc.string({ unit: 'grapheme-composite', minLength: min, maxLength: Math.min(max, 120) }), weight: 3 },
    { arbitrary: fc.constantFrom('建议增加公共自行车停放点。', '老旧小区加装电梯的费用应按楼层分摊。', 'Please add more bus stops near the school.'), weight: 3 },
    { arbitrary: fc.integer({ min, max }).map((n) => '意'.repeat(n)), weight: 1 },
  );
  return fc.oneof(
    { arbitrary: plain, weight: 8 },
    fc.tuple(plain, fc.constantFrom(...UNICODE_EDGES, ...SQL_METACHARACTERS), fc.boolean())
      .map(([t, edge, before]) => (before ? edge + t : t + edge)),
    fc.integer({ min: Math.max(1, Math.floor(min / 2)), max: max + 1 }).map((n) => '😀'.repeat(n)),
  );
};

/** E-mail addresses and phone numbers as private.contact_key() and isContact() accept them (and some they refuse). */
export const validContact: fc.Arbitrary<string> = fc.oneof(
  fc.emailAddress().filter((e) => e.length <= 100),
  fc.stringMatching(/^\+?[0-9]{6,20}$/),
  fc.tuple(fc.integer({ min: 13, max: 19 }), fc.integer({ min: 0, max: 999_999_999 })).map(([a, b]) => `${a}${String(b).padStart(9, '0')}`),
  fc.tuple(fc.integer({ min: 130, max: 199 }), fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 9999 }))
    .map(([a, b, c]) => `+86 (${a}) ${String(b).padStart(4, '0')}-${String(c).padStart(4, '0')}`),
);

/** A code as a citizen might type it: grouped, lower case, without dashes, with O for 0 and l for 1. */
const typedCode = (code: string): fc.Arbitrary<string> =>
  fc.constantFrom(code, code.toLowerCase(), code.replaceAll('-', ''), ` ${code.replaceAll('-', ' ')} `, code.replaceAll('0', 'O').replaceAll('1', 'l'));

const wellFormedCode = (length: number) =>
  fc.array(fc.constantFrom(...CODE_ALPHABET), { minLength: length, maxLength: length }).map((c) => groupCode(c.join('')));

const unknownId = fc.oneof(fc.integer({ min: 1_000, max: 2 ** 31 }), fc.constantFrom(-1, 0, 999_999_999_999));

// ---------------------------------------------------------------------------------------------
// Requests.

/** Omit the key (only used inside argument generation). */
const MISSING = Symbol('missing');

interface Field {
  shaped: fc.Arbitrary<unknown>;
  /** Weight of leaving the key out, against 8 for a shaped value and 2 for a hostile one. */
  missing: number;
}

function argsOf(fields: Record<string, Field>): fc.Arbitrary<ArgPairs> {
  const entries = Object.entries(fields).map(([name, field]) =>
    fc.oneof(
      { arbitrary: field.shaped, weight: 8 },
      { arbitrary: hostileValue, weight: 2 },
      { arbitrary: fc.constant(MISSING), weight: field.missing },
    ).map((value): [string, unknown] => [name, value]),
  );
  const extra = fc.oneof(
    { arbitrary: fc.constant<ArgPairs>([]), weight: 19 },
    { arbitrary: fc.array(fc.tuple(unknownKey, hostileValue), { minLength: 1, maxLength: 2 }), weight: 1 },
  );
  return fc.tuple(fc.tuple(...entries), extra).map(([named, more]) => [...named.filter(([, v]) => v !== MISSING), ...more]);
}

const id = (choices: fc.Arbitrary<number>) =>
  fc.oneof({ arbitrary: choices, weight: 9 }, { arbitrary: choices.map(String), weight: 1 });

function fieldsFor(rpc: CitizenRpc, { fx, codes, subscriptions, contactTokens, pendingSignups, contactCodes, requestIds }: FuzzContext): fc.Arbitrary<ArgPairs> {
  const topicId = id(fc.oneof(
    { arbitrary: fc.constant(fx.topic.open), weight: 6 },
    fc.constantFrom(fx.topic.closed, fx.topic.upcoming),
    unknownId,
  ));
  const hearingId = id(fc.oneof(
    { arbitrary: fc.constant(fx.hearing.open), weight: 6 },
    fc.constantFrom(fx.hearing.upcoming, fx.hearing.closed, fx.hearing.held, fx.hearing.cancelled),
    unknownId,
  ));
  const surveyId = id(fc.oneof(fc.constantFrom(fx.survey.panel, fx.survey.open, fx.survey.closedPanel, fx.survey.other), unknownId));
  switch (rpc) {
    case 'hall_topic_stats':
      return argsOf({ topic_id: { shaped: topicId, missing: 1 } });
    case 'hearing_availability':
      return argsOf({ hearing_id: { shaped: hearingId, missing: 1 } });
    case 'survey_stats':
      return argsOf({ survey_id: { shaped: surveyId, missing: 1 } });
    case 'submit_hall_opinion':
      return argsOf({
        topic_id: { shaped: topicId, missing: 1 },
        body: { shaped: text(2, 2000), missing: 1 },
        display_name: { shaped: text(1, 40), missing: 6 },
        contact_token: { shaped: contactToken(contactTokens), missing: 4 },
        locale: { shaped: fc.oneof({ arbitrary: fc.constantFrom('zh-CN', 'en'), weight: 8 }, fc.constantFrom('fr', '', 'ZH-cn')), missing: 4 },
      });
    case 'sign_up_for_hearing':
      return argsOf({
        hearing_id: { shaped: hearingId, missing: 1 },
        name: { shaped: fc.oneof(fc.constantFrom('王五', '李小四', 'Zhang San'), text(2, 40)), missing: 1 },
        contact: { shaped: validContact, missing: 1 },
        category: { shaped: fc.oneof({ arbitrary: fc.constantFrom(...SIGNUP_CATEGORIES), weight: 9 }, fc.constant(' expert ')), missing: 1 },
        district_id: { shaped: fc.constant(fx.base.unitB), missing: 6 },
        statement: { shaped: text(1, 1000), missing: 6 },
        consent_to_list: { shaped: fc.boolean(), missing: 4 },
        locale: { shaped: fc.oneof({ arbitrary: fc.constantFrom('zh-CN', 'en'), weight: 8 }, fc.constantFrom('fr', '', 'ZH-cn')), missing: 4 },
        contact_token: { shaped: contactToken(contactTokens), missing: 6 },
      });
    case 'confirm_hearing_signup':
      // Mostly a pending sign-up's contact with its code (however typed; used once, then 410), else strangers.
      return fc.oneof(
        { arbitrary: fc.constantFrom(...pendingSignups).chain((p) => typedCode(p.code).map((code): ArgPairs => [
          ['hearing_id', fx.hearing.open], ['contact', p.contact], ['code', code]])), weight: 3 },
        { arbitrary: argsOf({
          hearing_id: { shaped: hearingId, missing: 1 },
          contact: { shaped: fc.oneof(validContact, fc.constantFrom(...pendingSignups.map((p) => p.contact))), missing: 1 },
          code: { shaped: wellFormedCode(8), missing: 1 },
        }), weight: 7 },
      );
    case 'request_contact_code':
      return argsOf({
        contact: { shaped: fc.oneof({ arbitrary: validContact, weight: 8 }, text(1, 100)), missing: 1 },
        locale: { shaped: fc.oneof({ arbitrary: fc.constantFrom('zh-CN', 'en'), weight: 8 }, fc.constantFrom('fr', '', 'ZH-cn')), missing: 4 },
      });
    case 'verify_contact':
      // Mostly a contact with the code sent to it (however typed; used once, then 410), else strangers.
      return fc.oneof(
        { arbitrary: fc.constantFrom(...contactCodes).chain((c) => typedCode(c.code).map((code): ArgPairs => [
          ['contact', c.contact], ['code', code]])), weight: 3 },
        { arbitrary: argsOf({
          contact: { shaped: fc.oneof(validContact, fc.constantFrom(...contactCodes.map((c) => c.contact))), missing: 1 },
          code: { shaped: wellFormedCode(8), missing: 1 },
        }), weight: 7 },
      );
    case 'message_status':
      return argsOf({
        request_id: {
          shaped: fc.oneof({ arbitrary: fc.constantFrom(...requestIds), weight: 7 }, { arbitrary: wellFormedCode(16), weight: 2 }),
          missing: 1,
        },
      });
    case 'check_hearing_signup': {
      const all = [...codes.open, ...codes.closed, ...codes.held, ...codes.cancelled, ...codes.withdrawn];
      const code = fc.oneof(
        { arbitrary: fc.constantFrom(...all).chain(typedCode), weight: 7 },
        { arbitrary: wellFormedCode(16), weight: 2 },
      );
      return argsOf({ code: { shaped: code, missing: 1 } });
    }
    case 'withdraw_hearing_signup': {
      const code = fc.oneof(
        { arbitrary: fc.constantFrom(...codes.open, ...codes.closed).chain(typedCode), weight: 7 },
        { arbitrary: fc.constantFrom(...codes.held, ...codes.cancelled, ...codes.withdrawn).chain(typedCode), weight: 1 },
        { arbitrary: wellFormedCode(16), weight: 1 },
      );
      return argsOf({ code: { shaped: code, missing: 1 } });
    }
    case 'submit_survey_response':
      return surveyResponse(fx, contactTokens);
    case 'subscribe':
      return argsOf({
        email: { shaped: fc.oneof({ arbitrary: fc.emailAddress().filter((e) => e.length <= 254), weight: 8 }, validContact), missing: 1 },
        topic_kind: { shaped: fc.oneof({ arbitrary: fc.constantFrom('unit', 'target', 'bulletins'), weight: 9 }, fc.constant(' unit ')), missing: 1 },
        topic_id: { shaped: id(fc.oneof(fc.constantFrom(fx.base.unitA, fx.base.unitB), unknownId)), missing: 3 },
        locale: { shaped: fc.constantFrom('zh-CN', 'en', 'fr'), missing: 4 },
      });
    case 'confirm_subscription':
      return argsOf({
        token: {
          shaped: fc.oneof({ arbitrary: fc.constantFrom(...subscriptions.confirm).chain(typedCode), weight: 7 }, { arbitrary: wellFormedCode(24), weight: 2 }),
          missing: 1,
        },
      });
    case 'unsubscribe':
      return argsOf({
        token: {
          shaped: fc.oneof({ arbitrary: fc.constantFrom(...subscriptions.unsubscribe).chain(typedCode), weight: 7 }, { arbitrary: wellFormedCode(24), weight: 2 }),
          missing: 1,
        },
      });
  }
}

/** A verified-contact token: mostly a valid one (however typed), else unknown, blank or malformed. */
const contactToken = (tokens: string[]): fc.Arbitrary<string> => fc.oneof(
  { arbitrary: fc.constantFrom(...tokens).chain(typedCode), weight: 8 },
  { arbitrary: wellFormedCode(24), weight: 1 },
  { arbitrary: fc.constantFrom('', '  ', 'call me'), weight: 1 },
);

/** A quick answer's browser token: mostly new random ones, sometimes repeated or malformed. */
const browserToken = fc.oneof(
  { arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{22,64}$/), weight: 8 },
  { arbitrary: fc.constantFrom('fuzz-browser-token-repeated-1', 'fuzz-browser-token-repeated-2'), weight: 2 },
  { arbitrary: fc.constantFrom('short', `${'x'.repeat(30)}';--`, ''), weight: 1 },
);

/** A survey, answers mostly to its own questions, and a token mostly of its own. */
function surveyResponse(fx: Participation, contactTokens: string[]): fc.Arbitrary<ArgPairs> {
  const q = fx.question;
  const questions: Record<number, { id: number; value: fc.Arbitrary<unknown> }[]> = {
    [fx.survey.panel]: [
      { id: q.rating, value: fc.integer({ min: 1, max: 5 }) },
      { id: q.choice, value: fc.constantFrom('yes', 'no') },
      { id: q.text, value: text(1, 2000) },
    ],
    [fx.survey.open]: [{ id: q.openRating, value: fc.integer({ min: 1, max: 5 }) }],
    [fx.survey.other]: [{ id: q.otherRating, value: fc.integer({ min: 1, max: 5 }) }],
  };
  const allQuestions = Object.values(questions).flat();
  const wrongValue = fc.oneof(
    fc.constantFrom(0, 6, -1, 4.5, '4', 'maybe', '', '  ', null, true, [4], { value: 4 }),
    hostileValue,
  );
  const answer = (pick: fc.Arbitrary<{ id: number; value: fc.Arbitrary<unknown> }>) =>
    pick.chain((question) =>
      fc.oneof(
        { arbitrary: question.value.map((value) => ({ question_id: question.id, value })), weight: 12 },
        { arbitrary: wrongValue.map((value) => ({ question_id: question.id, value })), weight: 2 },
        { arbitrary: fc.constant({ value: 3 }), weight: 1 },
        { arbitrary: fc.oneof(hostileValue, fc.constant(String(question.id))).map((id) => ({ question_id: id, value: 3 })), weight: 1 },
        { arbitrary: hostileValue, weight: 1 },
      ));
  const answersFor = (survey: number) => {
    const own = questions[survey] ?? allQuestions;
    return fc.oneof(
      { arbitrary: fc.shuffledSubarray(own, { minLength: own.length }).chain((all) => fc.tuple(...all.map((x) => answer(fc.constant(x))))), weight: 10 },
      { arbitrary: fc.array(answer(fc.constantFrom(...own)), { minLength: 1, maxLength: 4 }), weight: 4 },
      { arbitrary: fc.array(answer(fc.constantFrom(...allQuestions)), { maxLength: 4 }), weight: 2 },
      { arbitrary: fc.integer({ min: 99, max: 120 }).map((n) => Array.from({ length: n }, () => ({ question_id: own[0]!.id, value: 3 }))), weight: 1 },
    );
  };
  const token = fc.oneof(
    { arbitrary: fc.constantFrom(...fx.tokens).chain(typedCode), weight: 8 },
    { arbitrary: fc.constantFrom(fx.otherToken, fx.closedToken).chain(typedCode), weight: 1 },
    { arbitrary: wellFormedCode(24), weight: 1 },
  );
  const survey = fc.oneof(
    { arbitrary: fc.constantFrom(fx.survey.panel, fx.survey.open), weight: 8 },
    fc.constantFrom(fx.survey.closedPanel, fx.survey.other),
    unknownId,
  );
  return survey.chain((surveyId) =>
    argsOf({
      survey_id: { shaped: fc.oneof({ arbitrary: fc.constant(surveyId), weight: 9 }, fc.constant(String(surveyId))), missing: 1 },
      answers: { shaped: answersFor(surveyId), missing: 1 },
      token: { shaped: token, missing: surveyId === fx.survey.open ? 40 : 1 },
      // Open surveys: a contact token (verified) or a browser token (quick); sometimes both or neither.
      contact_token: { shaped: contactToken(contactTokens), missing: surveyId === fx.survey.open ? 12 : 40 },
      browser_token: { shaped: browserToken, missing: surveyId === fx.survey.open ? 2 : 40 },
    }));
}

/** Requests for one RPC: mostly named arguments, sometimes another body or content type. */
export function requestArbitrary(rpc: CitizenRpc, context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const body = fc.oneof(
    { arbitrary: fieldsFor(rpc, context).map((pairs): FuzzBody => ({ kind: 'args', pairs })), weight: 18 },
    { arbitrary: rawBody, weight: 2 },
  );
  const contentType = fc.oneof(
    { arbitrary: fc.constant('application/json'), weight: 40 },
    fc.constantFrom('application/json; charset=utf-8', 'Application/JSON', 'text/plain', 'application/x-www-form-urlencoded', ''),
  );
  return fc.record({
    body,
    contentType,
    sharedClient: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, fc.constant(true)),
  });
}
