/** Plain-text tables for the terminal, aligned for CJK text (wide characters count as two columns). */

function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(text: string, size: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return right ? fill + text : text + fill;
}

/** Renders rows under headers; columns listed in `numeric` are right-aligned. */
export function renderTable(headers: string[], rows: string[][], numeric: ReadonlySet<number> = new Set()): string {
  const sizes = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, sizes[i]!, numeric.has(i))).join('  ').trimEnd();
  return [line(headers), sizes.map((s) => '-'.repeat(s)).join('  '), ...rows.map(line)].join('\n');
}
