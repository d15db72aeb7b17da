/**
 * An error whose message is meant for the person who made the request, shown without a stack
 * trace: a bad option, an unknown reference, a step the data's state does not allow. The staff
 * CLI prints it with the command's help (exit code 2).
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
