/** Turns a period's figures into a bulletin's title, summary and Markdown body, in Chinese and English. */
import { PROGRESS_STATUS } from '../domain/progress.ts';
import type { PeriodFigures, StatusCounts } from '../schemas/period-figures.ts';

export interface RenderedBulletin {
  slug: string;
  title: string;
  title_en: string;
  summary: string;
  summary_en: string;
  body: string;
  body_en: string;
}

const METHOD_ZH: Record<string, string> = {
  monthly_report: '月报告', quarterly_dispatch: '季调度', semiannual_inspection: '半年检查', random_check: '随机抽查',
  push_inspection: '推进式督查', research_inspection: '调研式督查', open_inspection: '明查', covert_visit: '暗访',
};
const METHOD_EN: Record<string, string> = {
  monthly_report: 'monthly report', quarterly_dispatch: 'quarterly dispatch', semiannual_inspection: 'semi-annual inspection',
  random_check: 'random check', push_inspection: 'push-style inspection', research_inspection: 'research-style inspection',
  open_inspection: 'open inspection', covert_visit: 'covert visit',
};

function periodZh(f: PeriodFigures): string {
  const [y, rest] = f.period.split('-');
  switch (f.kind) {
    case 'monthly': return `${y}年${Number(rest)}月`;
    case 'quarterly': return `${y}年第${rest!.slice(1)}季度`;
    case 'semiannual': return `${y}年${rest === 'H1' ? '上半年' : '下半年'}`;
    case 'annual': return `${f.period}年度`;
  }
}

function periodEn(f: PeriodFigures): string {
  const [y, rest] = f.period.split('-');
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  switch (f.kind) {
    case 'monthly': return `${months[Number(rest) - 1]} ${y}`;
    case 'quarterly': return `${rest} ${y}`;
    case 'semiannual': return `${rest === 'H1' ? 'first' : 'second'} half of ${y}`;
    case 'annual': return `the year ${f.period}`;
  }
}

const pct = (n: number, total: number) => (total === 0 ? '0.0' : ((n / total) * 100).toFixed(1));
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function change(now: StatusCounts, before: StatusCounts | null, key: keyof StatusCounts): string {
  return before ? signed(now[key] - before[key]) : '—';
}

export function bulletinSlug(kind: PeriodFigures['kind'], period: string): string {
  return `${kind}-${period.toLowerCase()}`;
}

export function renderBulletin(f: PeriodFigures): RenderedBulletin {
  const s = f.by_status;
  const p = f.previous_by_status;
  const zhPeriod = periodZh(f);
  const enPeriod = periodEn(f);
  const kindZh = { monthly: '月度', quarterly: '季度', semiannual: '半年', annual: '年度' }[f.kind];
  const lagging = s.behind + s.not_completed;

  const summary =
    `截至${zhPeriod}末，全市${f.targets}项公开目标中已完成${s.completed}项（${pct(s.completed, f.targets)}%），` +
    `按进度推进${s.on_track}项，滞后${s.behind}项，未完成${s.not_completed}项。` +
    `公开承诺${f.commitments.total}项，已兑现${f.commitments.completed}项，存在风险${f.commitments.at_risk}项。`;
  const summaryEn =
    `At the end of ${enPeriod}, ${s.completed} of the city's ${f.targets} published targets were completed ` +
    `(${pct(s.completed, f.targets)}%), ${s.on_track} on track, ${s.behind} behind and ${s.not_completed} not completed. ` +
    `Of ${f.commitments.total} public commitments, ${f.commitments.completed} were kept and ${f.commitments.at_risk} are at risk.`;

  const statusTable = (en: boolean) => {
    const rows = PROGRESS_STATUS.codes.map((key) => [PROGRESS_STATUS.labels[key]['zh-CN'], PROGRESS_STATUS.labels[key].en, key] as const);
    const head = en ? '| Status | Targets | Share | Change |\n|---|---:|---:|---:|' : '| 状态 | 目标数 | 占比 | 较上期 |\n|---|---:|---:|---:|';
    return [head, ...rows.map(([zh, eng, key]) => `| ${en ? eng : zh} | ${s[key]} | ${pct(s[key], f.targets)}% | ${change(s, p, key)} |`)].join('\n');
  };

  const late = f.late_units.slice(0, 10);
  const lateZh = late.length === 0 ? '本期各单位均按时报送。' :
    late.map((u) => `- ${u.name}：逾期报送${u.late}项，未报送${u.missing}项`).join('\n');
  const lateEn = late.length === 0 ? 'Every unit reported on time this period.' :
    late.map((u) => `- ${u.name_en ?? u.name}: ${u.late} late, ${u.missing} missing`).join('\n');
  const behindZh = f.most_behind.length === 0 ? '本期无滞后目标。' :
    f.most_behind.map((u) => `- ${u.name}：${u.targets}项目标中${u.lagging}项滞后或未完成（${(u.lagging_share * 100).toFixed(1)}%）`).join('\n');
  const behindEn = f.most_behind.length === 0 ? 'No target is behind this period.' :
    f.most_behind.map((u) => `- ${u.name_en ?? u.name}: ${u.lagging} of ${u.targets} targets behind or not completed (${(u.lagging_share * 100).toFixed(1)}%)`).join('\n');
  const methodsZh = Object.entries(f.supervision.by_method).map(([m, n]) => `${METHOD_ZH[m] ?? m}${n}次`).join('、') || '无';
  const methodsEn = Object.entries(f.supervision.by_method).map(([m, n]) => `${n} ${METHOD_EN[m] ?? m}`).join(', ') || 'none';
  const findingsZh = f.supervision.public.slice(0, 12).map((r) => `- ${r.conducted_on} ${r.unit_name}（${METHOD_ZH[r.method] ?? r.method}，${signed(r.score_delta)}分）：${r.finding}`).join('\n');
  const findingsEn = f.supervision.public.slice(0, 12).map((r) => `- ${r.conducted_on} ${r.unit_name_en ?? r.unit_name} (${METHOD_EN[r.method] ?? r.method}, ${signed(r.score_delta)} points): ${r.finding}`).join('\n');

  const body = [
    `## 一、总体进展`, summary, statusTable(false),
    `## 二、滞后较多的单位`, behindZh,
    `## 三、未按时报送情况`, lateZh,
    `## 四、督查情况`, `本期开展督查${f.supervision.total}次：${methodsZh}。`, findingsZh,
    lagging > 0 ? `请滞后单位认真查找原因，制定整改措施，确保年度目标如期完成。` : `请各单位保持工作力度，确保年度目标如期完成。`,
  ].filter((x) => x !== '').join('\n\n');
  const bodyEn = [
    `## 1. Overall progress`, summaryEn, statusTable(true),
    `## 2. Units most behind`, behindEn,
    `## 3. Reports not filed on time`, lateEn,
    `## 4. Supervision`, `${f.supervision.total} supervision activities this period: ${methodsEn}.`, findingsEn,
    lagging > 0 ? 'Units that are behind must identify the reasons and set out remedies so that the year\'s targets are met.' : 'Every unit is asked to keep up the pace so that the year\'s targets are met.',
  ].filter((x) => x !== '').join('\n\n');

  return {
    slug: bulletinSlug(f.kind, f.period),
    title: `${zhPeriod}目标绩效${kindZh === '年度' ? '' : kindZh}进展通报`,
    title_en: `Target performance bulletin: ${enPeriod}`,
    summary,
    summary_en: summaryEn,
    body,
    body_en: bodyEn,
  };
}
