/** The body ARM puts inside `{ "error": ... }`. */
export interface ArmErrorBody {
  code: string;
  message: string;
  target?: string;
  details?: ArmErrorBody[];
}

/**
 * An ARM error as it travels on the wire: status, envelope and any headers the
 * service sends with it (Retry-After on 429s). The emulator throws these and the
 * tests build their expectations from the same factory functions, so a code or
 * status can't drift between the two.
 */
export class ArmError extends Error {
  readonly status: number;
  readonly body: ArmErrorBody;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, body: ArmErrorBody, headers: Record<string, string> = {}) {
    super(`${body.code}: ${body.message}`);
    this.name = 'ArmError';
    this.status = status;
    this.body = body;
    this.headers = headers;
  }

  get code(): string {
    return this.body.code;
  }

  toEnvelope(): { error: ArmErrorBody } {
    return { error: this.body };
  }
}
