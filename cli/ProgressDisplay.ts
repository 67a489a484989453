export interface RunProgress {
  vnetsDone: number;
  vnetsTotal: number;
  stepsDone: number;
  stepsTotal: number;
  /** ARM writes so far (PUTs and DELETEs) */
  writes: number;
}

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** One line: VNets and steps done of their totals, writes, time since the run started. */
export function progressText(p: RunProgress, elapsedMs: number): string {
  return `${p.vnetsDone}/${p.vnetsTotal} VNets · ${p.stepsDone}/${p.stepsTotal} steps · ${p.writes} writes · ${(elapsedMs / 1000).toFixed(1)} s`;
}

const CLEAR_LINE = '\r\x1b[2K';
const REDRAW_MS = 100;

/**
 * A run's progress. On a terminal: one live line under the log, redrawn as steps land (and each
 * tenth of a second, for the clock). Elsewhere (a pipe, a CI log): plain `progress:` lines, one per
 * VNet finished, so logs stay readable and free of control characters.
 */
export class ProgressDisplay {
  readonly #out: ProgressOutput;
  readonly #read: () => RunProgress;
  readonly #now: () => number;
  readonly #started: number;
  #timer: NodeJS.Timeout | undefined;
  #lastVnetsDone = 0;
  #drawn = false;

  /** `read` is asked for the figures whenever a line is drawn. */
  constructor(out: ProgressOutput, read: () => RunProgress, now: () => number = Date.now) {
    this.#out = out;
    this.#read = read;
    this.#now = now;
    this.#started = now();
    if (out.isTTY) {
      this.#timer = setInterval(() => this.#draw(), REDRAW_MS);
      this.#timer.unref();
    }
  }

  /** A log line above the progress line. */
  log(line: string): void {
    if (this.#out.isTTY && this.#drawn) this.#out.write(CLEAR_LINE);
    this.#out.write(`${line}\n`);
    if (this.#out.isTTY) this.#draw();
  }

  /** Something advanced: redraw on a terminal, a plain line elsewhere when a VNet has finished. */
  changed(): void {
    if (this.#out.isTTY) return;
    const p = this.#read();
    if (p.vnetsDone === this.#lastVnetsDone) return;
    this.#lastVnetsDone = p.vnetsDone;
    this.#out.write(`progress: ${progressText(p, this.#now() - this.#started)}\n`);
  }

  /** The final figures, on a line of their own. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    const p = this.#read();
    const line = progressText(p, this.#now() - this.#started);
    if (this.#out.isTTY) this.#out.write(`${CLEAR_LINE}${line}\n`);
    else if (p.vnetsDone !== this.#lastVnetsDone) this.#out.write(`progress: ${line}\n`);
    this.#drawn = false;
  }

  #draw(): void {
    if (!this.#timer) return;
    this.#out.write(`${CLEAR_LINE}${progressText(this.#read(), this.#now() - this.#started)}`);
    this.#drawn = true;
  }
}
