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

/** A unit a bulletin may name, and where its page is. */
export interface UnitLink {
  code: string;
  /** Every name the text may use (Chinese, English). */
  names: readonly string[];
  href: string;
}

export interface RenderOptions {
  /** Unit names in the text become links to the unit pages. */
  units?: readonly UnitLink[];
  /**
   * Ids on headings (s1, s2, … in order, the same in both languages) and on list items that name a
   * unit (s2-M001), each with a visible "#" link labelled by this text.
   */
  anchorLabel?: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Linker {
  pattern: RegExp;
  byName: Map<string, UnitLink>;
}

function linker(units: readonly UnitLink[] | undefined): Linker | undefined {
  if (!units || units.length === 0) return undefined;
  const byName = new Map<string, UnitLink>();
  for (const u of units) for (const n of u.names) if (n.trim() !== '' && !byName.has(escapeHtml(n))) byName.set(escapeHtml(n), u);
  if (byName.size === 0) return undefined;
  // Longest first, so a name never matches inside a longer one.
  const names = [...byName.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return { pattern: new RegExp(names.map(escapeRegExp).join('|'), 'g'), byName };
}

/** Inline: **bold** only; everything else is literal text (unit names may become links). */
function inline(s: string, locale: Locale, links?: Linker, found?: string[]): string {
  const escaped = escapeHtml(s);
  const marked = locale === 'zh-CN' ? escaped : escaped.replace(CHINESE_RUN, '<span lang="zh-CN">$&</span>');
  const linked = links
    ? marked.replace(links.pattern, (name) => {
        const unit = links.byName.get(name)!;
        found?.push(unit.code);
        return `<a href="${escapeHtml(unit.href)}">${name}</a>`;
      })
    : marked;
  return linked.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
}

function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

/** `locale`: the language of the page the HTML goes into (the bulletin's text in that language). */
export function renderBulletinMarkdown(markdown: string, headingOffset = 0, locale: Locale = 'zh-CN', options: RenderOptions = {}): string {
  const links = linker(options.units);
  const text = (s: string) => inline(s, locale, links);
  const label = options.anchorLabel;
  const anchor = (id: string) => (label === undefined ? '' : ` <a class="anchor" href="#${id}" aria-label="${escapeHtml(label)}">#</a>`);
  const ids = new Set<string>();
  let section = 0;
  const blocks = markdown.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  const out: string[] = [];
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const first = lines[0]!;
    const heading = /^(#{1,6})\s+(.*)$/.exec(first);
    if (heading && lines.length === 1) {
      const level = Math.min(6, heading[1]!.length + headingOffset);
      section++;
      const id = `s${section}`;
      out.push(label === undefined ? `<h${level}>${text(heading[2]!)}</h${level}>` : `<h${level} id="${id}">${text(heading[2]!)}${anchor(id)}</h${level}>`);
    } else if (lines.every((l) => /^\s*-\s+/.test(l))) {
      const items = lines.map((l) => {
        const found: string[] = [];
        const html = inline(l.replace(/^\s*-\s+/, ''), locale, links, found);
        if (label === undefined || found.length === 0) return `<li>${html}</li>`;
        let id = `s${section}-${found[0]}`;
        for (let i = 2; ids.has(id); i++) id = `s${section}-${found[0]}-${i}`;
        ids.add(id);
        return `<li id="${id}">${html}${anchor(id)}</li>`;
      });
      out.push(`<ul>${items.join('')}</ul>`);
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

/**
 * The Markdown without the paragraph that repeats the summary: the page shows the summary once,
 * as its lead, and the generated body opens with the same sentence.
 */
export function withoutLead(markdown: string, summary: string): string {
  const lead = summary.trim();
  if (lead === '') return markdown;
  return markdown
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((block) => block.trim() !== lead)
    .join('\n\n');
}
