/** The handlers of the commitment-change feeds; the route files only bind them to an address per language. */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getCollection } from '../site/collections.ts';
import type { Locale } from '../../i18n/ui.ts';
import { commitmentChangesJsonFeed, commitmentChangesRss } from './commitment-feeds.ts';
import { siteOf } from './urls.ts';

const targets = async () => (await getCollection('targets')).map((e) => e.data);

export const commitmentChangesRssRoute = (locale: Locale): APIRoute => async ({ site }) =>
  rss(commitmentChangesRss(siteOf(site), await targets(), locale));

export const commitmentChangesJsonFeedRoute = (locale: Locale): APIRoute => async ({ site }) =>
  new Response(JSON.stringify(commitmentChangesJsonFeed(siteOf(site), await targets(), locale)), {
    headers: { 'Content-Type': 'application/feed+json; charset=utf-8' },
  });
