/**
 * Strings of what makes the portal trustworthy to read: commitment changes and their feed, the
 * site owner block in the footer and the accessibility statement, per locale (shared UI strings
 * are in ui.ts).
 */
import { translator, type Dictionaries } from './translator.ts';

const zh = {
  'changes.changed': '承诺已变更',
  'changes.changedAt': '变更时间',
  'changes.reason': '变更原因',
  'changes.before': '变更前',
  'changes.after': '变更后',
  'changes.none': '（无承诺内容）',
  'changes.rule': '已公开的承诺不能悄悄修改：每次变更都须说明原因，并在此永久公开，最新的在前。',
  'changes.count': '本年度有{n}项公开承诺在公布后经说明原因作了变更，在下表中标有“承诺已变更”。',
  'changes.feeds': '订阅承诺变更：',
  'changes.feed.title': '澄岚市目标承诺变更',
  'changes.feed.description': '已公开的目标承诺的每一次变更：变更前后的文字和变更原因，最新的在前。',
  'changes.feed.item': '{target}：承诺变更（{date}）',
  'owner.host': '主办单位',
  'owner.address': '地址',
  'owner.phone': '电话',
  'owner.email': '电子邮箱',
  'owner.icp': 'ICP备案号',
  'owner.siteCode': '网站标识码',
  'owner.psb': '公安机关备案号',
  'a11y.link': '无障碍声明',
  'a11y.title': '无障碍声明',
  'a11y.lead': '{owner}希望每个人都能使用本网站，包括使用读屏软件、只用键盘、放大页面或用手机浏览的人。',
  'a11y.target.heading': '符合性目标',
  'a11y.target.text': '本网站以《Web内容无障碍指南》（WCAG）2.2版AA级为符合性目标，目前部分符合：已知的不足列在下文。',
  'a11y.tested.heading': '如何检测',
  'a11y.tested.axe': '自动检测：每次修改都用axe-core按WCAG 2.2 A级和AA级规则检查每一类页面的中文版和英文版，发现问题即不能发布。',
  'a11y.tested.manual': '逐项检查：页面在320像素宽时无需左右滚动即可阅读（数据表格除外）；英文页面中只有中文的内容标注为中文，读屏软件能按正确的语言朗读；每个图表旁都有相同数据的表格和一句话摘要；关闭JavaScript时页面内容仍可阅读。',
  'a11y.limits.heading': '已知不足',
  'a11y.limits.chinese': '承诺内容、进展说明、单位答复等由各单位填报的文字只有中文；英文页面中这些内容标注为中文。',
  'a11y.limits.charts': '读屏软件不能逐点浏览图表本身；请使用图表旁的数据表格。',
  'a11y.limits.forms': '报名听证会、提交意见和填写问卷等表单需要启用JavaScript。',
  'a11y.limits.files': '可下载的CSV和JSON数据文件供数据使用者处理，本身没有无障碍说明；其字段含义见开放数据页面。',
  'a11y.report.heading': '反馈无障碍问题',
  'a11y.report.text': '如果您在使用本网站时遇到障碍，请告诉我们出现问题的页面地址、您使用的设备或辅助技术，以及遇到的问题。我们会答复您，并说明处理办法。',
} as const;

export type TrustKey = keyof typeof zh;

const en: Record<TrustKey, string> = {
  'changes.changed': 'Commitment changed',
  'changes.changedAt': 'Changed on',
  'changes.reason': 'Reason',
  'changes.before': 'Before',
  'changes.after': 'After',
  'changes.none': '(no commitment text)',
  'changes.rule': 'A published commitment is never changed silently: every change states its reason and stays public here, newest first.',
  'changes.count': '{n} of this year\'s public commitments were changed after publication, each with a stated reason; they are marked "Commitment changed" in the table.',
  'changes.feeds': 'Follow changes to commitments:',
  'changes.feed.title': 'Chenglan: changes to public commitments',
  'changes.feed.description': 'Every change to a published commitment: the text before and after, and the reason, newest first.',
  'changes.feed.item': '{target}: commitment changed ({date})',
  'owner.host': 'Run by',
  'owner.address': 'Address',
  'owner.phone': 'Phone',
  'owner.email': 'E-mail',
  'owner.icp': 'ICP filing number',
  'owner.siteCode': 'Government website ID',
  'owner.psb': 'Public security filing number',
  'a11y.link': 'Accessibility',
  'a11y.title': 'Accessibility statement',
  'a11y.lead': '{owner} wants everyone to be able to use this site, including people who use a screen reader, only a keyboard, magnification or a phone.',
  'a11y.target.heading': 'Conformance target',
  'a11y.target.text': 'The site aims to conform to the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. It partially conforms: the known limits are listed below.',
  'a11y.tested.heading': 'How it is tested',
  'a11y.tested.axe': 'Automated checks: every change runs axe-core against the WCAG 2.2 A and AA rules on every page type, in Chinese and in English; a violation stops the release.',
  'a11y.tested.manual': 'Specific checks: pages read without sideways scrolling at 320 pixels wide (data tables aside); Chinese-only text on English pages is marked as Chinese so screen readers read it in the right language; every chart has a table of the same data and a one-sentence summary beside it; pages can be read with JavaScript off.',
  'a11y.limits.heading': 'Known limits',
  'a11y.limits.chinese': 'Text that units file themselves (commitments, progress notes, replies) exists only in Chinese; on English pages it is marked as Chinese.',
  'a11y.limits.charts': 'Screen readers cannot step through the charts themselves; use the data table beside each chart.',
  'a11y.limits.forms': 'The forms (hearing sign-up, opinions, surveys) need JavaScript.',
  'a11y.limits.files': 'The downloadable CSV and JSON files are for data users and carry no accessibility information of their own; the open data page explains their fields.',
  'a11y.report.heading': 'Report a barrier',
  'a11y.report.text': 'If something on this site stops you, tell us the address of the page, the device or assistive technology you use, and what went wrong. We will reply and say what we will do about it.',
};

/** Exported for tests/unit/i18n-keys.test.ts, which checks both locales' keys and that each key is used. */
export const trustDictionaries: Dictionaries<TrustKey> = { 'zh-CN': zh, en };

/** A translator for these strings; `{name}` placeholders are filled from vars. */
export const useTrustTranslations = translator(trustDictionaries);
