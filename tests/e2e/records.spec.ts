/**
 * The practice's records on a unit's page, as a journalist cross-checks them: every published
 * accountability case and leader's half-year report in this year's open data appears on its
 * unit's page, in both languages, with the same number, measure, basis, dates and lateness; and
 * each record fits a 390 px phone (no columns to scroll sideways).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { formatDate, pick, useTranslations, type Locale } from '../../src/i18n/ui.ts';
import { ACCOUNTABILITY_MEASURE, label } from '../../src/i18n/labels.ts';
import { city } from './demo-city.ts';

interface CaseRow {
  case_no: string; unit_code: string; basis_kind: 'target' | 'supervision' | 'assessment'; target_id: number | null;
  measure: string; summary: string; summary_en: string | null; opened_on: string; decided_on: string;
}
interface ReportRow {
  period: string; unit_code: string; cadre_name: string; status: 'on_time' | 'late' | 'not_submitted';
  days_late: number | null; submitted_on: string | null; reported_to: string | null;
}

const LOCALES: { locale: Locale; prefix: string }[] = [
  { locale: 'zh-CN', prefix: '' },
  { locale: 'en', prefix: '/en' },
];

async function rows<T>(page: Page, dataset: string): Promise<T[]> {
  const response = await page.request.get(`/data/${city.year}/${dataset}.json`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { rows: T[] }).rows;
}

/** The record fits a 390 px screen: nothing in it reaches past the right edge. */
async function expectFitsPhone(record: Locator): Promise<void> {
  const right = await record.evaluate((el) => Math.max(...[el, ...el.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right)));
  expect(right).toBeLessThanOrEqual(390);
}

for (const { locale, prefix } of LOCALES) {
  test.describe(`unit records, ${locale}`, () => {
    const t = useTranslations(locale);

    test('every published accountability case of the year is on its unit page, as the open data has it', async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 800 });
      const cases = await rows<CaseRow>(page, 'accountability-cases');
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) {
        await page.goto(`${prefix}/units/${c.unit_code}/`);
        const record = page.locator(`[id="case-${c.case_no}"]`);
        await expect(record.getByRole('heading', { level: 3 })).toHaveText(`${c.case_no} · ${label(ACCOUNTABILITY_MEASURE, c.measure, locale)}`);
        await expect(record).toContainText(pick(locale, c.summary, c.summary_en));
        await expect(record).toContainText(t('units.accountability.opened', { date: formatDate(c.opened_on, locale) }));
        await expect(record).toContainText(t('units.accountability.decided', { date: formatDate(c.decided_on, locale) }));
        if (c.basis_kind === 'target') {
          await expect(record.getByRole('link')).toHaveAttribute('href', `${prefix}/targets/${String(c.target_id)}/`);
        }
        await expectFitsPhone(record);
      }
    });

    test('leaders\' half-year reports show who reported on time, late (by how many days) or not at all', async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 800 });
      const reports = await rows<ReportRow>(page, 'leader-reports');
      const late = reports.find((r) => r.status === 'late');
      const missing = reports.find((r) => r.status === 'not_submitted');
      expect(late, 'a late report in the demo').toBeDefined();
      expect(missing, 'a missing report in the demo').toBeDefined();

      for (const r of [late!, missing!]) {
        await page.goto(`${prefix}/units/${r.unit_code}/`);
        const section = page.getByRole('region', { name: t('units.leaderReports') });
        const record = section.getByRole('listitem').filter({ has: page.getByRole('heading', { name: r.cadre_name }) });
        await expect(record.first()).toBeVisible();
        if (r.status === 'late') {
          await expect(record.first()).toContainText(t('units.leaderReports.late', { days: r.days_late ?? 0 }));
          await expect(record.first()).toContainText(formatDate(r.submitted_on!, locale));
          await expect(record.first()).toContainText(r.reported_to!);
        } else {
          await expect(record.first()).toContainText(t('units.leaderReports.missing'));
        }
        await expectFitsPhone(record.first());
      }
    });
  });
}
