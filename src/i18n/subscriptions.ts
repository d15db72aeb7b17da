/** UI strings of e-mail subscriptions (the subscribe box, the confirm and unsubscribe pages), per locale. */
import { translator, type Dictionaries, type Translate } from './translator.ts';

const zh = {
  'sub.form.heading': '邮件订阅',
  'sub.form.lead.unit': '本单位报送目标进展后，给您发送一封邮件（同一次报送的多条进展合并为一封）。',
  'sub.form.lead.target': '这个目标有新的进展报告（包括更正）时，给您发送邮件。',
  'sub.form.lead.bulletins': '有新的通报（包括更正通报）发布时，给您发送邮件。',
  'sub.form.email': '电子邮箱',
  'sub.form.emailHelp': '我们会先发送一封确认邮件，您确认之后才开始发送。每封邮件都可以一键退订。邮箱不会公开。',
  'sub.form.submit': '订阅',
  'sub.form.done': '如果这个邮箱尚未订阅，确认邮件已发往 {sentTo}。请在{days}天内打开邮件中的链接完成订阅。',
  'sub.form.doneNote': '没有收到？请查看垃圾邮件文件夹。为防止滥用，同一邮箱每天最多收到3封确认邮件。',
  'sub.form.another': '订阅其他邮箱',
  'sub.noscript': '邮件订阅需要启用JavaScript。也可以不留邮箱，使用本站的RSS订阅。',
  'sub.link.noscript': '确认或退订需要启用JavaScript。如无法启用，也可以忽略确认邮件：不确认就不会订阅。',
  'sub.link.missing': '这个地址缺少链接中的凭证。请直接点击邮件中的链接打开本页。',
  'sub.confirm.title': '确认订阅',
  'sub.confirm.lead': '点击下面的按钮确认订阅。确认之前，我们不会给您发送任何订阅邮件。',
  'sub.confirm.button': '确认订阅',
  'sub.confirm.done': '订阅成功：今后“{topic}”有更新时，我们会给您发送邮件。',
  'sub.confirm.unsubscribe': '改变主意了？可以立即退订',
  'sub.unsubscribe.title': '退订',
  'sub.unsubscribe.lead': '点击下面的按钮退订，之后不会再收到这项订阅的邮件。',
  'sub.unsubscribe.button': '退订',
  'sub.unsubscribe.done': '已退订：您不会再收到“{topic}”的邮件。',
  'sub.topic.open': '查看页面',
  'sub.sending': '正在提交…',
  'sub.errorSummary': '未能完成，请查看以下问题：',
};

const en: Record<keyof typeof zh, string> = {
  'sub.form.heading': 'E-mail updates',
  'sub.form.lead.unit': 'An e-mail when this unit files progress reports (reports filed together come in one e-mail).',
  'sub.form.lead.target': 'An e-mail when this target has a new progress report (corrections included).',
  'sub.form.lead.bulletins': 'An e-mail when a new bulletin (or an erratum) is published.',
  'sub.form.email': 'E-mail address',
  'sub.form.emailHelp': 'We first send a confirmation e-mail; nothing else comes until you confirm. Every e-mail has a one-click unsubscribe link. Your address is never published.',
  'sub.form.submit': 'Subscribe',
  'sub.form.done': 'If this address is not subscribed yet, a confirmation e-mail is on its way to {sentTo}. Open its link within {days} days to start.',
  'sub.form.doneNote': 'Nothing arrived? Look in your spam folder. To prevent abuse, one address receives at most 3 confirmation e-mails a day.',
  'sub.form.another': 'Subscribe another address',
  'sub.noscript': 'E-mail updates need JavaScript. Without an address, you can follow the site’s RSS feeds instead.',
  'sub.link.noscript': 'Confirming or unsubscribing needs JavaScript. You may also ignore a confirmation e-mail: without confirmation there is no subscription.',
  'sub.link.missing': 'This address lacks the link’s token. Open this page with the link straight from the e-mail.',
  'sub.confirm.title': 'Confirm your subscription',
  'sub.confirm.lead': 'Press the button to confirm. Until you do, we send you no updates.',
  'sub.confirm.button': 'Confirm subscription',
  'sub.confirm.done': 'Subscribed: we will e-mail you when “{topic}” has news.',
  'sub.confirm.unsubscribe': 'Changed your mind? Unsubscribe now',
  'sub.unsubscribe.title': 'Unsubscribe',
  'sub.unsubscribe.lead': 'Press the button to unsubscribe; no more e-mails of this subscription will come.',
  'sub.unsubscribe.button': 'Unsubscribe',
  'sub.unsubscribe.done': 'Unsubscribed: you will receive no more e-mails about “{topic}”.',
  'sub.topic.open': 'Open the page',
  'sub.sending': 'Sending…',
  'sub.errorSummary': 'This did not work:',
};

export type SubscriptionKey = keyof typeof zh;

/** Exported for tests/unit/i18n-keys.test.ts, which checks both locales' keys and that each key is used. */
export const subscriptionDictionaries: Dictionaries<SubscriptionKey> = { 'zh-CN': zh, en };

export const useSubscriptions = translator(subscriptionDictionaries);

export type SubscriptionTranslator = Translate<SubscriptionKey>;
