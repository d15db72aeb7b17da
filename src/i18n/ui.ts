/** UI strings per locale. zh-CN is the default language (served at /), English under /en/. */

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const zh = {
  'site.name': '公示',
  'site.tagline': '澄岚市目标绩效管理公开平台',
  'site.description': '澄岚市目标绩效管理：年度目标、公开承诺、逐月进展、督查通报与年度考核，向市民公开。',
  'nav.home': '首页',
  'nav.skip': '跳到正文',
  'nav.language': '语言',
  'lang.switch': 'English',
  'home.title': '目标绩效公开',
  'home.lead': '市委市政府把重大决策分解为年度目标，逐级明确责任领导、责任部门和责任人，逐月报告进展，接受市民监督。',
  'home.year': '{year}年度',
  'home.asOf': '数据截至{period}各单位报送的进展',
  'home.units': '市直单位',
  'home.districts': '区市',
  'home.targets': '公开目标',
  'home.status.heading': '目标进展',
  'home.status.summary': '{total}项目标中，已完成{completed}项，按进度推进{on_track}项，滞后{behind}项，未完成{not_completed}项。',
  'home.commitments.heading': '公开承诺',
  'home.commitments.text': '向社会公开承诺{total}项：已兑现{completed}项，存在风险{at_risk}项。',
  'home.bulletin.heading': '最新通报',
  'home.behind.heading': '滞后目标占比最高的单位',
  'home.ahead.heading': '进展最好的单位',
  'home.share.lagging': '{share}%的目标滞后或未完成',
  'home.share.good': '{share}%的目标已完成或按进度推进',
  'home.participate.heading': '参与',
  'home.participate.text': '市民议事厅、市民代表听证会和满意度测评将在这里开放。',
  'home.empty': '数据库中还没有目标数据。',
  'status.completed': '已完成',
  'status.on_track': '按进度推进',
  'status.behind': '滞后',
  'status.not_completed': '未完成',
  'status.no_report': '未报送',
  'table.status': '状态',
  'table.count': '目标数',
  'table.share': '占比',
  'footer.note': '本站数据来自澄岚市目标绩效管理系统。澄岚市为演示用虚构城市。',
  'footer.source': '开源软件 Gongshi',
} as const;

export type UiKey = keyof typeof zh;

const en: Record<UiKey, string> = {
  'site.name': 'Gongshi',
  'site.tagline': 'Chenglan City target performance portal',
  'site.description': "Chenglan City's target performance management in the open: yearly targets, public commitments, monthly progress, bulletins and annual assessment.",
  'nav.home': 'Home',
  'nav.skip': 'Skip to content',
  'nav.language': 'Language',
  'lang.switch': '中文',
  'home.title': 'Targets in the open',
  'home.lead': 'The city turns its major decisions into yearly targets, names a responsible leader, department and person for each, reports progress every month and answers to its citizens.',
  'home.year': '{year}',
  'home.asOf': 'Progress as reported by the units up to {period}',
  'home.units': 'Municipal units',
  'home.districts': 'Districts',
  'home.targets': 'Published targets',
  'home.status.heading': 'Progress of targets',
  'home.status.summary': 'Of {total} targets, {completed} are completed, {on_track} on track, {behind} behind and {not_completed} not completed.',
  'home.commitments.heading': 'Public commitments',
  'home.commitments.text': '{total} commitments made in public: {completed} kept, {at_risk} at risk.',
  'home.bulletin.heading': 'Latest bulletin',
  'home.behind.heading': 'Units with the most targets behind',
  'home.ahead.heading': 'Units furthest ahead',
  'home.share.lagging': '{share}% of targets behind or not completed',
  'home.share.good': '{share}% of targets completed or on track',
  'home.participate.heading': 'Take part',
  'home.participate.text': 'The Citizen Deliberation Hall, citizen-representative hearings and satisfaction surveys will open here.',
  'home.empty': 'The database holds no targets yet.',
  'status.completed': 'Completed',
  'status.on_track': 'On track',
  'status.behind': 'Behind',
  'status.not_completed': 'Not completed',
  'status.no_report': 'No report',
  'table.status': 'Status',
  'table.count': 'Targets',
  'table.share': 'Share',
  'footer.note': 'Data from the Chenglan City target performance system. Chenglan is a fictional city for demonstration.',
  'footer.source': 'Gongshi, open-source software',
};

const strings: Record<Locale, Record<UiKey, string>> = { 'zh-CN': zh, en };

/** A translator for one locale; `{name}` placeholders are filled from vars. */
export function useTranslations(locale: Locale) {
  return (key: UiKey, vars: Record<string, string | number> = {}) =>
    strings[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** The path of the same page in another locale. */
export function localizedPath(path: string, locale: Locale): string {
  const bare = path.replace(/^\/en(\/|$)/, '/');
  return locale === DEFAULT_LOCALE ? bare : `/en${bare === '/' ? '/' : bare}`;
}

/** Formats a period "YYYY-MM" for the locale. */
export function formatPeriod(period: string, locale: Locale): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return locale === 'en'
    ? new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
    : `${year}年${month}月`;
}
