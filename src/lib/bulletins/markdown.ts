/**
 * Renders the Markdown subset bulletins use (## headings, paragraphs, "- " lists, GFM tables)
 * to HTML. Every piece of text is escaped: a unit name or finding can never become markup.
 * In an English bulletin, Chinese quoted as is (supervision findings, units without an English
 * name) is marked lang="zh-CN", so screen readers switch voice (WCAG 3.1.2, language of parts).
 */
import type { Locale } from '../../i18n/ui.ts';

/** A run of Chinese: Han characters and CJK punctuation, with spaces or digits inside it. */
const CHINESE_RUN = /[\p{Script=Han}\u3000-\u303f\uff01-\uff5e]+(?:[\s\d.%·-]+[\p{Script=Han}\u3000-\u303f\uff01-\uff5e]+)*/gu;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Inline: **bold** only; everything else is literal text. */
function inline(s: string, locale: Locale): string {
  const escaped = escapeHtml(s);
  const marked = locale === 'zh-CN' ? escaped : escaped.replace(CHINESE_RUN, '<span lang="zh-CN">$&</span>');
  return marked.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
}

function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

/** `locale`: the language of the page the HTML goes into (the bulletin's text in that language). */
export function renderBulletinMarkdown(markdown: string, headingOffset = 0, locale: Locale = 'zh-CN'): string {
  const text = (s: string) => inline(s, locale);
  const blocks = markdown.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  const out: string[] = [];
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const first = lines[0]!;
    const heading = /^(#{1,6})\s+(.*)$/.exec(first);
    if (heading && lines.length === 1) {
      const level = Math.min(6, heading[1]!.length + headingOffset);
      out.push(`<h${level}>${text(heading[2]!)}</h${level}>`);
    } else if (lines.every((l) => /^\s*-\s+/.test(l))) {
      out.push(`<ul>${lines.map((l) => `<li>${text(l.replace(/^\s*-\s+/, ''))}</li>`).join('')}</ul>`);
    } else if (lines.length >= 2 && lines.every((l) => l.trim().startsWith('|')) && /^\|?[\s:|-]+\|?$/.test(lines[1]!)) {
      const align = cells(lines[1]!).map((c) => (c.endsWith(':') ? ' class="num"' : ''));
      const head = cells(first).map((c, i) => `<th scope="col"${align[i] ?? ''}>${text(c)}</th>`).join('');
      const body = lines
        .slice(2)
        .map((l) => `<tr>${cells(l).map((c, i) => (i === 0 ? `<th scope="row">${text(c)}</th>` : `<td${align[i] ?? ''}>${text(c)}</td>`)).join('')}</tr>`)
        .join('');
      out.push(`<table class="data"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`);
    } else {
      out.push(`<p>${lines.map(text).join('<br>')}</p>`);
    }
  }
  return out.join('\n');
}
