/** A bad command line or input file: the message names the option (and the field); nothing runs. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
