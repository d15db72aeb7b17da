/** Bench helper: an Astro project of N trivial pages, the yardstick for the real build. */
import fs from 'node:fs';
import path from 'node:path';

export function writeEmptySite(dir: string, pages: number): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'src/pages'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'astro.config.mjs'), `export default { output: 'static', devToolbar: { enabled: false } };\n`);
  fs.writeFileSync(
    path.join(dir, 'src/pages/[n].astro'),
    `---
export function getStaticPaths() {
  return Array.from({ length: ${pages} }, (_, i) => ({ params: { n: String(i) } }));
}
const { n } = Astro.params;
---
<html lang="en"><head><title>Page {n}</title></head><body><p>Page {n}</p></body></html>
`,
  );
}
