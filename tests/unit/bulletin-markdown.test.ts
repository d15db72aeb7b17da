import { describe, expect, it } from 'vitest';
import { renderBulletinMarkdown } from '../../src/lib/bulletins/markdown.ts';

describe('renderBulletinMarkdown', () => {
  it('renders headings, paragraphs, lists and tables', () => {
    const html = renderBulletinMarkdown(
      ['## 一、总体进展', '全市目标进展平稳。', '- 甲单位\n- 乙单位', '| 状态 | 目标数 |\n|---|---:|\n| 已完成 | 12 |'].join('\n\n'),
    );
    expect(html).toContain('<h2>一、总体进展</h2>');
    expect(html).toContain('<p>全市目标进展平稳。</p>');
    expect(html).toContain('<ul><li>甲单位</li><li>乙单位</li></ul>');
    expect(html).toContain('<th scope="col" class="num">目标数</th>');
    expect(html).toContain('<tr><th scope="row">已完成</th><td class="num">12</td></tr>');
  });

  it('never lets text become markup', () => {
    const html = renderBulletinMarkdown('## <img src=x onerror=alert(1)>\n\n- <script>alert(1)</script>\n\n"quoted" & \'single\'');
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &#39;single&#39;');
  });

  it('keeps bold inline and shifts heading levels on request', () => {
    expect(renderBulletinMarkdown('**注意** 事项')).toBe('<p><strong>注意</strong> 事项</p>');
    expect(renderBulletinMarkdown('## 标题', 1)).toBe('<h3>标题</h3>');
  });

  it('marks Chinese quoted in an English bulletin as zh-CN, and nothing on a Chinese page', () => {
    const line = '- 2026-10-12 Water Bureau (spot check, -2 points): 整改台账不完整，2 项问题逾期未改。';
    expect(renderBulletinMarkdown(line, 0, 'en')).toBe(
      '<ul><li>2026-10-12 Water Bureau (spot check, -2 points): <span lang="zh-CN">整改台账不完整，2 项问题逾期未改。</span></li></ul>',
    );
    expect(renderBulletinMarkdown('**市水务局** leads', 0, 'en')).toBe('<p><strong><span lang="zh-CN">市水务局</span></strong> leads</p>');
    expect(renderBulletinMarkdown(line, 0, 'zh-CN')).not.toContain('lang=');
    // Marking never opens a way for markup.
    expect(renderBulletinMarkdown('<b>整改</b>', 0, 'en')).toBe('<p>&lt;b&gt;<span lang="zh-CN">整改</span>&lt;/b&gt;</p>');
  });
});
