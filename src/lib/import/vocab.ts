/**
 * The enumerations a spreadsheet cell may hold: each value by its database code, its Chinese label
 * (what exports write by default) and the other names offices commonly use for it.
 */

export interface VocabEntry {
  code: string;
  zh: string;
  en: string;
  aliases?: readonly string[];
}

export interface Vocab {
  /** What the values are, for messages ("unit kind"). */
  name: string;
  entries: readonly VocabEntry[];
  /** Codes outside the list are accepted when they match this pattern (open vocabularies). */
  openPattern?: RegExp;
}

/** Lower case, no spaces, underscores or hyphens, ASCII brackets: how cells and names are compared. */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-–—·・]/g, '');
}

const lookups = new WeakMap<Vocab, Map<string, string>>();

/** The code a cell names, or undefined. */
export function lookupVocab(vocab: Vocab, text: string): string | undefined {
  let map = lookups.get(vocab);
  if (!map) {
    map = new Map();
    for (const e of vocab.entries) {
      for (const name of [e.code, e.zh, e.en, ...(e.aliases ?? [])]) map.set(normalizeName(name), e.code);
    }
    lookups.set(vocab, map);
  }
  const found = map.get(normalizeName(text));
  if (found) return found;
  if (vocab.openPattern?.test(text)) return text;
  return undefined;
}

/** A code as a spreadsheet shows it in the given language (codes themselves in English). */
export function vocabLabel(vocab: Vocab, code: string, lang: 'zh' | 'en'): string {
  if (lang === 'en') return code;
  return vocab.entries.find((e) => e.code === code)?.zh ?? code;
}

export function vocabChoices(vocab: Vocab): string {
  return vocab.entries.map((e) => `${e.code} (${e.zh})`).join(', ');
}

export const BOOLEAN: Vocab = {
  name: 'yes/no value',
  entries: [
    { code: 'true', zh: '是', en: 'yes', aliases: ['y', '1', 'true', '√', '✓', '对'] },
    { code: 'false', zh: '否', en: 'no', aliases: ['n', '0', 'false', '×', '✗', '不'] },
  ],
};

export const UNIT_KIND: Vocab = {
  name: 'unit kind',
  entries: [
    { code: 'municipal_unit', zh: '市直单位', en: 'municipal unit', aliases: ['市直部门', '部门', '市直'] },
    { code: 'district', zh: '区市', en: 'district', aliases: ['区', '区县', '区（市）', '县区', '区县市'] },
  ],
};

export const SECTOR: Vocab = {
  name: 'sector',
  entries: [
    { code: 'economy', zh: '经济发展', en: 'Economy' },
    { code: 'urban', zh: '城市建设与管理', en: 'Urban development' },
    { code: 'social', zh: '社会民生', en: 'Social services' },
    { code: 'governance', zh: '政务与法治', en: 'Governance and law' },
    { code: 'party', zh: '党群', en: 'Party and mass organisations' },
    { code: 'core_urban', zh: '中心城区', en: 'Core urban district' },
    { code: 'new_area', zh: '新区', en: 'New area' },
    { code: 'suburban', zh: '近郊区', en: 'Suburban district' },
    { code: 'ecological', zh: '生态功能区', en: 'Ecological district' },
  ],
  // The database accepts any lower-case sector code; the list above only names the known ones.
  openPattern: /^[a-z_]{2,40}$/,
};

export const CATEGORY: Vocab = {
  name: 'indicator category',
  entries: [
    { code: 'economic_scale', zh: '经济总量', en: 'Economic scale', aliases: ['经济规模'] },
    { code: 'economic_speed', zh: '发展速度', en: 'Growth speed', aliases: ['经济速度'] },
    { code: 'economic_quality', zh: '发展质量', en: 'Quality of growth', aliases: ['经济质量', '经济效益'] },
    { code: 'peoples_benefit', zh: '民生福祉', en: "People's benefit", aliases: ['民生'] },
    { code: 'social_progress', zh: '社会进步', en: 'Social progress', aliases: ['社会发展'] },
    { code: 'sustainability', zh: '可持续发展', en: 'Sustainability', aliases: ['生态环境'] },
    { code: 'party_building', zh: '党的建设', en: 'Party building', aliases: ['党建'] },
    { code: 'key_task', zh: '重点工作', en: 'Key tasks', aliases: ['重点任务', 'key task'] },
  ],
};

export const DIRECTION: Vocab = {
  name: 'direction',
  entries: [
    { code: 'higher', zh: '越高越好', en: 'higher is better', aliases: ['正向', '越大越好'] },
    { code: 'lower', zh: '越低越好', en: 'lower is better', aliases: ['逆向', '反向', '越小越好'] },
    { code: 'qualitative', zh: '定性任务', en: 'qualitative task', aliases: ['定性'] },
  ],
};

export const TARGET_STATUS: Vocab = {
  name: 'target status',
  entries: [
    { code: 'draft', zh: '草案', en: 'draft', aliases: ['草稿', '待审核', '待审'] },
    { code: 'approved', zh: '已审定', en: 'approved', aliases: ['已审核', '已批准', '审定'] },
    { code: 'published', zh: '已公布', en: 'published', aliases: ['已发布', '已公开', '公布'] },
  ],
};

export const REPORT_STATUS: Vocab = {
  name: 'report status',
  entries: [
    { code: 'completed', zh: '已完成', en: 'Completed', aliases: ['完成'] },
    { code: 'on_track', zh: '按进度推进', en: 'On track', aliases: ['正常推进', '按计划推进', '进行中', '序时推进'] },
    { code: 'behind', zh: '滞后', en: 'Behind', aliases: ['进度滞后', '滞后于序时进度'] },
    { code: 'not_completed', zh: '未完成', en: 'Not completed', aliases: ['没有完成'] },
  ],
};

export const BASELINE_KIND: Vocab = {
  name: 'baseline kind',
  entries: [
    { code: 'vertical', zh: '纵向', en: 'vertical', aliases: ['纵向比较', '历史', '往年'] },
    { code: 'horizontal', zh: '横向', en: 'horizontal', aliases: ['横向比较', '对标', '同类城市'] },
    { code: 'benchmark', zh: '基准', en: 'benchmark', aliases: ['职能基准', '基准值'] },
  ],
};

export const METHOD: Vocab = {
  name: 'supervision method',
  entries: [
    { code: 'monthly_report', zh: '月报告', en: 'Monthly report', aliases: ['月度报告', '月报'] },
    { code: 'quarterly_dispatch', zh: '季调度', en: 'Quarterly dispatch', aliases: ['季度调度'] },
    { code: 'semiannual_inspection', zh: '半年检查', en: 'Semi-annual inspection', aliases: ['半年督查', '半年度检查'] },
    { code: 'random_check', zh: '随机抽查', en: 'Random check', aliases: ['抽查'] },
    { code: 'push_inspection', zh: '推进式督查', en: 'Push-style inspection' },
    { code: 'research_inspection', zh: '调研式督查', en: 'Research-style inspection' },
    { code: 'open_inspection', zh: '明查', en: 'Open inspection', aliases: ['明察'] },
    { code: 'covert_visit', zh: '暗访', en: 'Covert visit' },
  ],
};

export const CONSULTATION_POSITION: Vocab = {
  name: 'consultation position',
  entries: [
    { code: 'support', zh: '支持', en: 'Support', aliases: ['赞成', '同意'] },
    { code: 'support_with_changes', zh: '有条件支持', en: 'Support with changes', aliases: ['修改后支持', '原则同意', 'conditional'] },
    { code: 'oppose', zh: '反对', en: 'Oppose', aliases: ['不同意', '不赞成'] },
    { code: 'no_position', zh: '不表态', en: 'No position', aliases: ['无意见', '未表态'] },
  ],
};

export const ACCOUNTABILITY_BASIS: Vocab = {
  name: 'accountability basis',
  entries: [
    { code: 'target', zh: '目标未完成', en: 'Target not met', aliases: ['目标', '未完成目标', '目标任务'] },
    { code: 'supervision', zh: '督查发现', en: 'Supervision finding', aliases: ['督查', '督查问题', 'finding'] },
    { code: 'assessment', zh: '年度考核结果', en: 'Annual assessment result', aliases: ['考核', '考核结果', '年度考核'] },
  ],
};

/** Measures of 《中国共产党问责条例》 art. 8 and 《关于实行党政领导干部问责的暂行规定》 art. 7, and the decision not to hold to account. */
export const ACCOUNTABILITY_MEASURE: Vocab = {
  name: 'accountability measure',
  entries: [
    { code: 'written_inspection', zh: '责令书面检查', en: 'Written self-criticism ordered', aliases: ['书面检查', '检查'] },
    { code: 'circulated_criticism', zh: '通报批评', en: 'Circulated criticism', aliases: ['通报'] },
    { code: 'admonishment', zh: '诫勉', en: 'Admonishment', aliases: ['诫勉谈话'] },
    { code: 'public_apology', zh: '责令公开道歉', en: 'Public apology ordered', aliases: ['公开道歉'] },
    { code: 'suspension', zh: '停职检查', en: 'Suspension for inspection', aliases: ['停职'] },
    { code: 'demotion', zh: '降职', en: 'Demotion' },
    { code: 'ordered_resignation', zh: '责令辞职', en: 'Resignation ordered' },
    { code: 'dismissal', zh: '免职', en: 'Dismissal', aliases: ['免去职务'] },
    { code: 'exempted', zh: '免予问责', en: 'Not held to account', aliases: ['不予问责', '免责'] },
  ],
};

export const ACCOUNTABILITY_ROLE: Vocab = {
  name: 'kind of responsibility',
  entries: [
    { code: 'direct', zh: '直接责任', en: 'Direct responsibility', aliases: ['直接责任者'] },
    { code: 'principal_leadership', zh: '主要领导责任', en: 'Principal leadership responsibility', aliases: ['主要领导责任者'] },
    { code: 'important_leadership', zh: '重要领导责任', en: 'Important leadership responsibility', aliases: ['重要领导责任者'] },
  ],
};
