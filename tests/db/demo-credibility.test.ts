/**
 * The demo city checked the way a careful reader checks it (issue 17): with SQL over the loaded
 * city, each rule failing with the offending rows named. Findings are about published targets of
 * their own year and unit; rates stay within their indicator's maximum; cumulative figures only
 * grow and progress follows the actual value; units own only indicators that are their function;
 * reasons, notes and findings fit the indicator and the report's status; the departments answering
 * for a target are those whose work it is; districts are assessed on what their kind of district is
 * weighed by; decision logs and hearing pages tell the same dates, places and outcomes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { DISTRICTS, MUNICIPAL_UNITS } from '../../src/lib/demo/city.ts';
import { generateDemoCity } from '../../src/lib/demo/generate.ts';
import { departmentsFor } from '../../src/lib/demo/departments.ts';
import { CATEGORY_WEIGHTS, fitsTask, INDICATOR_OWNERS, INDICATORS, ownsIndicator, TASKS, TEXTS, THEME } from '../../src/lib/demo/indicators.ts';
import { loadDemoCity } from '../../src/lib/demo/load.ts';
import { createTestDb } from './harness.ts';

let db: Db;

beforeAll(async () => {
  db = await createTestDb();
  await loadDemoCity(db, generateDemoCity());
}, 300_000);

afterAll(async () => {
  await db?.close();
});

/** Offending rows as readable lines (at most 20), so a failure names them. */
const named = (rows: object[]) => rows.slice(0, 20).map((r) => Object.values(r).join(' | '));

const specOf = new Map(INDICATORS.map((ind) => [ind.code, ind]));
const CUMULATIVE = INDICATORS.filter((ind) => ind.shape === 'cumulative').map((ind) => ind.code);
const RATES = INDICATORS.filter((ind) => ind.shape === 'rate').map((ind) => ind.code);

describe('supervision findings', () => {
  it('name only a published target of their own unit and year, published before the day of the finding', async () => {
    const rows = await db.query(
      `select s.ref, s.year as finding_year, s.conducted_on::text as conducted_on, u.code as unit, t.code as target,
              t.year as target_year, t.status, (t.published_at at time zone 'Asia/Shanghai')::date::text as published_on
       from public.supervision_records s
       join public.targets t on t.id = s.target_id
       join public.units u on u.id = s.unit_id
       where t.year <> s.year or t.unit_id <> s.unit_id or t.status <> 'published'
          or (t.published_at at time zone 'Asia/Shanghai')::date >= s.conducted_on
       order by s.year, s.ref`);
    expect(named(rows)).toEqual([]);
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from public.supervision_records where target_id is not null`) as [{ n: number }];
    expect(n).toBeGreaterThan(1000);
  });

  it('fault a unit only for what it does: site management, dust and construction only on targets that build', async () => {
    const rows = await db.query(
      `select s.ref, u.name as unit, coalesce(i.code, '(no target)') as indicator, s.finding
       from public.supervision_records s
       join public.units u on u.id = s.unit_id
       left join public.targets t on t.id = s.target_id
       left join public.indicators i on i.id = t.indicator_id
       where s.finding ~ '(现场管理|安全隐患|工地|施工|扬尘)'
         and (i.code is null or i.code <> all ($1::text[]))
       order by s.ref`,
      [['EC-FAI', 'SP-INV', 'KT-PRJ', 'PB-HOU', 'PB-ELD', 'SO-SCH', 'SU-GRN', 'KT-LIV', 'SU-AIR', 'SU-PM', 'SU-SEW']]);
    expect(named(rows)).toEqual([]);
  });

  it('about a target speak of its field (the findings of its indicator\'s theme, or praise)', async () => {
    const rows = await db.query<{ ref: string; indicator: string; finding: string; score: string }>(
      `select s.ref, i.code as indicator, s.finding, s.score_delta::text as score
       from public.supervision_records s join public.targets t on t.id = s.target_id
       join public.indicators i on i.id = t.indicator_id order by s.ref`);
    const misfit = rows.filter((r) => Number(r.score) < 0
      && !TEXTS[THEME[r.indicator]!].findings.some((text) => r.finding.includes(text)));
    expect(named(misfit)).toEqual([]);
  });
});

describe('rates and values', () => {
  it('every % indicator without a maximum is a growth or completion rate; every other rate has 100', async () => {
    const rows = await db.query(
      `select code, name, max_value::text as max_value from public.indicators
       where measure = '%' and ((max_value is null and name !~ '(增速|完成率)') or (max_value is not null and max_value <> 100))
       order by code`);
    expect(named(rows)).toEqual([]);
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from public.indicators where max_value = 100`) as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(10);
  });

  it('no target, baseline or report passes its indicator\'s maximum (公共文化设施免费开放率 ≤ 100 %)', async () => {
    const targets = await db.query(
      `select t.code, i.code as indicator, t.target_value::text as value, i.max_value::text as max
       from public.targets t join public.indicators i on i.id = t.indicator_id
       where t.target_value > i.max_value or t.title ~ '(1[0-9][0-9](\\.[0-9]+)?)%' and i.max_value is not null order by t.code`);
    expect(named(targets)).toEqual([]);
    const baselines = await db.query(
      `select t.code, b.kind, coalesce(b.year::text, b.peer_name, '') as of, b.value::text as value
       from public.target_baselines b join public.targets t on t.id = b.target_id join public.indicators i on i.id = t.indicator_id
       where b.value > i.max_value order by t.code`);
    expect(named(baselines)).toEqual([]);
    const reports = await db.query(
      `select t.code, r.period, r.actual_value::text as actual, i.max_value::text as max
       from public.progress_reports r join public.targets t on t.id = r.target_id join public.indicators i on i.id = t.indicator_id
       where r.actual_value > i.max_value order by t.code, r.period`);
    expect(named(reports)).toEqual([]);
  });

  it('cumulative figures never fall from one month to the next, and neither does their progress', async () => {
    const rows = await db.query(
      `with r as (
         select t.code, r.period, r.actual_value, r.progress_pct,
                lag(r.actual_value) over w as prev_actual, lag(r.progress_pct) over w as prev_pct
         from public.current_progress_reports r join public.targets t on t.id = r.target_id
         join public.indicators i on i.id = t.indicator_id
         where i.code = any ($1::text[])
         window w as (partition by r.target_id order by r.period))
       select code, period, prev_actual::text, actual_value::text, prev_pct::text, progress_pct::text from r
       where actual_value < prev_actual or progress_pct < prev_pct order by code, period`, [CUMULATIVE]);
    expect(named(rows)).toEqual([]);
  });

  it('progress follows the actual value: the share of a cumulative target reached, a rate\'s distance to its target', async () => {
    const rows = await db.query<{ code: string; indicator: string; period: string; status: string; target: string; actual: string; pct: string; direction: string }>(
      `select t.code, i.code as indicator, r.period, r.status, t.target_value::text as target, r.actual_value::text as actual,
              r.progress_pct::text as pct, i.direction
       from public.current_progress_reports r join public.targets t on t.id = r.target_id
       join public.indicators i on i.id = t.indicator_id
       where r.actual_value is not null and t.target_value is not null order by t.code, r.period`);
    const off = rows.filter((r) => {
      const spec = specOf.get(r.indicator)!;
      const [target, actual, pct] = [Number(r.target), Number(r.actual), Number(r.pct)];
      const better = r.direction === 'lower' ? actual <= target : actual >= target;
      if (r.status === 'completed') return pct !== 100 || !better;
      if (spec.shape === 'cumulative') return Math.abs(actual - (target * pct) / 100) > 10 ** -spec.decimals + target * 0.001;
      const ratio = r.direction === 'lower' ? target / actual : actual / target;
      return Math.abs(pct - Math.min(99.9, ratio * 100)) > 0.11;
    });
    expect(named(off)).toEqual([]);
  });

  it('no actual value gets worse while its progress rises (unless the target is met both months)', async () => {
    const rows = await db.query(
      `with r as (
         select t.code, r.period, i.direction, r.actual_value, r.progress_pct,
                lag(r.actual_value) over w as prev_actual, lag(r.progress_pct) over w as prev_pct
         from public.current_progress_reports r join public.targets t on t.id = r.target_id
         join public.indicators i on i.id = t.indicator_id
         where r.actual_value is not null
         window w as (partition by r.target_id order by r.period))
       select code, period, prev_actual::text, actual_value::text, prev_pct::text, progress_pct::text from r
       where progress_pct > prev_pct and prev_pct < 99.9
         and (case when direction = 'lower' then actual_value > prev_actual else actual_value < prev_actual end)
       order by code, period`);
    expect(named(rows)).toEqual([]);
  });
});

describe('responsibilities', () => {
  it('the mapping is complete: every indicator has owners and texts, every unit a function', () => {
    expect(INDICATORS.filter((ind) => INDICATOR_OWNERS[ind.code] === undefined || THEME[ind.code] === undefined).map((ind) => ind.code)).toEqual([]);
    expect(MUNICIPAL_UNITS.filter((u) => u.roles.length === 0).map((u) => u.name)).toEqual([]);
    const owned = INDICATORS.filter((ind) => [...MUNICIPAL_UNITS, ...DISTRICTS]
      .some((u) => ownsIndicator(ind, { roles: u.roles, district: DISTRICTS.includes(u) })));
    expect(owned.length).toBe(INDICATORS.length);
  });

  it('each target belongs to a unit whose function it is', async () => {
    const rows = await db.query<{ unit: string; kind: string; name: string; indicator: string; target: string }>(
      `select distinct on (u.name, i.code) u.code as unit, u.kind, u.name, i.code as indicator, t.code as target
       from public.targets t join public.units u on u.id = t.unit_id join public.indicators i on i.id = t.indicator_id
       order by u.name, i.code, t.code`);
    const rolesOf = new Map(MUNICIPAL_UNITS.map((u) => [u.name, u.roles]));
    const misfit = rows.filter((r) => !ownsIndicator(specOf.get(r.indicator)!, { roles: rolesOf.get(r.name) ?? [], district: r.kind === 'district' }));
    expect(named(misfit)).toEqual([]);
  });

  it('each key task is one the unit can carry (no sports bureau reforms state enterprises)', async () => {
    const rows = await db.query<{ unit: string; kind: string; name: string; target: string; title: string }>(
      `select u.code as unit, u.kind, u.name, t.code as target, t.title
       from public.targets t join public.units u on u.id = t.unit_id join public.indicators i on i.id = t.indicator_id
       where i.direction = 'qualitative' and t.parent_id is null order by t.code`);
    const rolesOf = new Map(MUNICIPAL_UNITS.map((u) => [u.name, u.roles]));
    const misfit = rows.filter((r) => {
      const task = TASKS.find((x) => x.title === r.title);
      return task === undefined || !fitsTask(task, { roles: rolesOf.get(r.name) ?? [], district: r.kind === 'district' });
    });
    expect(named(misfit)).toEqual([]);
  });

  it('the city museum answers for none of rental housing, doctors, jobs or trade', async () => {
    const rows = await db.query(
      `select u.name, i.code, t.code as target from public.targets t join public.units u on u.id = t.unit_id
       join public.indicators i on i.id = t.indicator_id
       where u.name in ('市博物馆', '市图书馆', '市档案馆', '市审计局')
         and i.code in ('PB-HOU', 'SO-DOC', 'PB-JOB', 'SP-TRD', 'EC-FDI', 'SO-SCH', 'PB-ELD', 'KT-PRJ')
       order by u.name, t.code`);
    expect(named(rows)).toEqual([]);
  });
});

describe('texts', () => {
  it('a report behind schedule says why it lags (滞后); one not completed, why it was not completed (未完成)', async () => {
    const rows = await db.query(
      `select t.code, r.period, r.status, r.reasons_text from public.progress_reports r join public.targets t on t.id = r.target_id
       where (r.status = 'behind' and (r.reasons_text !~ '^进度滞后' or r.reasons_text ~ '未能按期完成'))
          or (r.status = 'not_completed' and r.reasons_text !~ '^未能按期完成')
       order by t.code, r.period`);
    expect(named(rows)).toEqual([]);
    const [{ behind, missed }] = await db.query<{ behind: number; missed: number }>(
      `select count(*) filter (where status = 'behind')::int as behind, count(*) filter (where status = 'not_completed')::int as missed
       from public.progress_reports`) as [{ behind: number; missed: number }];
    expect(behind).toBeGreaterThan(100);
    expect(missed).toBeGreaterThan(100);
  });

  it('reasons, remedies and progress notes are those of the indicator\'s field (a trade indicator\'s reasons are about trade)', async () => {
    const rows = await db.query<{ code: string; period: string; indicator: string; status: string; text: string; remedy: string | null }>(
      `select t.code, r.period, i.code as indicator, r.status, coalesce(r.reasons_text, r.progress_text) as text, r.remedy_text as remedy
       from public.progress_reports r join public.targets t on t.id = r.target_id join public.indicators i on i.id = t.indicator_id
       where r.status in ('behind', 'not_completed', 'on_track') order by t.code, r.period`);
    const off = rows.filter((r) => {
      const texts = TEXTS[THEME[r.indicator]!];
      if (r.status === 'on_track') return !texts.notes.some((note) => r.text.includes(note));
      return !texts.reasons.some((reason) => r.text.includes(reason)) || !texts.remedies.some((remedy) => r.remedy!.includes(remedy));
    });
    expect(named(off)).toEqual([]);
    // And the reader's spot check: no trade or fiscal figure lags for land, rain or compensation talks.
    const trade = await db.query(
      `select t.code, r.period, r.reasons_text from public.progress_reports r join public.targets t on t.id = r.target_id
       join public.indicators i on i.id = t.indicator_id
       where i.code in ('SP-TRD', 'EC-FDI', 'EC-RTL', 'EC-REV') and r.reasons_text ~ '(征收|用地|降雨|施工)'`);
    expect(named(trade)).toEqual([]);
  });

  it('a rate\'s on-track note states its level, not a cumulative share', async () => {
    const rows = await db.query(
      `select t.code, r.period, r.progress_text from public.progress_reports r join public.targets t on t.id = r.target_id
       join public.indicators i on i.id = t.indicator_id
       where r.status = 'on_track' and i.code = any ($1::text[]) and r.progress_text ~ '^累计完成'`, [RATES]);
    expect(named(rows)).toEqual([]);
  });
});

describe('departments and districts', () => {
  it('each target, sub-target and section is answered for by a department whose work its indicator is', async () => {
    const rows = await db.query<{ code: string; kind: string; indicator: string; department: string }>(
      `select t.code, u.kind, i.code as indicator, t.responsible_department as department
       from public.targets t join public.units u on u.id = t.unit_id join public.indicators i on i.id = t.indicator_id
       order by t.code`);
    const misfit = rows.filter((r) => !departmentsFor(r.indicator, r.kind === 'district').includes(r.department));
    expect(named(misfit)).toEqual([]);
    // The reader's spot check: rental homes sit with housing, doctors with health.
    const spot = await db.query(
      `select t.code, i.code as indicator, t.responsible_department from public.targets t join public.indicators i on i.id = t.indicator_id
       where (i.code = 'PB-HOU' and t.responsible_department !~ '(住房|房源|建设|城市更新)')
          or (i.code = 'SO-DOC' and t.responsible_department !~ '(医|卫生|人事)') order by t.code`);
    expect(named(spot)).toEqual([]);
    // Decomposition shares a target among its indicator's departments, not one office.
    const [{ n }] = await db.query<{ n: number }>(
      `select count(*)::int as n from public.targets c join public.targets p on p.id = c.parent_id
       where c.responsible_department <> p.responsible_department`) as [{ n: number }];
    expect(n).toBeGreaterThan(50);
  });

  it('each district has targets in every category its kind of district is weighed by, with points that follow the weights', async () => {
    const rows = await db.query<{ code: string; name: string; year: number; category: string; points: string }>(
      `select u.code, u.name, t.year, i.category, sum(t.weight)::text as points
       from public.targets t join public.units u on u.id = t.unit_id join public.indicators i on i.id = t.indicator_id
       where u.kind = 'district' and t.parent_id is null and t.year = (select max(year) from public.assessment_years)
       group by 1, 2, 3, 4 order by 1, 4`);
    const sectorOf = new Map(DISTRICTS.map((d) => [d.name, d.sector]));
    const off: string[] = [];
    for (const district of DISTRICTS) {
      const own = rows.filter((r) => r.name === district.name);
      const weights = CATEGORY_WEIGHTS[sectorOf.get(district.name)!];
      for (const [category, weight] of Object.entries(weights)) {
        const points = Number(own.find((r) => r.category === category)?.points ?? 0);
        if (Math.abs(points - weight) > Math.max(3, 0.35 * weight)) off.push(`${district.name} ${category}: ${points} points for a weight of ${weight}`);
      }
      for (const r of own) if (!(r.category in weights)) off.push(`${district.name} ${r.category}: not a category of a ${district.sector} district`);
    }
    expect(off).toEqual([]);
    expect(new Set(rows.map((r) => r.code)).size).toBe(DISTRICTS.length);
  });
});

describe('decisions and hearings', () => {
  it('every hearing was announced with its seed commitment published before sign-ups opened', async () => {
    const rows = await db.query(
      `select id, title, created_at::text, lottery_seed_committed_at::text as committed, signup_opens_at::text as opens
       from public.hearings
       where lottery_seed_hash is null or lottery_seed_committed_at < created_at or lottery_seed_committed_at > signup_opens_at
       order by id`);
    expect(named(rows)).toEqual([]);
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from public.hearings`) as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(6);
  });

  it('the decision log dates each hearing step as the hearing page does, and names the hearing', async () => {
    const rows = await db.query(
      `select d.slug, e.to_status, e.at::text as at, h.title, h.status, h.signup_opens_at::text as opens, h.held_at::text as held
       from public.decision_events e join public.decisions d on d.id = e.decision_id join public.hearings h on h.decision_id = d.id
       where (e.to_status = 'hearing_scheduled' and (e.at < h.created_at or e.at > h.signup_opens_at or strpos(e.reason, h.title) = 0))
          or (e.to_status = 'heard' and (h.status <> 'held' or e.at <> h.held_at))
          or (e.to_status = 'withdrawn' and h.status = 'held' and (e.at <> h.held_at
              or strpos(e.reason, format('赞成%s票、反对%s票、弃权%s票', h.votes_for, h.votes_against, h.votes_abstain)) = 0))
       order by d.slug, e.at`);
    expect(named(rows)).toEqual([]);
  });

  it('the log names no date or venue other than the hearing\'s', async () => {
    const rows = await db.query<{ slug: string; reason: string; venue: string; held: string }>(
      `select d.slug, e.reason, h.venue,
              to_char(h.held_at at time zone 'Asia/Shanghai', 'FMYYYY"年"FMMM"月"FMDD"日"') as held
       from public.decision_events e join public.decisions d on d.id = e.decision_id join public.hearings h on h.decision_id = d.id
       where e.reason ~ '听证' order by d.slug, e.at`);
    const off = rows.filter((r) => {
      const dates = r.reason.match(/\d{4}年\d{1,2}月\d{1,2}日|(?<!年)\d{1,2}月\d{1,2}日/g) ?? [];
      const venues = r.reason.match(/[^，。；、（）]*(会议室|听证室|报告厅|礼堂)/g) ?? [];
      return dates.some((d) => !r.held.endsWith(d)) || venues.some((v) => !v.endsWith(r.venue) && !r.venue.endsWith(v));
    });
    expect(named(off)).toEqual([]);
  });

  it('a decision\'s state agrees with its hearing: heard and not opposed before it moves on, withdrawn when opposed', async () => {
    const rows = await db.query(
      `select d.slug, d.status, h.title, h.status as hearing, h.votes_for, h.votes_against, h.votes_abstain
       from public.decisions d left join public.hearings h on h.decision_id = d.id
       where (h.id is null and d.requires_hearing and d.status not in ('proposed', 'withdrawn'))
          or (h.status in ('open', 'closed') and d.status <> 'hearing_scheduled')
          or (h.status = 'held' and d.status in ('proposed', 'hearing_scheduled'))
          or (h.status = 'held' and h.votes_against * 2 > h.votes_for + h.votes_against + h.votes_abstain and d.status <> 'withdrawn')
          or (h.status = 'cancelled' and d.status <> 'withdrawn')
          or (h.id is not null and (h.created_at < d.created_at))
       order by d.slug`);
    expect(named(rows)).toEqual([]);
    const consultations = await db.query(
      `select d.slug, c.panel, c.given_on::text from public.consultations c join public.decisions d on d.id = c.decision_id
       where c.given_on < (d.created_at at time zone 'Asia/Shanghai')::date
          or c.given_on > coalesce((select (min(e.at) at time zone 'Asia/Shanghai')::date from public.decision_events e
                                    where e.decision_id = d.id and e.to_status in ('submitted', 'withdrawn')), 'infinity')
       order by d.slug`);
    expect(named(consultations)).toEqual([]);
  });

  it('every hearing belongs to a major decision, so every price hearing has its decision of that kind', async () => {
    // A hearing is the hearing gate of a decision (SEED §1): held for nothing, it could gate nothing.
    const rows = await db.query(
      `select h.id, h.title, h.status, d.slug, d.kind from public.hearings h left join public.decisions d on d.id = h.decision_id
       where d.id is null or (h.title ~ '价|费' and d.kind <> 'price_adjustment')
       order by h.id`);
    expect(named(rows)).toEqual([]);
    const unheard = await db.query(
      `select d.slug, d.status from public.decisions d
       where d.kind = 'price_adjustment' and d.status <> 'proposed'
         and not exists (select 1 from public.hearings h where h.decision_id = d.id)
       order by d.slug`);
    expect(named(unheard)).toEqual([]);
  });

  it('no hearing repeats the subject of a decision\'s hearing (one water-price hearing, one parking hearing)', async () => {
    const rows = await db.query(
      `select a.title, b.title as other from public.hearings a join public.hearings b on b.id > a.id
       where (a.title ~ '水价|用水' and b.title ~ '水价|用水') or (a.title ~ '停车' and b.title ~ '停车')
          or (a.unit_id = b.unit_id and a.held_at::date = b.held_at::date)
       order by a.id`);
    expect(named(rows)).toEqual([]);
  });

  it('a hall topic about a decision was consulted on before the decision was taken', async () => {
    const rows = await db.query(
      `select t.slug, t.closes_at::text, d.slug as decision, e.at::text as decided
       from public.hall_topics t join public.decisions d on d.unit_id = t.unit_id and t.slug = regexp_replace(d.slug, '-[0-9]{4}$', '')
       join public.decision_events e on e.decision_id = d.id and e.to_status = 'decided'
       where t.opens_at > e.at or t.closes_at > e.at`);
    expect(named(rows)).toEqual([]);
  });
});
