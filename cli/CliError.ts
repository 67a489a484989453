/** A bad command line or input file: the message names the option (and the field); nothing runs. */
export class CliError extends Error {
  /** `usage`, when given, is printed under the message (commands with --help point there instead). */
  constructor(message: string, usage = '') {
    super(usage ? `${message}\n${usage}` : message);
    this.name = 'CliError';
  }
}
