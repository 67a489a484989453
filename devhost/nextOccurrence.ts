const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface Field {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** the first name's number (JAN = 1, SUN = 0) */
  readonly nameBase?: number;
}

const FIELDS: readonly Field[] = [
  { min: 0, max: 59 },
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { min: 0, max: 6, names: DAYS, nameBase: 0 },
];
const FIELD_NAMES = ['second', 'minute', 'hour', 'day', 'month', 'day-of-week'];

/** A six-field NCRONTAB expression ({second} {minute} {hour} {day} {month} {day-of-week}), parsed. */
export interface Schedule {
  readonly expression: string;
  readonly allowed: readonly (readonly boolean[])[];
}

function valueOf(text: string, field: Field, fieldName: string, expression: string): number {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  const n = named >= 0 ? named + (field.nameBase ?? 0) : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < field.min || n > field.max)
    throw new RangeError(`'${expression}': ${fieldName} '${text}' is not in ${field.min}-${field.max}`);
  return n;
}

function parseField(text: string, field: Field, fieldName: string, expression: string): boolean[] {
  const allowed = new Array<boolean>(field.max + 1).fill(false);
  for (const item of text.split(',')) {
    const [range = '', stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1)
      throw new RangeError(
        `'${expression}': ${fieldName} step '${stepText ?? ''}' is not a positive integer`,
      );
    let from = field.min;
    let to = field.max;
    if (range !== '*' && range !== '?') {
      const [a = '', b] = range.split('-');
      from = valueOf(a, field, fieldName, expression);
      // 'a/n' counts from a to the field's end, as NCRONTAB reads it.
      to =
        b !== undefined
          ? valueOf(b, field, fieldName, expression)
          : stepText !== undefined
            ? field.max
            : from;
    }
    for (let v = from; v <= to; v += step) allowed[v] = true;
  }
  return allowed;
}

/** Parses a six-field NCRONTAB expression as the Functions timer trigger reads it (UTC). */
export function parseSchedule(expression: string): Schedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 6)
    throw new RangeError(
      `'${expression}' is not a six-field NCRONTAB expression ({second} {minute} {hour} {day} {month} {day-of-week})`,
    );
  return {
    expression,
    allowed: parts.map((p, i) => parseField(p, FIELDS[i] as Field, FIELD_NAMES[i] ?? '', expression)),
  };
}

/**
 * The first instant strictly after `after` that the schedule names (UTC, whole seconds). Day and day-of-week
 * must both match, as in NCRONTAB. Throws for a schedule with no instant in the next five years (30 February).
 */
export function nextOccurrence(schedule: Schedule, after: Date): Date {
  const [second, minute, hour, day, month, weekday] = schedule.allowed as boolean[][];
  const t = new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000);
  const limit = after.getTime() + 5 * 366 * 86_400_000;
  while (t.getTime() <= limit) {
    if (!month?.[t.getUTCMonth() + 1]) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!day?.[t.getUTCDate()] || !weekday?.[t.getUTCDay()]) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!hour?.[t.getUTCHours()]) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
    } else if (!minute?.[t.getUTCMinutes()]) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
    } else if (!second?.[t.getUTCSeconds()]) {
      t.setUTCSeconds(t.getUTCSeconds() + 1, 0);
    } else {
      return t;
    }
  }
  throw new RangeError(`'${schedule.expression}' names no time in the next five years`);
}
