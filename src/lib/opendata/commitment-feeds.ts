/**
 * The feed of commitment changes: every recorded change of a published target's public commitment
 * (old text, new text, reason), newest first, as RSS 2.0 and JSON Feed 1.1, per language.
 */
import type { RSSOptions } from '@astrojs/rss';
import { useTrustTranslations } from '../../i18n/trust.ts';
import { readSiteOwner } from '../config.ts';
import { formatDate, localizedPath, pick, type Locale } from '../../i18n/ui.ts';
import type { TargetDetail } from '../schemas/target.ts';
import { paths } from '../site/paths.ts';
import type { JsonFeed } from './feeds.ts';
import { absolute } from './urls.ts';

export const commitmentFeedPaths = {
  rss: (l: Locale) => localizedPath('/commitments/changes.xml', l),
  json: (l: Locale) => localizedPath('/commitments/changes.json', l),
};

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const language = (locale: Locale) => (locale === 'en' ? 'en' : 'zh-CN');

export interface CommitmentFeedItem {
  /** Unique per change: the target page's anchor of that change. */
  url: string;
  title: string;
  /** Plain text: before, after, reason. */
  text: string;
  html: string;
  changed_at: string;
}

/** One item per change, newest first (ties: target code); the anchors match the target page's. */
export function commitmentFeedItems(site: URL, targets: readonly TargetDetail[], locale: Locale): CommitmentFeedItem[] {
  const t = useTrustTranslations(locale);
  // Commitment texts and reasons exist in Chinese only: marked as such in the English feed.
  const zh = locale === 'en' ? ' lang="zh-CN"' : '';
  const colon = locale === 'en' ? ': ' : '：';
  const items = targets.flatMap((target) => target.commitment_changes.map((c, i) => {
    const before = c.old_is_public_commitment && c.old_text ? c.old_text : null;
    const after = c.new_is_public_commitment && c.new_text ? c.new_text : null;
    const lines: [string, string | null][] = [
      [t('changes.before'), before], [t('changes.after'), after], [t('changes.reason'), c.reason],
    ];
    return {
      code: target.code,
      url: `${absolute(site, paths.target(locale, target.id))}#commitment-change-${i + 1}`,
      title: t('changes.feed.item', { target: pick(locale, target.title, target.title_en), date: formatDate(c.changed_at, locale) }),
      text: lines.map(([k, v]) => `${k}${colon}${v ?? t('changes.none')}`).join('\n'),
      html: lines.map(([k, v]) => `<p>${escapeXml(k)}${colon}${v === null ? escapeXml(t('changes.none')) : `<span${zh}>${escapeXml(v)}</span>`}</p>`).join('\n'),
      changed_at: c.changed_at,
    };
  }));
  items.sort((a, b) => b.changed_at.localeCompare(a.changed_at) || a.code.localeCompare(b.code) || b.url.localeCompare(a.url));
  return items.map(({ code: _, ...item }) => item);
}

export function commitmentChangesRss(site: URL, targets: readonly TargetDetail[], locale: Locale): RSSOptions {
  const t = useTrustTranslations(locale);
  const self = absolute(site, commitmentFeedPaths.rss(locale));
  return {
    title: t('changes.feed.title'),
    description: t('changes.feed.description'),
    site: absolute(site, paths.commitments(locale)),
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>${language(locale).toLowerCase()}</language><atom:link href="${escapeXml(self)}" rel="self" type="application/rss+xml"/>`,
    items: commitmentFeedItems(site, targets, locale).map((item) => ({
      title: item.title,
      link: item.url,
      pubDate: new Date(item.changed_at),
      description: item.text,
      content: item.html,
      categories: ['commitment_change'],
    })),
  };
}

export function commitmentChangesJsonFeed(site: URL, targets: readonly TargetDetail[], locale: Locale): JsonFeed {
  const t = useTrustTranslations(locale);
  const owner = readSiteOwner();
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: t('changes.feed.title'),
    home_page_url: absolute(site, paths.commitments(locale)),
    feed_url: absolute(site, commitmentFeedPaths.json(locale)),
    description: t('changes.feed.description'),
    language: language(locale),
    authors: [{ name: pick(locale, owner.name, owner.nameEn), url: absolute(site, paths.home(locale)) }],
    items: commitmentFeedItems(site, targets, locale).map((item) => ({
      id: item.url,
      url: item.url,
      title: item.title,
      summary: item.text,
      content_html: item.html,
      date_published: item.changed_at,
      language: language(locale),
      tags: ['commitment_change'],
    })),
  };
}
