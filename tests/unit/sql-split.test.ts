import { describe, expect, it } from 'vitest';
import { lineAt, splitSql } from '../../src/lib/db/sql-split.ts';

const texts = (script: string) => splitSql(script).map((s) => s.text);

describe('splitSql', () => {
  it("splits on semicolons and keeps each statement's semicolon", () => {
    expect(texts('select 1; select 2;\nselect 3;')).toEqual(['select 1;', 'select 2;', 'select 3;']);
  });

  it('keeps a last statement without a semicolon; blank input has no statements', () => {
    expect(texts('  select 1 ;\n\nselect 2\n')).toEqual(['select 1 ;', 'select 2']);
    expect(splitSql('')).toEqual([]);
    expect(splitSql('  \n\t ')).toEqual([]);
  });

  it('ignores semicolons inside single-quoted strings, with doubled quotes', () => {
    expect(texts(`select 'a;b', 'it''s; fine'; select 2;`)).toEqual([`select 'a;b', 'it''s; fine';`, 'select 2;']);
  });

  it('treats a backslash as an ordinary character in a standard string', () => {
    // standard_conforming_strings: 'C:\' is a complete literal.
    expect(texts(`select 'C:\\'; select 2;`)).toEqual([`select 'C:\\';`, 'select 2;']);
  });

  it("honours backslash escapes in E'' strings", () => {
    expect(texts(`select E'it\\'s; \\\\'; select 2;`)).toEqual([`select E'it\\'s; \\\\';`, 'select 2;']);
    expect(texts(`select e'\\';'; select 2;`)).toEqual([`select e'\\';';`, 'select 2;']);
    // An identifier ending in e before a quote is not an E string.
    expect(texts(`select 1 where name like'x\\'; select 2;`)).toEqual([`select 1 where name like'x\\';`, 'select 2;']);
  });

  it('ignores semicolons inside double-quoted identifiers', () => {
    expect(texts(`create table "a;b" (x int); select 2;`)).toEqual([`create table "a;b" (x int);`, 'select 2;']);
  });

  it('ignores semicolons inside dollar quotes, with and without tags', () => {
    const fn = [
      'create function f() returns int language plpgsql as $fn$',
      'begin',
      '  perform $$ a; b $$;',
      '  return 1;',
      'end',
      '$fn$;',
    ].join('\n');
    expect(texts(`${fn}\nselect $$;$$;\nselect 3;`)).toEqual([fn, 'select $$;$$;', 'select 3;']);
  });

  it('does not mistake parameters or identifiers with $ for dollar quotes', () => {
    expect(texts('select $1::int; select a$b$c from t; select 3;')).toEqual([
      'select $1::int;',
      'select a$b$c from t;',
      'select 3;',
    ]);
  });

  it('ignores semicolons and quotes in line comments and nested block comments', () => {
    const script = [
      "select 1; -- it's; a comment",
      '/* outer; /* inner; */ still; a comment */ select 2;',
      'select 3;',
    ].join('\n');
    expect(texts(script)).toEqual([
      'select 1;',
      // A comment before a statement belongs to it.
      "-- it's; a comment\n/* outer; /* inner; */ still; a comment */ select 2;",
      'select 3;',
    ]);
  });

  it('drops a trailing comment-only remainder', () => {
    expect(texts('select 1;\n-- the end\n')).toEqual(['select 1;']);
    expect(texts('select 1;\n/* the end */\n')).toEqual(['select 1;']);
  });

  it('gives the 1-based line where each statement starts', () => {
    const script = [
      'select 1;',
      '',
      '  select',
      '    2;',
      "select 'a",
      "b'; select 4;",
      '',
      'select $$',
      ';',
      '$$;',
    ].join('\n');
    expect(splitSql(script)).toEqual([
      { text: 'select 1;', line: 1 },
      { text: 'select\n    2;', line: 3 },
      { text: "select 'a\nb';", line: 5 },
      { text: 'select 4;', line: 6 },
      { text: 'select $$\n;\n$$;', line: 8 },
    ]);
  });

  it('handles CRLF line endings', () => {
    expect(splitSql('select 1;\r\n\r\nselect 2;\r\n')).toEqual([
      { text: 'select 1;', line: 1 },
      { text: 'select 2;', line: 3 },
    ]);
  });
});

describe('lineAt', () => {
  it('counts newlines before an offset', () => {
    const text = 'a\nbc\n\nd';
    expect(lineAt(text, 0)).toBe(1);
    expect(lineAt(text, 1)).toBe(1);
    expect(lineAt(text, 2)).toBe(2);
    expect(lineAt(text, 5)).toBe(3);
    expect(lineAt(text, 6)).toBe(4);
    expect(lineAt(text, 100)).toBe(4);
  });
});

describe('comments around statements', () => {
  it('a trailing nested block comment is not a statement', () => {
    expect(splitSql('select 1;\n/* a /* b */ c */').map((s) => s.text)).toEqual(['select 1;']);
  });

  it("a statement's line is where its code starts, not the comment above it", () => {
    const [, second] = splitSql('select 1;\n\n-- the failing insert\ninsert into t values (1);');
    expect(second?.line).toBe(4);
  });
});
