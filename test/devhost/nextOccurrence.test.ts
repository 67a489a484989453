import { nextOccurrence, parseSchedule } from '../../devhost/nextOccurrence';

const next = (expression: string, after: string): string =>
  nextOccurrence(parseSchedule(expression), new Date(after)).toISOString();

describe('nextOccurrence (six-field NCRONTAB, UTC)', () => {
  it.each([
    ['0 0 3 * * *', '2026-12-05T08:00:00Z', '2026-12-06T03:00:00.000Z'],
    ['0 0 3 * * *', '2026-12-05T02:59:59.500Z', '2026-12-05T03:00:00.000Z'],
    ['*/20 * * * * *', '2026-12-05T08:00:00Z', '2026-12-05T08:00:20.000Z'],
    ['0 */5 * * * *', '2026-12-05T08:03:10Z', '2026-12-05T08:05:00.000Z'],
    ['0 30 9 * * 1-5', '2026-12-05T10:00:00Z', '2026-12-07T09:30:00.000Z'],
    ['0 30 9 * * MON', '2026-12-05T10:00:00Z', '2026-12-07T09:30:00.000Z'],
    ['0 0 0 1 JAN *', '2026-12-05T10:00:00Z', '2027-01-01T00:00:00.000Z'],
    ['0 0 12 29 2 *', '2026-03-01T00:00:00Z', '2028-02-29T12:00:00.000Z'],
    ['5,10 0 0 * * *', '2026-12-05T00:00:05Z', '2026-12-05T00:00:10.000Z'],
    ['0 0 0 13 * 5', '2026-12-05T00:00:00Z', '2027-08-13T00:00:00.000Z'],
  ])("'%s' after %s is %s", (expression, after, expected) => {
    expect(next(expression, after)).toBe(expected);
  });

  it('is strictly after the given instant', () => {
    expect(next('0 0 3 * * *', '2026-12-05T03:00:00Z')).toBe('2026-12-06T03:00:00.000Z');
  });

  it.each([
    ['0 0 3 * *', /six-field/],
    ['60 0 3 * * *', /second '60' is not in 0-59/],
    ['0 0 3 * FOO *', /month 'FOO'/],
    ['0 0 3 * * */0', /day-of-week step '0'/],
  ])("refuses '%s', naming the field", (expression, message) => {
    expect(() => parseSchedule(expression)).toThrow(message);
  });

  it('refuses a schedule that names no day', () => {
    expect(() => next('0 0 0 30 2 *', '2026-12-05T00:00:00Z')).toThrow(/names no time/);
  });
});
