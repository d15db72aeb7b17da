/**
 * Pure parts of the participation stack: PostgREST's status mapping, argument matching and the
 * call statement of the gateway; the forms' zod schemas with their friendly messages; the error
 * catalogue.
 */
import { describe, expect, it } from 'vitest';
import { CITIZEN_RPCS } from '../../src/lib/citizen-rpcs.ts';
import { describeRpcError, FIELD_MESSAGES, parseWithFriendlyErrors, RPC_ERRORS, RPC_REFINEMENTS } from '../../src/lib/errors/catalogue.ts';
import { HallOpinionInputSchema } from '../../src/lib/schemas/hall.ts';
import { isContact } from '../../src/lib/contacts/contact-key.ts';
import { ConfirmationCodeInputSchema, HearingSignupInputSchema, normalizeCode } from '../../src/lib/schemas/hearing.ts';
import { surveyResponseSchema, type SurveyQuestion } from '../../src/lib/schemas/survey.ts';
import { statusForSqlState } from '../../src/server/gateway/errors.ts';
import { callStatement, matchArguments, type RpcFunction } from '../../src/server/gateway/functions.ts';
import { clientHeaders, jsonNestedDeeperThan, prefersRollback } from '../../src/server/gateway/gateway.ts';

describe('statusForSqlState (PostgREST "HTTP Status Codes")', () => {
  it.each([
    ['23505', 409], ['23503', 409], ['25006', 405], ['42883', 404], ['42P01', 404], ['P0001', 400],
    ['23502', 400], ['23514', 400], ['22001', 400], ['22P02', 400], ['22023', 400],
    ['PT404', 404], ['PT409', 409], ['PT410', 410], ['PT429', 429], ['PT403', 403],
    ['08006', 503], ['53300', 503], ['53400', 500], ['40001', 500], ['XX000', 500], ['P0002', 500], ['28000', 403],
    ['21000', 500], ['57014', 500], ['57P01', 503],
  ])('%s → %i', (code, status) => {
    expect(statusForSqlState(code, true)).toBe(status);
  });

  it('42501 is 401 for the anonymous role and 403 for a signed-in one', () => {
    expect(statusForSqlState('42501', false)).toBe(401);
    expect(statusForSqlState('42501', true)).toBe(403);
  });
});

const fn: RpcFunction = {
  name: 'submit_hall_opinion',
  volatility: 'v',
  returnsSet: false,
  returns: 'scalar',
  args: [
    { name: 'topic_id', type: 'bigint', hasDefault: true },
    { name: 'body', type: 'text', hasDefault: true },
  ],
};

describe('gateway arguments', () => {
  it('match by name: unknown names do not match, missing ones only when they have defaults', () => {
    expect(matchArguments([fn], ['body', 'topic_id'])).toBe(fn);
    expect(matchArguments([fn], [])).toBe(fn);
    expect(matchArguments([fn], ['topic'])).toBeUndefined();
    const strict = { ...fn, args: fn.args.map((a) => ({ ...a, hasDefault: false })) };
    expect(matchArguments([strict], ['body'])).toBeUndefined();
  });

  it('are converted by json_to_record, names quoted', () => {
    expect(callStatement(fn, ['body', 'topic_id'])).toBe(
      `select to_json(public."submit_hall_opinion"("topic_id" := _args."topic_id", "body" := _args."body"))::text as body` +
        ` from json_to_record($1::text::json) as _args("topic_id" bigint, "body" text)`,
    );
    expect(callStatement({ ...fn, returns: 'void' }, [])).toBe('select public."submit_hall_opinion"()');
    expect(callStatement({ ...fn, returnsSet: true }, ['body'])).toMatch(/^select coalesce\(json_agg\(_r\), '\[\]'\)::text/);
  });
});

describe('gateway request reading (found by tests/db/rpc-fuzz.test.ts)', () => {
  it('JSON nesting is measured without recursion; brackets inside strings do not count', () => {
    expect(jsonNestedDeeperThan('{"answers": [{"question_id": 1, "value": 4}]}', 3)).toBe(false);
    expect(jsonNestedDeeperThan('{"answers": [{"question_id": 1, "value": [4]}]}', 3)).toBe(true);
    expect(jsonNestedDeeperThan(`{"body": "${'['.repeat(500)}\\\"{{"}`, 1)).toBe(false);
    expect(jsonNestedDeeperThan('['.repeat(200_000) + ']'.repeat(200_000), 100)).toBe(true);
  });

  const request = (headers: Record<string, string>) => ({ headers, socket: { remoteAddress: '::ffff:192.0.2.9' } }) as never;

  it('behind a trusted proxy, the address comes from the one configured header; every other address header is dropped', () => {
    const spoofed = { 'x-forwarded-for': '198.51.100.7', 'cf-connecting-ip': '198.51.100.8', 'true-client-ip': '198.51.100.9', forwarded: 'for=198.51.100.10' };
    const realIp = { trustProxy: true, header: 'x-real-ip' };
    expect(clientHeaders(request({ ...spoofed, 'x-real-ip': '203.0.113.5', accept: '*/*' }), realIp)).toEqual({
      accept: '*/*', 'x-forwarded-for': '203.0.113.5', 'x-real-ip': '203.0.113.5',
    });
    // X-Forwarded-For: the entry the trusted proxy appended (the last), not what the client wrote first.
    const xff = { trustProxy: true, header: 'x-forwarded-for' };
    expect(clientHeaders(request({ 'x-forwarded-for': '198.51.100.7, 203.0.113.6', 'cf-connecting-ip': '198.51.100.8' }), xff)).toEqual({
      'x-forwarded-for': '203.0.113.6', 'x-real-ip': '203.0.113.6',
    });
    // The proxy did not name the client (or named something that is no address): refused, not "unknown".
    expect(() => clientHeaders(request(spoofed), realIp)).toThrow(/client address is unknown/);
    expect(() => clientHeaders(request({ 'x-real-ip': 'unknown' }), realIp)).toThrow(/client address is unknown/);
  });

  it('without a trusted proxy, whatever the client claims is replaced by the socket address', () => {
    const direct = { trustProxy: false, header: 'x-real-ip' };
    expect(clientHeaders(request({ 'x-forwarded-for': '198.51.100.7', 'x-real-ip': '198.51.100.7', 'cf-connecting-ip': '198.51.100.8' }), direct)).toEqual({
      'x-forwarded-for': '192.0.2.9', 'x-real-ip': '192.0.2.9',
    });
    // A connection reset before the handler ran has no address left: the call is refused.
    expect(() => clientHeaders({ headers: {}, socket: {} } as never, direct)).toThrow(/client address is unknown/);
  });

  it('Prefer: tx=rollback is recognised among other preferences', () => {
    expect(prefersRollback('return=minimal, tx=rollback')).toBe(true);
    expect(prefersRollback('tx = rollback')).toBe(true);
    expect(prefersRollback('tx=commit')).toBe(false);
    expect(prefersRollback(undefined)).toBe(false);
  });
});

describe('form schemas', () => {
  it('mirror the database rules, with messages in both languages', () => {
    const zh = parseWithFriendlyErrors(HallOpinionInputSchema, { topic_id: 1, body: ' ', contact_token: 'nope', locale: 'fr' }, 'zh-CN');
    expect(zh).toEqual({
      success: false,
      errors: [
        { field: 'body', message: '请填写您的意见。' },
        { field: 'contact_token', message: '内容不正确。' },
        { field: 'locale', message: '内容不正确。' },
      ],
    });
    const en = parseWithFriendlyErrors(HallOpinionInputSchema, { topic_id: 1, body: 'x'.repeat(2001) }, 'en');
    expect(en).toMatchObject({ success: false, errors: [{ field: 'body', message: 'Your opinion can have at most 2000 characters.' }] });
    expect(parseWithFriendlyErrors(HallOpinionInputSchema, { topic_id: 1, body: ' 好建议 ', display_name: '', contact_token: '' }, 'en'))
      .toEqual({ success: true, data: { topic_id: 1, body: '好建议' } });
    expect(parseWithFriendlyErrors(HallOpinionInputSchema, { topic_id: 1, body: '好建议', contact_token: ' 7kq2-m9xd-4hbt-pw3n-a8ef-q2rs ', locale: 'en' }, 'en'))
      .toEqual({ success: true, data: { topic_id: 1, body: '好建议', contact_token: '7kq2-m9xd-4hbt-pw3n-a8ef-q2rs', locale: 'en' } });
  });

  it('text the database cannot store (NUL, a lone surrogate) gets a message in words, not the database\'s 400', () => {
    const broken = '好建议\uD83D';
    expect(parseWithFriendlyErrors(HallOpinionInputSchema, { topic_id: 1, body: `好\u0000建议`, display_name: broken }, 'en')).toEqual({
      success: false,
      errors: [
        { field: 'body', message: 'This contains characters that cannot be stored (such as a null character or a broken emoji): remove them and try again.' },
        { field: 'display_name', message: 'This contains characters that cannot be stored (such as a null character or a broken emoji): remove them and try again.' },
      ],
    });
    expect(parseWithFriendlyErrors(HearingSignupInputSchema, { hearing_id: 1, name: broken, contact: 'x@example.org', category: 'other', locale: 'zh-CN' }, 'zh-CN'))
      .toMatchObject({ success: false, errors: [{ field: 'name', message: '含有无法保存的字符（例如空字符或残缺的表情符号），请删除后再提交。' }] });
    // A whole emoji (a surrogate pair) is fine.
    expect(HallOpinionInputSchema.safeParse({ topic_id: 1, body: '好建议 \uD83D\uDC4D' }).success).toBe(true);
  });

  it('contacts and codes are read as the database reads them', () => {
    expect(isContact('wang@example.org')).toBe(true);
    expect(isContact('+86 (138) 0000-0000')).toBe(true);
    expect(isContact('12345')).toBe(false);
    expect(normalizeCode('7kq2 m9xd-4hbt-pw3n')).toBe('7KQ2M9XD4HBTPW3N');
    expect(normalizeCode('oil')).toBe('011');
    expect(ConfirmationCodeInputSchema.parse({ code: '7kq2m9xd4hbtpw3n' })).toEqual({ code: '7KQ2-M9XD-4HBT-PW3N' });
    expect(parseWithFriendlyErrors(ConfirmationCodeInputSchema, { code: 'UUUU' }, 'en')).toMatchObject({ success: false });
    const signup = parseWithFriendlyErrors(HearingSignupInputSchema, { hearing_id: 1, name: '王', contact: 'x@example.org', category: 'mayor', locale: 'zh-CN' }, 'zh-CN');
    expect(signup).toMatchObject({ success: false, errors: [{ field: 'name', message: '姓名至少2个字。' }, { field: 'category', message: '请选择身份类别。' }] });
  });

  it('a survey schema follows its questions', () => {
    const questions: SurveyQuestion[] = [
      { id: 11, position: 1, kind: 'rating', prompt: '满意吗', prompt_en: null, options: null, required: true },
      { id: 12, position: 2, kind: 'choice', prompt: '选哪个', prompt_en: null, options: [{ value: 'a', label: '甲' }], required: false },
      { id: 13, position: 3, kind: 'text', prompt: '说说看', prompt_en: null, options: null, required: false },
    ];
    const schema = surveyResponseSchema({ id: 5, mode: 'panel', questions });
    expect(parseWithFriendlyErrors(schema, { token: '', answers: {} }, 'en')).toEqual({
      success: false,
      errors: [
        { field: 'token', message: 'Enter your invitation token.' },
        { field: 'answers.11', message: 'This question needs an answer.' },
      ],
    });
    expect(parseWithFriendlyErrors(schema, { token: 'aaaa bbbb cccc dddd eeee ffff', answers: { 11: 4, 12: 'a', 13: '  ' } }, 'en')).toEqual({
      success: true,
      data: { survey_id: 5, token: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF', answers: [{ question_id: 11, value: 4 }, { question_id: 12, value: 'a' }] },
    });
    expect(parseWithFriendlyErrors(schema, { token: 'A'.repeat(24), answers: { 11: 6, 12: 'z' } }, 'zh-CN')).toMatchObject({
      success: false, errors: [{ field: 'answers.11', message: '请选择1到5分。' }, { field: 'answers.12', message: '请选择一个选项。' }],
    });
    expect(parseWithFriendlyErrors(schema, { token: 'A'.repeat(24), answers: { 11: 3, 13: '很好\u0000' } }, 'en')).toMatchObject({
      success: false, errors: [{ field: 'answers.13', message: /cannot be stored/ }],
    });
    // An open survey: the answer carries the contact token (verified) or else the browser token (quick), never a panel token.
    const open = surveyResponseSchema({ id: 6, mode: 'open', questions });
    const browser = 'b'.repeat(22);
    expect(parseWithFriendlyErrors(open, { token: 'A'.repeat(24), browser_token: browser, answers: { 11: 2 } }, 'en'))
      .toEqual({ success: true, data: { survey_id: 6, browser_token: browser, answers: [{ question_id: 11, value: 2 }] } });
    expect(parseWithFriendlyErrors(open, { contact_token: 'T', browser_token: browser, answers: { 11: 2 } }, 'en'))
      .toEqual({ success: true, data: { survey_id: 6, contact_token: 'T', answers: [{ question_id: 11, value: 2 }] } });
  });
});

describe('error catalogue', () => {
  it('every entry exists in both languages, with a name, title and message', () => {
    for (const entry of [...RPC_ERRORS, ...RPC_REFINEMENTS]) {
      for (const locale of ['zh-CN', 'en'] as const) {
        expect(entry.title[locale].length).toBeGreaterThan(1);
        expect(entry.message[locale].length).toBeGreaterThan(3);
        if (entry.hint) expect(entry.hint[locale].length).toBeGreaterThan(3);
      }
    }
    for (const text of Object.values(FIELD_MESSAGES)) expect(text['zh-CN'] && text.en).toBeTruthy();
  });

  it('finds one entry for a code: names are unique, and no code is declared twice for the same RPC', () => {
    const all = [...RPC_ERRORS, ...RPC_REFINEMENTS];
    expect(new Set(all.map((e) => e.name)).size).toBe(all.length);
    const general = RPC_ERRORS.flatMap((e) => [e.code, ...(e.aliases ?? [])]);
    expect(new Set(general).size).toBe(general.length);
    const refined = RPC_REFINEMENTS.flatMap((e) => {
      expect(e.rpcs?.length, e.name).toBeGreaterThan(0);
      return (e.rpcs ?? []).map((rpc) => `${rpc} ${e.code}`);
    });
    expect(new Set(refined).size).toBe(refined.length);
    expect(describeRpcError({ code: 'PT404' }, 'withdraw_hearing_signup', 'en')).toEqual({
      name: 'CodeNotFound', title: 'Code not found', message: 'No sign-up has this confirmation code.', hint: 'Check the code for typing errors.',
    });
    expect(describeRpcError({ code: 'PT409' }, 'hall_topic_stats', 'zh-CN')).toEqual({ name: 'WindowClosed', title: '目前不开放', message: '现在不在开放时间内。' });
    for (const rpc of CITIZEN_RPCS) {
      expect(describeRpcError({ code: 'PGRST302' }, rpc, 'en').name).toBe('NotConfigured');
      expect(describeRpcError({ code: '42501' }, rpc, 'zh-CN').name).toBe('NotConfigured');
    }
  });

  it('refines codes per RPC and falls back to the code, then to Unexpected', () => {
    expect(describeRpcError({ code: 'PT410' }, 'submit_survey_response', 'zh-CN').name).toBe('TokenUsed');
    expect(describeRpcError({ code: 'PT410' }, 'withdraw_hearing_signup', 'en').name).toBe('AlreadyWithdrawn');
    expect(describeRpcError({ code: 'PT429' }, 'sign_up_for_hearing', 'en').name).toBe('TooManyRequests');
    expect(describeRpcError({ code: 'XX000' }, 'survey_stats', 'en').name).toBe('Unexpected');
    expect(describeRpcError({ code: '', message: 'TypeError: fetch failed' }, 'hall_topic_stats', 'en').name).toBe('NetworkError');
  });
});
