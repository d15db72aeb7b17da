/**
 * Splits a SQL script into statements, honouring quotes, dollar quotes and comments,
 * so a migration can run statement by statement and report the line that failed.
 */

export interface Statement {
  text: string;
  /** 1-based line in the script where the statement starts. */
  line: number;
}

export function splitSql(script: string): Statement[] {
  const statements: Statement[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  const push = (end: number) => {
    const raw = script.slice(start, end);
    const code = firstCode(raw);
    if (code >= 0) {
      // Leading comments stay with the statement; its line is where the code begins.
      const lead = raw.search(/\S/);
      statements.push({ text: raw.slice(lead).trimEnd(), line: lineAt(script, start + code) });
    }
  };
  while (i < n) {
    const c = script[i]!;
    const next = script[i + 1];
    if (c === '-' && next === '-') {
      const eol = script.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
    } else if (c === '/' && next === '*') {
      i = skipBlockComment(script, i);
    } else if (c === "'") {
      const escapes = i > 0 && /[eE]/.test(script[i - 1]!) && !/\w/.test(script[i - 2] ?? ' ');
      i = skipQuoted(script, i, "'", escapes);
    } else if (c === '"') {
      i = skipQuoted(script, i, '"', false);
    } else if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i, i + 64));
      if (tag && !/\w/.test(script[i - 1] ?? ' ')) {
        const close = script.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? n : close + tag[0].length;
      } else {
        i++;
      }
    } else if (c === ';') {
      push(i + 1);
      i++;
      start = i;
    } else {
      i++;
    }
  }
  push(n);
  return statements;
}

function skipBlockComment(s: string, i: number): number {
  let depth = 0;
  while (i < s.length) {
    if (s[i] === '/' && s[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (s[i] === '*' && s[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return i;
}

function skipQuoted(s: string, i: number, quote: string, backslashEscapes: boolean): number {
  i++;
  while (i < s.length) {
    if (backslashEscapes && s[i] === '\\') {
      i += 2;
    } else if (s[i] === quote) {
      if (s[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return i;
}

/** Offset of the first character that is neither white space nor comment (nested block comments too), or -1. */
function firstCode(s: string): number {
  let i = 0;
  while (i < s.length) {
    if (/\s/.test(s[i]!)) i++;
    else if (s[i] === '-' && s[i + 1] === '-') {
      const eol = s.indexOf('\n', i);
      i = eol < 0 ? s.length : eol + 1;
    } else if (s[i] === '/' && s[i + 1] === '*') i = skipBlockComment(s, i);
    else return s[i] === ';' && i === s.length - 1 ? -1 : i;
  }
  return -1;
}

export function lineAt(s: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < s.length; i++) if (s[i] === '\n') line++;
  return line;
}
