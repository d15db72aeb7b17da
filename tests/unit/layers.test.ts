/**
 * Layers depend one way: pages and components on lib, the CLI and the server on lib, never the
 * reverse. Every source file's relative imports are resolved and checked against the rules below
 * (like Starlight's no-internal-barrel-imports test); a failure names the file and the import.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const src = path.join(root, 'src');

type Layer = 'lib' | 'cli' | 'server' | 'pages' | 'components';

/** What each layer must not import. */
const FORBIDDEN: Partial<Record<Layer, readonly Layer[]>> = {
  lib: ['cli', 'server', 'pages', 'components'],
  server: ['cli'],
  components: ['cli', 'server'],
};

const SOURCE = /\.(ts|svelte|astro|mjs)$/;

/** The module specifiers of static imports and re-exports, side-effect imports and import(). */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bfrom\s*['"]([^'"\n]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
    /\bimport\s+['"]([^'"\n]+)['"]/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1]!);
  return found;
}

/** The layer of a path under src/, if it is one of the checked ones. */
function layerOf(file: string): Layer | undefined {
  const first = path.relative(src, file).split(path.sep)[0];
  return first === 'lib' || first === 'cli' || first === 'server' || first === 'pages' || first === 'components' ? first : undefined;
}

/** Imports of `file` (with `text`) that break the rules, as "file imports specifier (layer)". */
function violations(file: string, text: string): string[] {
  const layer = layerOf(file);
  const forbidden = (layer && FORBIDDEN[layer]) ?? [];
  if (forbidden.length === 0) return [];
  return specifiers(text)
    .filter((spec) => spec.startsWith('.'))
    .flatMap((spec) => {
      const target = layerOf(path.resolve(path.dirname(file), spec));
      return target && forbidden.includes(target) ? [`${path.relative(root, file)} imports ${spec} (src/${target})`] : [];
    });
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

describe('layers', () => {
  it('finds the imports it checks', () => {
    const files = sourceFiles(src);
    expect(files.some((f) => f.endsWith('.astro'))).toBe(true);
    expect(files.filter((f) => layerOf(f) === 'lib').length).toBeGreaterThan(50);
    // A lib file that reached up into the CLI and the server, as build-site.ts once did.
    const file = path.join(src, 'lib/site/build-site.ts');
    expect(violations(file, `import { progressBar, type Progress } from '../../cli/progress.ts';
import {
  loadGatewayKeys,
} from '../../server/gateway/keys.ts';
const late = await import('../../pages/index.astro');
import { migrate } from '../db/migrate.ts';`)).toEqual([
      'src/lib/site/build-site.ts imports ../../cli/progress.ts (src/cli)',
      'src/lib/site/build-site.ts imports ../../server/gateway/keys.ts (src/server)',
      'src/lib/site/build-site.ts imports ../../pages/index.astro (src/pages)',
    ]);
    expect(violations(path.join(src, 'components/Chart.svelte'), `<script lang="ts">import { GATEWAY_PREFIX } from '../server/gateway/gateway.ts';</script>`))
      .toEqual(['src/components/Chart.svelte imports ../server/gateway/gateway.ts (src/server)']);
    expect(violations(path.join(src, 'cli/main.ts'), `import { createPortalServer } from '../server/server.ts';`)).toEqual([]);
  });

  it('lib imports neither cli, server, pages nor components; server not cli; components neither cli nor server', () => {
    const found = sourceFiles(src).flatMap((file) => violations(file, fs.readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
