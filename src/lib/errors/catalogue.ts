/**
 * What citizens are told when something goes wrong, in one place (Astro keeps its errors the same
 * way: `{ name, title, message, hint }`). Two kinds:
 * - RPC errors, keyed by the code the database (or the gateway) answered with; a few codes mean
 *   different things for different RPCs (PT409: the topic is closed, sign-ups have ended, …), so an
 *   RPC may refine a code.
 * - Field messages of the forms' zod schemas, whose messages are keys of FIELD_MESSAGES.
 */
import type { z } from 'zod';
import type { Locale } from '../../i18n/ui.ts';

export interface CatalogueEntry {
  /** Stable identifier, e.g. WindowClosed. */
  name: string;
  title: string;
  message: string;
  hint?: string;
}

type Localized = Record<Locale, CatalogueEntry>;

const entry = (name: string, zh: [string, string, string?], en: [string, string, string?]): Localized => ({
  'zh-CN': { name, title: zh[0], message: zh[1], ...(zh[2] ? { hint: zh[2] } : {}) },
  en: { name, title: en[0], message: en[1], ...(en[2] ? { hint: en[2] } : {}) },
});

export type ParticipationRpc =
  | 'submit_hall_opinion' | 'sign_up_for_hearing' | 'check_hearing_signup' | 'withdraw_hearing_signup'
  | 'submit_survey_response' | 'hearing_availability' | 'hall_topic_stats' | 'survey_stats';

/** By error code, whatever the RPC. */
export const RPC_ERRORS: Record<string, Localized> = {
  '23502': entry('MissingValue', ['缺少必填内容', '有必填的内容没有填写。', '请填写标有“必填”的各项后再提交。'],
    ['Something is missing', 'A required field was left empty.', 'Fill in the fields marked required and send again.']),
  '23514': entry('EmptyValue', ['内容为空或过短', '有一项内容是空的或太短。', '请补充后再提交。'],
    ['Too short', 'A field is empty or too short.', 'Add a little more and send again.']),
  '22001': entry('TooLong', ['内容过长', '有一项内容超过了字数上限。', '请精简后再提交。'],
    ['Too long', 'A field is longer than allowed.', 'Shorten it and send again.']),
  '22023': entry('InvalidValue', ['内容格式不正确', '有一项内容的格式不正确。', '请检查后再提交。'],
    ['Not valid', 'A field is not in the expected form.', 'Check it and send again.']),
  '22P02': entry('WrongType', ['内容格式不正确', '提交的数据格式不正确。', '请刷新页面后重试。'],
    ['Not valid', 'The data sent was not in the expected form.', 'Reload the page and try again.']),
  '23505': entry('Duplicate', ['重复提交', '这项内容已经提交过了。'], ['Already sent', 'This has been sent before.']),
  PT404: entry('NotFound', ['找不到', '要提交的对象不存在，可能已被删除。', '请刷新页面。'],
    ['Not found', 'What you are answering no longer exists.', 'Reload the page.']),
  PT409: entry('WindowClosed', ['目前不开放', '现在不在开放时间内。'], ['Not open', 'This is not open at the moment.']),
  PT410: entry('AlreadyUsed', ['已经使用过', '这项内容已经使用过，不能再次使用。'], ['Already used', 'This has already been used.']),
  PT403: entry('NotAllowed', ['无效', '提交的凭证无效。'], ['Not valid', 'The credential you gave is not valid.']),
  PT429: entry('TooManyRequests', ['提交过于频繁', '同一网络在短时间内提交次数过多。', '请稍后再试。'],
    ['Too many attempts', 'Too many submissions from your connection in a short time.', 'Please try again later.']),
  PGRST301: entry('NotConfigured', ['服务配置有误', '网站无法连接参与服务（访问密钥无效）。', '请稍后再试，或联系网站管理员。'],
    ['Service misconfigured', 'The site could not reach the participation service (invalid key).', 'Try again later or tell the site\'s administrators.']),
  PGRST202: entry('Unavailable', ['服务暂不可用', '参与服务暂时不可用。', '请稍后再试。'],
    ['Unavailable', 'The participation service is not available.', 'Please try again later.']),
  NETWORK: entry('NetworkError', ['网络连接失败', '无法连接到服务器，您的内容没有提交。', '请检查网络后重试。'],
    ['Connection failed', 'The server could not be reached; nothing was sent.', 'Check your connection and try again.']),
  UNEXPECTED: entry('Unexpected', ['提交失败', '服务器暂时无法处理您的请求，您的内容没有保存。', '请稍后再试。'],
    ['Something went wrong', 'The server could not handle your request; nothing was saved.', 'Please try again later.']),
};
RPC_ERRORS['PGRST302'] = RPC_ERRORS['PGRST301']!;
RPC_ERRORS['42501'] = RPC_ERRORS['PGRST301']!;

/** Where a code means something particular for one RPC. */
export const RPC_REFINEMENTS: Partial<Record<ParticipationRpc, Record<string, Localized>>> = {
  submit_hall_opinion: {
    PT404: entry('TopicNotFound', ['话题不存在', '这个话题不存在。', '请从议事厅的话题列表进入。'],
      ['No such topic', 'This topic does not exist.', 'Choose a topic from the hall.']),
    PT409: entry('TopicClosed', ['话题未开放', '这个话题目前不接受意见（尚未开始或已经结束）。', '可以查看其他正在征求意见的话题。'],
      ['Topic not open', 'This topic is not taking opinions (not open yet, or closed).', 'See the topics open now.']),
    PT429: entry('TooManyOpinions', ['提交过于频繁', '同一网络十分钟内最多提交5条意见。', '请稍后再试。'],
      ['Too many opinions', 'At most 5 opinions per 10 minutes from one connection.', 'Please try again later.']),
  },
  sign_up_for_hearing: {
    '23505': entry('AlreadySignedUp', ['已经报名', '这个联系方式已经报名了本场听证会。', '可以用确认码查询报名状态；如需修改，请先撤回再重新报名。'],
      ['Already signed up', 'This contact has already signed up for this hearing.', 'Check your sign-up with its confirmation code; to change it, withdraw and sign up again.']),
    PT404: entry('HearingNotFound', ['听证会不存在', '这场听证会不存在。'], ['No such hearing', 'This hearing does not exist.']),
    PT409: entry('SignupsClosed', ['报名未开放', '这场听证会目前不接受报名（尚未开始、已截止或已取消）。'],
      ['Sign-ups not open', 'This hearing is not taking sign-ups (not started, ended or cancelled).']),
    '22023': entry('InvalidSignup', ['报名信息有误', '联系方式、身份类别或所在区市不正确。', '联系方式请填写电子邮箱或手机号码。'],
      ['Check your details', 'The contact, category or district is not valid.', 'Give an e-mail address or a phone number as contact.']),
  },
  check_hearing_signup: {
    PT404: entry('CodeNotFound', ['确认码无效', '没有与这个确认码对应的报名。', '请核对确认码，注意不要输错字符。'],
      ['Code not found', 'No sign-up has this confirmation code.', 'Check the code for typing errors.']),
    '22023': entry('CodeMalformed', ['确认码格式不对', '确认码由16位字母和数字组成。', '例如 7KQ2-M9XD-4HBT-PW3N。'],
      ['Not a confirmation code', 'A confirmation code has 16 letters and digits.', 'For example 7KQ2-M9XD-4HBT-PW3N.']),
  },
  withdraw_hearing_signup: {
    PT404: entry('CodeNotFound', ['确认码无效', '没有与这个确认码对应的报名。', '请核对确认码，注意不要输错字符。'],
      ['Code not found', 'No sign-up has this confirmation code.', 'Check the code for typing errors.']),
    '22023': entry('CodeMalformed', ['确认码格式不对', '确认码由16位字母和数字组成。', '例如 7KQ2-M9XD-4HBT-PW3N。'],
      ['Not a confirmation code', 'A confirmation code has 16 letters and digits.', 'For example 7KQ2-M9XD-4HBT-PW3N.']),
    PT410: entry('AlreadyWithdrawn', ['已经撤回', '这个报名已经撤回了。', '如报名仍在进行，可以重新报名。'],
      ['Already withdrawn', 'This sign-up has already been withdrawn.', 'While sign-ups are open you may sign up again.']),
    PT409: entry('HearingOver', ['无法撤回', '听证会已经举行或已取消，报名不能再撤回。'],
      ['Cannot withdraw', 'The hearing has been held or cancelled; sign-ups can no longer be withdrawn.']),
  },
  submit_survey_response: {
    '23502': entry('TokenMissing', ['缺少内容', '请填写邀请码并回答所有必答题。'],
      ['Something is missing', 'Enter your invitation token and answer every required question.']),
    '23505': entry('AlreadyAnswered', ['已经答过', '这个问卷已经从您的网络连接提交过答卷。', '谢谢，您之前的答卷已经计入。'],
      ['Already answered', 'This survey has already been answered from your connection.', 'Thank you: your earlier answers count.']),
    PT403: entry('TokenInvalid', ['邀请码无效', '这个邀请码不属于本问卷，或输入有误。', '请核对邀请函上的邀请码。'],
      ['Token not valid', 'This invitation token is not for this survey, or was mistyped.', 'Check the token on your invitation.']),
    PT410: entry('TokenUsed', ['邀请码已使用', '这个邀请码已经使用过，每个邀请码只能答一次。', '如果不是您本人使用的，请联系考核办。'],
      ['Token already used', 'This invitation token has already been used; each works once.', 'If you did not use it, tell the assessment office.']),
    PT404: entry('SurveyNotFound', ['问卷不存在', '这个问卷不存在。'], ['No such survey', 'This survey does not exist.']),
    PT409: entry('SurveyClosed', ['问卷未开放', '这个问卷目前不接受答卷。'], ['Survey not open', 'This survey is not taking answers at the moment.']),
    '22023': entry('InvalidAnswer', ['答卷或邀请码有误', '邀请码格式不对，或有答案不符合题目要求。', '邀请码由24位字母和数字组成。'],
      ['Check your answers', 'The token is not in the right form, or an answer does not fit its question.', 'An invitation token has 24 letters and digits.']),
  },
};

/** An RPC error as supabase-js reports it (PostgREST's body; code '' for network failures). */
export interface RpcErrorLike {
  code?: string | null;
  message?: string | null;
}

/** The catalogue entry for an error answered by `rpc`. */
export function describeRpcError(error: RpcErrorLike | null | undefined, rpc: ParticipationRpc, locale: Locale): CatalogueEntry {
  const code = error?.code || (error?.message && /fetch|network/i.test(error.message) ? 'NETWORK' : 'UNEXPECTED');
  const found = RPC_REFINEMENTS[rpc]?.[code] ?? RPC_ERRORS[code] ?? RPC_ERRORS['UNEXPECTED']!;
  return found[locale];
}

/** Messages of the forms' zod schemas (their `message` is one of these keys). */
export const FIELD_MESSAGES: Record<string, Record<Locale, string>> = {
  'body.required': { 'zh-CN': '请填写您的意见。', en: 'Write your opinion.' },
  'body.empty': { 'zh-CN': '请填写您的意见。', en: 'Write your opinion.' },
  'body.tooShort': { 'zh-CN': '意见至少需要2个字。', en: 'Your opinion needs at least 2 characters.' },
  'body.tooLong': { 'zh-CN': '意见最多2000字。', en: 'Your opinion can have at most 2000 characters.' },
  'display_name.tooLong': { 'zh-CN': '署名最多40个字。', en: 'The name to show can have at most 40 characters.' },
  'contact.required': { 'zh-CN': '请填写联系方式。', en: 'Give a contact.' },
  'contact.tooLong': { 'zh-CN': '联系方式最多100个字符。', en: 'The contact can have at most 100 characters.' },
  'contact.invalid': { 'zh-CN': '请填写有效的电子邮箱或电话号码（6至20位数字）。', en: 'Give an e-mail address or a phone number (6 to 20 digits).' },
  'name.required': { 'zh-CN': '请填写姓名。', en: 'Give your name.' },
  'name.empty': { 'zh-CN': '请填写姓名。', en: 'Give your name.' },
  'name.tooShort': { 'zh-CN': '姓名至少2个字。', en: 'Your name needs at least 2 characters.' },
  'name.tooLong': { 'zh-CN': '姓名最多40个字。', en: 'Your name can have at most 40 characters.' },
  'category.invalid': { 'zh-CN': '请选择身份类别。', en: 'Choose what describes you.' },
  'statement.tooLong': { 'zh-CN': '发言要点最多1000字。', en: 'What you want to say can have at most 1000 characters.' },
  'code.required': { 'zh-CN': '请填写确认码。', en: 'Enter your confirmation code.' },
  'code.invalid': { 'zh-CN': '确认码由16位字母和数字组成，例如 7KQ2-M9XD-4HBT-PW3N。', en: 'A confirmation code has 16 letters and digits, e.g. 7KQ2-M9XD-4HBT-PW3N.' },
  'token.required': { 'zh-CN': '请填写邀请码。', en: 'Enter your invitation token.' },
  'token.invalid': { 'zh-CN': '邀请码由24位字母和数字组成，例如 7KQ2-M9XD-4HBT-PW3N-A8EF-Q2RS。', en: 'An invitation token has 24 letters and digits, e.g. 7KQ2-M9XD-4HBT-PW3N-A8EF-Q2RS.' },
  'answer.required': { 'zh-CN': '这道题必须回答。', en: 'This question needs an answer.' },
  'answer.rating': { 'zh-CN': '请选择1到5分。', en: 'Choose a rating from 1 to 5.' },
  'answer.choice': { 'zh-CN': '请选择一个选项。', en: 'Choose one of the options.' },
  'answer.tooLong': { 'zh-CN': '回答最多2000字。', en: 'An answer can have at most 2000 characters.' },
  'answers.none': { 'zh-CN': '请至少回答一道题。', en: 'Answer at least one question.' },
  'text.unsupported': {
    'zh-CN': '含有无法保存的字符（例如空字符或残缺的表情符号），请删除后再提交。',
    en: 'This contains characters that cannot be stored (such as a null character or a broken emoji): remove them and try again.',
  },
  invalid: { 'zh-CN': '内容不正确。', en: 'This is not valid.' },
};

export interface FieldError {
  /** The field's path, e.g. body, token, answers.12. */
  field: string;
  message: string;
}

export type FriendlyResult<T> = { success: true; data: T } | { success: false; errors: FieldError[] };

/** Parses with a zod schema whose messages are FIELD_MESSAGES keys; one translated message per field. */
export function parseWithFriendlyErrors<S extends z.ZodType>(schema: S, data: unknown, locale: Locale): FriendlyResult<z.output<S>> {
  const result = schema.safeParse(data);
  if (result.success) return { success: true, data: result.data };
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    if (errors.some((e) => e.field === field)) continue;
    const text = FIELD_MESSAGES[issue.message] ?? FIELD_MESSAGES['invalid']!;
    errors.push({ field, message: text[locale] });
  }
  return { success: false, errors };
}
