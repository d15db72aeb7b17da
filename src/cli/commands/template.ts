import path from 'node:path';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { noMore, parseEncoding, parseFormat, parseKind, parseLang, text } from '../args.ts';
import { writeTemplate } from '../../lib/import/import.ts';
import { KIND_NAMES } from '../../lib/import/kind.ts';
import { KINDS } from '../../lib/import/kinds/index.ts';

export const templateCommand: Command = {
  name: 'template',
  summary: 'Write an empty import template (headers and one example row) for a kind',
  help: `Usage: npm run gongshi -- template <kind> [--format csv|xlsx] [--out FILE] [--lang zh|en] [--encoding utf8|gb18030]

Writes the header row of a kind and one example row, ready to fill in and import. An XLSX template
has a second worksheet describing every column (required or not, format); import reads only the
first worksheet. Delete the example row before importing your own data.
Kinds: ${KIND_NAMES.join(', ')}.

Options:
  --format FMT         csv (default, or taken from --out) or xlsx
  --out FILE           where to write (default: <kind>-template.<format>)
  --lang LANG          zh (default): Chinese headers and labels; en: English headers and codes
  --encoding ENC       CSV only: utf8 (default, with a byte order mark) or gb18030

The columns are documented in docs/import.md.`,
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    lang: { type: 'string' },
    encoding: { type: 'string' },
  },
  async run(values, positionals) {
    const [kindArg, ...extra] = positionals;
    const kind = parseKind(kindArg, 'template');
    noMore(extra);
    const out = text(values['out']);
    const format = parseFormat(values['format'], out);
    const encoding = parseEncoding(values['encoding']);
    if (encoding && format !== 'csv') throw new UsageError('--encoding applies to CSV files only.');
    const file = out ?? `${kind}-template.${format}`;
    await writeTemplate(kind, file, { format, lang: parseLang(values['lang']), encoding });
    console.log(`Wrote the ${KINDS[kind].label.en} template to ${path.relative(process.cwd(), path.resolve(file)) || file}.`);
    return 0;
  },
};
