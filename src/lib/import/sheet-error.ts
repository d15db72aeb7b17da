/** A spreadsheet that cannot be read (or may not be, being over a limit): the message says why. */
export class SheetError extends Error {
  override name = 'SheetError';
}
