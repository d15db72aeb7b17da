/**
 * What citizens are told when something goes wrong, in one place, the way Astro keeps its errors
 * (core/errors/errors-data.ts): each error a named export checked with `satisfies ErrorData`, in
 * both locales, never changed after its declaration. Two kinds:
 * - RPC errors, found by the code the database (or the gateway) answered with. A few codes mean
 *   something particular for some RPCs (PT409: the topic is closed, sign-ups have ended, …): such
 *   an entry names those `rpcs` and refines the general entry of its code for them.
 * - Field messages of the forms' zod schemas, whose messages are FieldMessageKeys.
 */
import type { z } from 'zod';
import type { Locale } from '../../i18n/ui.ts';
import type { CitizenRpc } from '../citizen-rpcs.ts';

/** A text in every locale. */
export type Localized = Readonly<Record<Locale, string>>;

export interface ErrorData {
  /** Stable identifier in PascalCase; the error summary carries it as `data-error`. */
  readonly name: string;
  /**
   * The code answered: a SQLSTATE, `PTxxx` (raised for that HTTP status), PostgREST's `PGRSTxxx`,
   * or, set by the client, NETWORK (no answer) and UNEXPECTED (a code the catalogue does not know).
   */
  readonly code: string;
  /** Other codes that mean the same to a citizen. */
  readonly aliases?: readonly string[];
  /** Set on a refinement: the RPCs for which this entry replaces the general entry of `code`. */
  readonly rpcs?: readonly [CitizenRpc, ...CitizenRpc[]];
  readonly title: Localized;
  readonly message: Localized;
  readonly hint?: Localized;
}

// Whatever the RPC.

export const MissingValue = {
  name: 'MissingValue',
  code: '23502',
  title: { 'zh-CN': '缺少必填内容', en: 'Something is missing' },
  message: { 'zh-CN': '有必填的内容没有填写。', en: 'A required field was left empty.' },
  hint: { 'zh-CN': '请填写标有“必填”的各项后再提交。', en: 'Fill in the fields marked required and send again.' },
} satisfies ErrorData;

export const EmptyValue = {
  name: 'EmptyValue',
  code: '23514',
  title: { 'zh-CN': '内容为空或过短', en: 'Too short' },
  message: { 'zh-CN': '有一项内容是空的或太短。', en: 'A field is empty or too short.' },
  hint: { 'zh-CN': '请补充后再提交。', en: 'Add a little more and send again.' },
} satisfies ErrorData;

export const TooLong = {
  name: 'TooLong',
  code: '22001',
  title: { 'zh-CN': '内容过长', en: 'Too long' },
  message: { 'zh-CN': '有一项内容超过了字数上限。', en: 'A field is longer than allowed.' },
  hint: { 'zh-CN': '请精简后再提交。', en: 'Shorten it and send again.' },
} satisfies ErrorData;

export const InvalidValue = {
  name: 'InvalidValue',
  code: '22023',
  title: { 'zh-CN': '内容格式不正确', en: 'Not valid' },
  message: { 'zh-CN': '有一项内容的格式不正确。', en: 'A field is not in the expected form.' },
  hint: { 'zh-CN': '请检查后再提交。', en: 'Check it and send again.' },
} satisfies ErrorData;

export const WrongType = {
  name: 'WrongType',
  code: '22P02',
  title: { 'zh-CN': '内容格式不正确', en: 'Not valid' },
  message: { 'zh-CN': '提交的数据格式不正确。', en: 'The data sent was not in the expected form.' },
  hint: { 'zh-CN': '请刷新页面后重试。', en: 'Reload the page and try again.' },
} satisfies ErrorData;

export const Duplicate = {
  name: 'Duplicate',
  code: '23505',
  title: { 'zh-CN': '重复提交', en: 'Already sent' },
  message: { 'zh-CN': '这项内容已经提交过了。', en: 'This has been sent before.' },
} satisfies ErrorData;

export const NotFound = {
  name: 'NotFound',
  code: 'PT404',
  title: { 'zh-CN': '找不到', en: 'Not found' },
  message: { 'zh-CN': '要提交的对象不存在，可能已被删除。', en: 'What you are answering no longer exists.' },
  hint: { 'zh-CN': '请刷新页面。', en: 'Reload the page.' },
} satisfies ErrorData;

export const WindowClosed = {
  name: 'WindowClosed',
  code: 'PT409',
  title: { 'zh-CN': '目前不开放', en: 'Not open' },
  message: { 'zh-CN': '现在不在开放时间内。', en: 'This is not open at the moment.' },
} satisfies ErrorData;

export const AlreadyUsed = {
  name: 'AlreadyUsed',
  code: 'PT410',
  title: { 'zh-CN': '已经使用过', en: 'Already used' },
  message: { 'zh-CN': '这项内容已经使用过，不能再次使用。', en: 'This has already been used.' },
} satisfies ErrorData;

export const NotAllowed = {
  name: 'NotAllowed',
  code: 'PT403',
  title: { 'zh-CN': '无效', en: 'Not valid' },
  message: { 'zh-CN': '提交的凭证无效。', en: 'The credential you gave is not valid.' },
} satisfies ErrorData;

export const TooManyRequests = {
  name: 'TooManyRequests',
  code: 'PT429',
  title: { 'zh-CN': '提交过于频繁', en: 'Too many attempts' },
  message: { 'zh-CN': '同一网络在短时间内提交次数过多。', en: 'Too many submissions from your connection in a short time.' },
  hint: { 'zh-CN': '请稍后再试。', en: 'Please try again later.' },
} satisfies ErrorData;

/** PGRST301 (a bad key), PGRST302 (no key) and 42501 (the anonymous role may not call it) alike. */
export const NotConfigured = {
  name: 'NotConfigured',
  code: 'PGRST301',
  aliases: ['PGRST302', '42501'],
  title: { 'zh-CN': '服务配置有误', en: 'Service misconfigured' },
  message: {
    'zh-CN': '网站无法连接参与服务（访问密钥无效）。',
    en: 'The site could not reach the participation service (invalid key).',
  },
  hint: { 'zh-CN': '请稍后再试，或联系网站管理员。', en: 'Try again later or tell the site\'s administrators.' },
} satisfies ErrorData;

export const Unavailable = {
  name: 'Unavailable',
  code: 'PGRST202',
  title: { 'zh-CN': '服务暂不可用', en: 'Unavailable' },
  message: { 'zh-CN': '参与服务暂时不可用。', en: 'The participation service is not available.' },
  hint: { 'zh-CN': '请稍后再试。', en: 'Please try again later.' },
} satisfies ErrorData;

export const NetworkError = {
  name: 'NetworkError',
  code: 'NETWORK',
  title: { 'zh-CN': '网络连接失败', en: 'Connection failed' },
  message: { 'zh-CN': '无法连接到服务器，您的内容没有提交。', en: 'The server could not be reached; nothing was sent.' },
  hint: { 'zh-CN': '请检查网络后重试。', en: 'Check your connection and try again.' },
} satisfies ErrorData;

export const Unexpected = {
  name: 'Unexpected',
  code: 'UNEXPECTED',
  title: { 'zh-CN': '提交失败', en: 'Something went wrong' },
  message: { 'zh-CN': '服务器暂时无法处理您的请求，您的内容没有保存。', en: 'The server could not handle your request; nothing was saved.' },
  hint: { 'zh-CN': '请稍后再试。', en: 'Please try again later.' },
} satisfies ErrorData;

// Refinements: what a code means for particular RPCs.

export const TopicNotFound = {
  name: 'TopicNotFound',
  code: 'PT404',
  rpcs: ['submit_hall_opinion'],
  title: { 'zh-CN': '话题不存在', en: 'No such topic' },
  message: { 'zh-CN': '这个话题不存在。', en: 'This topic does not exist.' },
  hint: { 'zh-CN': '请从议事厅的话题列表进入。', en: 'Choose a topic from the hall.' },
} satisfies ErrorData;

export const TopicClosed = {
  name: 'TopicClosed',
  code: 'PT409',
  rpcs: ['submit_hall_opinion'],
  title: { 'zh-CN': '话题未开放', en: 'Topic not open' },
  message: { 'zh-CN': '这个话题目前不接受意见（尚未开始或已经结束）。', en: 'This topic is not taking opinions (not open yet, or closed).' },
  hint: { 'zh-CN': '可以查看其他正在征求意见的话题。', en: 'See the topics open now.' },
} satisfies ErrorData;

export const TooManyOpinions = {
  name: 'TooManyOpinions',
  code: 'PT429',
  rpcs: ['submit_hall_opinion'],
  title: { 'zh-CN': '提交过于频繁', en: 'Too many opinions' },
  message: { 'zh-CN': '同一网络一小时内最多提交120条意见。', en: 'At most 120 opinions an hour from one connection.' },
  hint: { 'zh-CN': '请稍后再试。', en: 'Please try again later.' },
} satisfies ErrorData;

export const AlreadySignedUp = {
  name: 'AlreadySignedUp',
  code: '23505',
  rpcs: ['sign_up_for_hearing'],
  title: { 'zh-CN': '已经报名', en: 'Already signed up' },
  message: { 'zh-CN': '这个联系方式已经报名了本场听证会。', en: 'This contact has already signed up for this hearing.' },
  hint: {
    'zh-CN': '可以用确认码查询报名状态；如需修改，请先撤回再重新报名。',
    en: 'Check your sign-up with its confirmation code; to change it, withdraw and sign up again.',
  },
} satisfies ErrorData;

export const HearingNotFound = {
  name: 'HearingNotFound',
  code: 'PT404',
  rpcs: ['sign_up_for_hearing', 'confirm_hearing_signup'],
  title: { 'zh-CN': '听证会不存在', en: 'No such hearing' },
  message: { 'zh-CN': '这场听证会不存在。', en: 'This hearing does not exist.' },
} satisfies ErrorData;

export const SignupsClosed = {
  name: 'SignupsClosed',
  code: 'PT409',
  rpcs: ['sign_up_for_hearing', 'confirm_hearing_signup'],
  title: { 'zh-CN': '报名未开放', en: 'Sign-ups not open' },
  message: {
    'zh-CN': '这场听证会目前不接受报名（尚未开始、已截止或已取消）。',
    en: 'This hearing is not taking sign-ups (not started, ended or cancelled).',
  },
} satisfies ErrorData;

export const InvalidSignup = {
  name: 'InvalidSignup',
  code: '22023',
  rpcs: ['sign_up_for_hearing'],
  title: { 'zh-CN': '报名信息有误', en: 'Check your details' },
  message: { 'zh-CN': '联系方式、身份类别或所在区市不正确。', en: 'The contact, category or district is not valid.' },
  hint: { 'zh-CN': '联系方式请填写电子邮箱或手机号码。', en: 'Give an e-mail address or a phone number as contact.' },
} satisfies ErrorData;

export const SignupCodeWrong = {
  name: 'SignupCodeWrong',
  code: 'PT403',
  rpcs: ['confirm_hearing_signup'],
  title: { 'zh-CN': '验证码不正确', en: 'Code not valid' },
  message: {
    'zh-CN': '这个验证码与我们为本次报名发送到该联系方式的不一致，报名尚未确认。',
    en: 'This code does not match the one we sent to this contact for this sign-up; the sign-up is not confirmed.',
  },
  hint: {
    'zh-CN': '请核对最新一条消息中的8位验证码；联系方式须与报名时填写的一致。',
    en: 'Check the 8-character code in our newest message; the contact must be the one you signed up with.',
  },
} satisfies ErrorData;

export const SignupCodeExpired = {
  name: 'SignupCodeExpired',
  code: 'PT410',
  rpcs: ['confirm_hearing_signup'],
  title: { 'zh-CN': '验证码已失效', en: 'Code expired or used' },
  message: {
    'zh-CN': '这个验证码已过期或已经用过（验证码30分钟内有效，只能使用一次）。',
    en: 'This code has expired or was already used (a code is valid for 30 minutes, once).',
  },
  hint: {
    'zh-CN': '请重新提交报名表，我们会发送新的验证码；若报名已确认，可用确认码查询。',
    en: 'Send the sign-up form again for a new code; if your sign-up is already confirmed, check it with its confirmation code.',
  },
} satisfies ErrorData;

export const SignupCodeMalformed = {
  name: 'SignupCodeMalformed',
  code: '22023',
  rpcs: ['confirm_hearing_signup'],
  title: { 'zh-CN': '验证码或联系方式格式不对', en: 'Check the code' },
  message: { 'zh-CN': '验证码由8位字母和数字组成，例如 7KQ2-M9XD。', en: 'A code has 8 letters and digits, for example 7KQ2-M9XD.' },
} satisfies ErrorData;

export const CodeNotFound = {
  name: 'CodeNotFound',
  code: 'PT404',
  rpcs: ['check_hearing_signup', 'withdraw_hearing_signup'],
  title: { 'zh-CN': '确认码无效', en: 'Code not found' },
  message: { 'zh-CN': '没有与这个确认码对应的报名。', en: 'No sign-up has this confirmation code.' },
  hint: { 'zh-CN': '请核对确认码，注意不要输错字符。', en: 'Check the code for typing errors.' },
} satisfies ErrorData;

export const CodeMalformed = {
  name: 'CodeMalformed',
  code: '22023',
  rpcs: ['check_hearing_signup', 'withdraw_hearing_signup'],
  title: { 'zh-CN': '确认码格式不对', en: 'Not a confirmation code' },
  message: { 'zh-CN': '确认码由16位字母和数字组成。', en: 'A confirmation code has 16 letters and digits.' },
  hint: { 'zh-CN': '例如 7KQ2-M9XD-4HBT-PW3N。', en: 'For example 7KQ2-M9XD-4HBT-PW3N.' },
} satisfies ErrorData;

export const AlreadyWithdrawn = {
  name: 'AlreadyWithdrawn',
  code: 'PT410',
  rpcs: ['withdraw_hearing_signup'],
  title: { 'zh-CN': '已经撤回', en: 'Already withdrawn' },
  message: { 'zh-CN': '这个报名已经撤回了。', en: 'This sign-up has already been withdrawn.' },
  hint: { 'zh-CN': '如报名仍在进行，可以重新报名。', en: 'While sign-ups are open you may sign up again.' },
} satisfies ErrorData;

export const HearingOver = {
  name: 'HearingOver',
  code: 'PT409',
  rpcs: ['withdraw_hearing_signup'],
  title: { 'zh-CN': '无法撤回', en: 'Cannot withdraw' },
  message: {
    'zh-CN': '听证会已经举行或已取消，报名不能再撤回。',
    en: 'The hearing has been held or cancelled; sign-ups can no longer be withdrawn.',
  },
} satisfies ErrorData;

export const TokenMissing = {
  name: 'TokenMissing',
  code: '23502',
  rpcs: ['submit_survey_response'],
  title: { 'zh-CN': '缺少内容', en: 'Something is missing' },
  message: {
    'zh-CN': '请回答所有必答题（受邀测评还需填写邀请码）。',
    en: 'Answer every required question (and, for a panel survey, enter your invitation token).',
  },
} satisfies ErrorData;

export const AlreadyAnswered = {
  name: 'AlreadyAnswered',
  code: '23505',
  rpcs: ['submit_survey_response'],
  title: { 'zh-CN': '已经答过', en: 'Already answered' },
  message: {
    'zh-CN': '您已经用这个联系方式或在这个浏览器上答过本问卷，每人只计一份。',
    en: 'You have already answered this survey with this contact or in this browser; each person counts once.',
  },
  hint: { 'zh-CN': '谢谢，您之前的答卷已经计入。', en: 'Thank you: your earlier answers count.' },
} satisfies ErrorData;

export const TokenInvalid = {
  name: 'TokenInvalid',
  code: 'PT403',
  rpcs: ['submit_survey_response'],
  title: { 'zh-CN': '邀请码无效', en: 'Token not valid' },
  message: { 'zh-CN': '这个邀请码不属于本问卷，或输入有误。', en: 'This invitation token is not for this survey, or was mistyped.' },
  hint: { 'zh-CN': '请核对邀请函上的邀请码。', en: 'Check the token on your invitation.' },
} satisfies ErrorData;

export const TokenUsed = {
  name: 'TokenUsed',
  code: 'PT410',
  rpcs: ['submit_survey_response'],
  title: { 'zh-CN': '邀请码已使用', en: 'Token already used' },
  message: { 'zh-CN': '这个邀请码已经使用过，每个邀请码只能答一次。', en: 'This invitation token has already been used; each works once.' },
  hint: { 'zh-CN': '如果不是您本人使用的，请联系考核办。', en: 'If you did not use it, tell the assessment office.' },
} satisfies ErrorData;

export const SurveyNotFound = {
  name: 'SurveyNotFound',
  code: 'PT404',
  rpcs: ['submit_survey_response'],
  title: { 'zh-CN': '问卷不存在', en: 'No such survey' },
  message: { 'zh-CN': '这个问卷不存在。', en: 'This survey does not exist.' },
} satisfies ErrorData;

export const SurveyClosed = {
  name: 'SurveyClosed',
  code: 'PT409',
  rpcs: ['submit_survey_response'],
  title: { 'zh-CN': '问卷未开放', en: 'Survey not open' },
  message: { 'zh-CN': '这个问卷目前不接受答卷。', en: 'This survey is not taking answers at the moment.' },
} satisfies ErrorData;

export const InvalidAnswer = {
  name: 'InvalidAnswer',
  code: '22023',
  rpcs: ['submit_survey_response'],
  title: { 'zh-CN': '答卷或邀请码有误', en: 'Check your answers' },
  message: {
    'zh-CN': '邀请码格式不对，或有答案不符合题目要求。',
    en: 'The token is not in the right form, or an answer does not fit its question.',
  },
  hint: { 'zh-CN': '邀请码由24位字母和数字组成。', en: 'An invitation token has 24 letters and digits.' },
} satisfies ErrorData;

// Confirming an e-mail address or phone with the code we sent to it.

export const ContactInvalid = {
  name: 'ContactInvalid',
  code: '22023',
  rpcs: ['request_contact_code', 'verify_contact'],
  title: { 'zh-CN': '联系方式或验证码格式不对', en: 'Check the contact or code' },
  message: {
    'zh-CN': '请填写电子邮箱，或带区号的手机、固定电话号码；验证码由8位字母和数字组成。',
    en: 'Give an e-mail address or a mobile or landline number with its area code; a code has 8 letters and digits.',
  },
} satisfies ErrorData;

export const ContactCodeWrong = {
  name: 'ContactCodeWrong',
  code: 'PT403',
  rpcs: ['verify_contact'],
  title: { 'zh-CN': '验证码不正确', en: 'Code not valid' },
  message: { 'zh-CN': '这个验证码与我们发给该联系方式的不一致。', en: 'This code does not match the one we sent to this contact.' },
  hint: { 'zh-CN': '请核对最新一条消息中的验证码，或重新获取。', en: 'Check the code in our newest message, or ask for a new one.' },
} satisfies ErrorData;

export const ContactCodeExpired = {
  name: 'ContactCodeExpired',
  code: 'PT410',
  rpcs: ['verify_contact'],
  title: { 'zh-CN': '验证码已失效', en: 'Code expired' },
  message: { 'zh-CN': '这个验证码已过期或已经用过。', en: 'This code has expired or was already used.' },
  hint: { 'zh-CN': '请重新获取验证码。', en: 'Ask for a new code.' },
} satisfies ErrorData;

export const RequestNotFound = {
  name: 'RequestNotFound',
  code: 'PT404',
  rpcs: ['message_status'],
  title: { 'zh-CN': '找不到这次发送', en: 'No such request' },
  message: { 'zh-CN': '找不到这次发送请求。', en: 'We have no record of this request.' },
  hint: { 'zh-CN': '请重新获取验证码。', en: 'Ask for a new code.' },
} satisfies ErrorData;

// A verified contact's token (verify_contact) sent with an opinion or an open survey's answer.

export const ContactTokenInvalid = {
  name: 'ContactTokenInvalid',
  code: 'PT403',
  rpcs: ['submit_hall_opinion'],
  title: { 'zh-CN': '联系方式确认已失效', en: 'Contact confirmation expired' },
  message: {
    'zh-CN': '您之前确认的联系方式已过期或无效，内容没有提交。',
    en: 'The contact you confirmed earlier has expired or is not valid; nothing was sent.',
  },
  hint: { 'zh-CN': '请重新获取验证码确认联系方式，或不留联系方式提交。', en: 'Confirm your contact again with a new code, or send without one.' },
} satisfies ErrorData;

// E-mail subscriptions: subscribing, the confirmation link and the unsubscribe link.

export const SubscriptionInvalid = {
  name: 'SubscriptionInvalid',
  code: '22023',
  rpcs: ['subscribe'],
  title: { 'zh-CN': '请填写电子邮箱', en: 'Give an e-mail address' },
  message: { 'zh-CN': '订阅只通过电子邮件发送，请填写有效的电子邮箱地址。', en: 'Subscriptions are sent by e-mail only: give a valid e-mail address.' },
  hint: { 'zh-CN': '例如 name@example.org。', en: 'For example name@example.org.' },
} satisfies ErrorData;

export const SubscriptionTopicNotFound = {
  name: 'SubscriptionTopicNotFound',
  code: 'PT404',
  rpcs: ['subscribe'],
  title: { 'zh-CN': '无法订阅', en: 'Cannot subscribe' },
  message: { 'zh-CN': '要订阅的单位或目标不存在或尚未公开。', en: 'The unit or target to subscribe to does not exist or is not public.' },
  hint: { 'zh-CN': '请从单位或目标的页面订阅。', en: 'Subscribe from the unit’s or target’s page.' },
} satisfies ErrorData;

export const SubscriptionLinkMalformed = {
  name: 'SubscriptionLinkMalformed',
  code: '22023',
  rpcs: ['confirm_subscription', 'unsubscribe'],
  title: { 'zh-CN': '链接不完整', en: 'Incomplete link' },
  message: { 'zh-CN': '链接中的凭证缺失或不完整。', en: 'The link’s token is missing or incomplete.' },
  hint: {
    'zh-CN': '请直接点击邮件中的链接；如需复制，请复制完整的链接。',
    en: 'Open the link straight from the e-mail; if you copy it, copy all of it.',
  },
} satisfies ErrorData;

export const ConfirmLinkInvalid = {
  name: 'ConfirmLinkInvalid',
  code: 'PT403',
  rpcs: ['confirm_subscription'],
  title: { 'zh-CN': '确认链接无效', en: 'Confirmation link not valid' },
  message: {
    'zh-CN': '这个确认链接无效：可能已有更新的确认邮件，或订阅已被退订。',
    en: 'This confirmation link is not valid: a newer confirmation e-mail may have replaced it, or the subscription was ended.',
  },
  hint: { 'zh-CN': '请使用最新一封确认邮件中的链接，或重新订阅。', en: 'Use the link in the newest confirmation e-mail, or subscribe again.' },
} satisfies ErrorData;

export const ConfirmLinkExpired = {
  name: 'ConfirmLinkExpired',
  code: 'PT410',
  rpcs: ['confirm_subscription'],
  title: { 'zh-CN': '确认链接已失效', en: 'Confirmation link expired' },
  message: { 'zh-CN': '确认链接已过期（有效期7天），或订阅已被退订。', en: 'The confirmation link has expired (it works for 7 days), or the subscription was ended.' },
  hint: { 'zh-CN': '请重新订阅，我们会发送新的确认链接。', en: 'Subscribe again and we will send a new link.' },
} satisfies ErrorData;

export const UnsubscribeLinkInvalid = {
  name: 'UnsubscribeLinkInvalid',
  code: 'PT403',
  rpcs: ['unsubscribe'],
  title: { 'zh-CN': '退订链接无效', en: 'Unsubscribe link not valid' },
  message: {
    'zh-CN': '这个退订链接无效。重新订阅后，只有新邮件中的退订链接有效。',
    en: 'This unsubscribe link is not valid. After subscribing again, only the links in newer e-mails work.',
  },
  hint: { 'zh-CN': '请使用最近一封邮件中的退订链接。', en: 'Use the unsubscribe link in the most recent e-mail.' },
} satisfies ErrorData;

/** The entries that apply whatever the RPC, one per code. */
export const RPC_ERRORS: readonly ErrorData[] = [
  MissingValue, EmptyValue, TooLong, InvalidValue, WrongType, Duplicate, NotFound, WindowClosed, AlreadyUsed,
  NotAllowed, TooManyRequests, NotConfigured, Unavailable, NetworkError, Unexpected,
];

/** An entry in `locale`, for a form that knows better than the code what went wrong (e.g. which token). */
export function describeEntry(entry: ErrorData, locale: Locale): CatalogueEntry {
  const { name, title, message, hint } = entry;
  return { name, title: title[locale], message: message[locale], ...(hint ? { hint: hint[locale] } : {}) };
}

/** The entries that refine a code for some RPCs, at most one per RPC and code. */
export const RPC_REFINEMENTS: readonly ErrorData[] = [
  TopicNotFound, TopicClosed, TooManyOpinions,
  AlreadySignedUp, HearingNotFound, SignupsClosed, InvalidSignup, SignupCodeWrong, SignupCodeExpired, SignupCodeMalformed,
  CodeNotFound, CodeMalformed, AlreadyWithdrawn, HearingOver,
  TokenMissing, AlreadyAnswered, TokenInvalid, TokenUsed, SurveyNotFound, SurveyClosed, InvalidAnswer,
  ContactInvalid, ContactCodeWrong, ContactCodeExpired, RequestNotFound,
  ContactTokenInvalid,
  SubscriptionInvalid, SubscriptionTopicNotFound, SubscriptionLinkMalformed, ConfirmLinkInvalid, ConfirmLinkExpired,
  UnsubscribeLinkInvalid,
];

const byCode: ReadonlyMap<string, ErrorData> = new Map(
  RPC_ERRORS.flatMap((entry) => [entry.code, ...(entry.aliases ?? [])].map((code) => [code, entry] as const)),
);
const byRpcAndCode: ReadonlyMap<string, ErrorData> = new Map(
  RPC_REFINEMENTS.flatMap((entry) => (entry.rpcs ?? []).map((rpc) => [`${rpc} ${entry.code}`, entry] as const)),
);

/** An entry in one locale, as the error summary shows it. */
export interface CatalogueEntry {
  name: string;
  title: string;
  message: string;
  hint?: string;
}

/** An RPC error as supabase-js reports it (PostgREST's body; code '' for network failures). */
export interface RpcErrorLike {
  code?: string | null;
  message?: string | null;
}

/** The catalogue entry for `code` answered by `rpc`: its refinement, else the general entry, else Unexpected. */
function findRpcError(code: string, rpc: CitizenRpc): ErrorData {
  return byRpcAndCode.get(`${rpc} ${code}`) ?? byCode.get(code) ?? Unexpected;
}

/** The entry for an error answered by `rpc`, in `locale`. */
export function describeRpcError(error: RpcErrorLike | null | undefined, rpc: CitizenRpc, locale: Locale): CatalogueEntry {
  const code = error?.code || (error?.message && /fetch|network/i.test(error.message) ? 'NETWORK' : 'UNEXPECTED');
  const { name, title, message, hint } = findRpcError(code, rpc);
  return { name, title: title[locale], message: message[locale], ...(hint ? { hint: hint[locale] } : {}) };
}

/** Messages of the forms' zod schemas: each schema message is one of these keys (see fieldMessage). */
export const FIELD_MESSAGES = {
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
  'contactCode.required': { 'zh-CN': '请填写我们发给您的验证码。', en: 'Enter the code from our message.' },
  'contactCode.invalid': { 'zh-CN': '验证码由8位字母和数字组成，例如 7KQ2-M9XD。', en: 'A code has 8 letters and digits, e.g. 7KQ2-M9XD.' },
  'consent.invalid': { 'zh-CN': '请勾选是否同意公布姓名。', en: 'Say whether your name may be listed.' },
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
  'email.required': { 'zh-CN': '请填写电子邮箱。', en: 'Give your e-mail address.' },
  'email.tooLong': { 'zh-CN': '电子邮箱最多254个字符。', en: 'An e-mail address has at most 254 characters.' },
  'email.invalid': { 'zh-CN': '请填写有效的电子邮箱，例如 name@example.org（订阅只通过电子邮件发送）。', en: 'Give a valid e-mail address, e.g. name@example.org (subscriptions are sent by e-mail only).' },
  'link.invalid': { 'zh-CN': '链接中的凭证不完整，请直接点击邮件中的链接。', en: 'The link’s token is incomplete: open the link straight from the e-mail.' },
  invalid: { 'zh-CN': '内容不正确。', en: 'This is not valid.' },
} as const satisfies Record<string, Localized>;

export type FieldMessageKey = keyof typeof FIELD_MESSAGES;

/**
 * A field message key, for a zod schema's message (`.max(40, fieldMessage('name.tooLong'))`): a
 * key the catalogue does not have fails to compile.
 */
export const fieldMessage = (key: FieldMessageKey): FieldMessageKey => key;

const isFieldMessageKey = (message: string): message is FieldMessageKey => Object.hasOwn(FIELD_MESSAGES, message);

export interface FieldError {
  /** The field's path, e.g. body, token, answers.12. */
  field: string;
  message: string;
}

export type FriendlyResult<T> = { success: true; data: T } | { success: false; errors: FieldError[] };

/** Parses with a zod schema whose messages are FieldMessageKeys; one translated message per field. */
export function parseWithFriendlyErrors<S extends z.ZodType>(schema: S, data: unknown, locale: Locale): FriendlyResult<z.output<S>> {
  const result = schema.safeParse(data);
  if (result.success) return { success: true, data: result.data };
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    if (errors.some((e) => e.field === field)) continue;
    const key = isFieldMessageKey(issue.message) ? issue.message : 'invalid';
    errors.push({ field, message: FIELD_MESSAGES[key][locale] });
  }
  return { success: false, errors };
}
