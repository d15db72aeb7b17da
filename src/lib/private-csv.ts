/**
 * Staff files that hold personal data or secrets (sign-ups with contacts, invitation tokens):
 * CSV guarded against spreadsheet formula injection, written to a file created new, readable by
 * its owner only, and removed again when the data behind it was not committed.
 */
import fs from 'node:fs';
import { UsageError } from './usage-error.ts';

/**
 * One CSV field. Text a citizen typed may start with = + - @ (or a tab or CR): a spreadsheet would
 * run it as a formula, so such a field gets a leading apostrophe.
 */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV with a byte order mark, so that spreadsheet programs read the Chinese text as UTF-8. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return `\ufeff${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * Creates `file` (refusing an existing one, mode 0600), lets `produce` compute its content inside
 * whatever transaction it runs, and removes the file again if anything fails: no file is left
 * half-written, and a file exists only if the data behind it was committed.
 */
export async function writeNewFile(file: string, produce: (write: (content: string) => void) => Promise<void>): Promise<void> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${file} already exists: choose another --out, nothing was written.`);
    throw error;
  }
  try {
    await produce((content) => {
      fs.writeSync(fd, content);
      fs.fsyncSync(fd);
    });
    fs.closeSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw error;
  }
}
