/** The commitment-change feed: one item per change, newest first, with a unique anchor, escaped, Chinese text marked in English. */
import { describe, expect, it } from 'vitest';
import { commitmentChangesJsonFeed, commitmentFeedItems } from '../../src/lib/opendata/commitment-feeds.ts';
import type { TargetDetail } from '../../src/lib/schemas/target.ts';

const site = new URL('https://example.org/');
const change = (changed_at: string, old_text: string, new_text: string, reason: string) => ({
  old_text, new_text, old_is_public_commitment: true, new_is_public_commitment: true, reason, changed_at,
});
const target = (id: number, code: string, changes: ReturnType<typeof change>[]) =>
  ({ id, code, title: `目标${id}`, title_en: `Target ${id}`, commitment_changes: changes }) as unknown as TargetDetail;

const targets = [
  target(1, 'A', [change('2026-04-15T02:00:00Z', '六月底前<完成>。', '七月底前完成。', '资金延后'), change('2026-09-20T02:00:00Z', '七月底前完成。', '七月底前完成，按季公开。', '群众意见')]),
  target(2, 'B', [change('2026-06-10T02:00:00Z', '年底前完成。', '年底前完成两个片区。', '范围扩大')]),
  target(3, 'C', []),
];

describe('commitmentFeedItems', () => {
  it('lists every change newest first, each linking its own anchor on the target page', () => {
    const items = commitmentFeedItems(site, targets, 'zh-CN');
    expect(items.map((i) => i.url)).toEqual([
      'https://example.org/targets/1/#commitment-change-2',
      'https://example.org/targets/2/#commitment-change-1',
      'https://example.org/targets/1/#commitment-change-1',
    ]);
    expect(items[0]!.title).toBe('目标1：承诺变更（2026年9月20日）');
    expect(items[2]!.text).toBe('变更前：六月底前<完成>。\n变更后：七月底前完成。\n变更原因：资金延后');
    expect(items[2]!.html).toContain('六月底前&lt;完成&gt;。');
  });

  it('in English, titles are English and the Chinese-only texts are marked', () => {
    const [item] = commitmentFeedItems(site, targets, 'en');
    expect(item!.url).toBe('https://example.org/en/targets/1/#commitment-change-2');
    expect(item!.title).toBe('Target 1: commitment changed (20 Sept 2026)');
    expect(item!.html).toContain('<p>Reason: <span lang="zh-CN">群众意见</span></p>');
  });

  it('the JSON Feed carries the same items', () => {
    const feed = commitmentChangesJsonFeed(site, targets, 'zh-CN');
    expect(feed.feed_url).toBe('https://example.org/commitments/changes.json');
    expect(feed.items.map((i) => i.date_published)).toEqual(['2026-09-20T02:00:00Z', '2026-06-10T02:00:00Z', '2026-04-15T02:00:00Z']);
  });
});
