/** A command was called with arguments it cannot use: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
}
