/**
 * The feeds: bulletins as RSS 2.0 (rendered by @astrojs/rss) and JSON Feed 1.1, per language, and
 * one RSS feed per unit of its targets' status changes. Newest first everywhere.
 */
import type { RSSOptions } from '@astrojs/rss';
import { STATUS, label } from '../../i18n/labels.ts';
import { useOpenDataTranslations } from '../../i18n/opendata.ts';
import { formatPeriod, pick, type Locale } from '../../i18n/ui.ts';
import { renderBulletinMarkdown } from '../bulletins/markdown.ts';
import { paths } from '../site/paths.ts';
import type { BulletinRow } from '../schemas/opendata/bulletins.ts';
import type { UnitRow } from '../schemas/opendata/units.ts';
import type { OpenData } from './documents.ts';
import { statusChanges } from './status-changes.ts';
import { absolute, openDataPaths } from './urls.ts';

const ATOM = 'http://www.w3.org/2005/Atom';
const language = (locale: Locale) => (locale === 'en' ? 'en' : 'zh-CN');
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** <language> and the feed's own address (atom:link rel="self"), as RSS readers expect. */
function channelData(locale: Locale, self: string): string {
  return `<language>${language(locale).toLowerCase()}</language><atom:link href="${escapeXml(self)}" rel="self" type="application/rss+xml"/>`;
}

/** The body as HTML; an erratum first says what it corrects and why. */
function bulletinHtml(data: OpenData, b: BulletinRow, locale: Locale): string {
  const t = useOpenDataTranslations(locale);
  const old = b.supersedes_slug === null ? undefined : data.bulletins.find((x) => x.slug === b.supersedes_slug);
  const note = b.supersedes_slug
    ? `<p><a href="${escapeXml(absolute(data.site, paths.bulletin(locale, b.supersedes_slug)))}">${escapeXml(
        t('feed.correction', { title: old ? pick(locale, old.title, old.title_en) : b.supersedes_slug, reason: b.correction_reason ?? '' }),
      )}</a></p>\n`
    : '';
  const cutoff = `<p><time datetime="${b.cutoff_at}">${escapeXml(t('feed.cutoff', { time: b.cutoff_at }))}</time></p>\n`;
  return note + cutoff + renderBulletinMarkdown(pick(locale, b.body, b.body_en), 1, locale);
}

export function bulletinsRss(data: OpenData, locale: Locale): RSSOptions {
  const t = useOpenDataTranslations(locale);
  const { site } = data;
  return {
    title: t('feed.bulletins.title'),
    description: t('feed.bulletins.description'),
    site: absolute(site, paths.bulletins(locale)),
    xmlns: { atom: ATOM },
    customData: channelData(locale, absolute(site, openDataPaths.bulletinsRss(locale))),
    items: data.bulletins.map((b) => ({
      title: pick(locale, b.title, b.title_en),
      link: absolute(site, paths.bulletin(locale, b.slug)),
      pubDate: new Date(b.published_at),
      description: pick(locale, b.summary, b.summary_en),
      content: bulletinHtml(data, b, locale),
      categories: [b.kind],
    })),
  };
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  authors: { name: string; url: string }[];
  items: {
    id: string;
    url: string;
    title: string;
    summary: string;
    content_html: string;
    date_published: string;
    language: string;
    tags: string[];
    /** JSON Feed extension: only progress reports filed before this moment (UTC) count in the figures. */
    _gongshi?: { cutoff_at: string };
  }[];
}

export function bulletinsJsonFeed(data: OpenData, locale: Locale): JsonFeed {
  const t = useOpenDataTranslations(locale);
  const { site } = data;
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: t('feed.bulletins.title'),
    home_page_url: absolute(site, paths.bulletins(locale)),
    feed_url: absolute(site, openDataPaths.bulletinsJsonFeed(locale)),
    description: t('feed.bulletins.description'),
    language: language(locale),
    authors: [{ name: t('licence.attribution'), url: absolute(site, paths.home(locale)) }],
    items: data.bulletins.map((b) => ({
      id: absolute(site, paths.bulletin(locale, b.slug)),
      url: absolute(site, paths.bulletin(locale, b.slug)),
      title: pick(locale, b.title, b.title_en),
      summary: pick(locale, b.summary, b.summary_en),
      content_html: bulletinHtml(data, b, locale),
      date_published: b.published_at,
      language: language(locale === 'en' && b.body_en ? 'en' : 'zh-CN'),
      tags: [b.kind],
      _gongshi: { cutoff_at: b.cutoff_at },
    })),
  };
}

/** A unit's feed: each report in force whose status differs from the target's previous report. */
export function unitRss(data: OpenData, unit: UnitRow, locale: Locale): RSSOptions {
  const t = useOpenDataTranslations(locale);
  const { site } = data;
  const name = pick(locale, unit.name, unit.name_en);
  const reports = data.reportsByUnit.get(unit.code) ?? [];
  const byId = new Map(reports.map((r) => [r.id, r]));
  return {
    title: t('feed.unit.title', { name }),
    description: t('feed.unit.description', { name }),
    site: absolute(site, paths.unit(locale, unit.code)),
    xmlns: { atom: ATOM },
    customData: channelData(locale, absolute(site, openDataPaths.unitFeed(locale, unit.code))),
    items: statusChanges(reports).map((change) => {
      const target = data.targetById.get(change.target_id);
      const title = target ? pick(locale, target.title, target.title_en) : change.target_code;
      const vars = {
        target: title,
        code: change.target_code,
        from: label(STATUS, change.from, locale),
        to: label(STATUS, change.to, locale),
        period: formatPeriod(change.period, locale),
      };
      const report = byId.get(change.report_id);
      const detail = [report?.result_text, report?.progress_text, report?.reasons_text, report?.remedy_text]
        .filter((x): x is string => Boolean(x))
        .join(' ');
      return {
        title: t('feed.unit.item', vars),
        // One item per report: the fragment keeps the links (and so the guids) unique.
        link: `${absolute(site, paths.target(locale, change.target_id))}#report-${change.report_id}`,
        pubDate: new Date(change.reported_at),
        description: [t('feed.unit.itemText', vars), detail].filter(Boolean).join(' '),
        categories: [change.to],
      };
    }),
  };
}
