import { durationSchema, offsetSchema } from '../../src/domain/duration-schemas';
import { MAX_DURATION_MS, parseDurationMs, parseOffsetMs } from '../../src/domain/durations';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const messageOf = (schema: typeof durationSchema, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues.map((issue) => issue.message).join('; ');
};

describe('durations', () => {
  test.each([
    ['90s', 90 * SECOND],
    ['1m', MINUTE],
    ['24h', 24 * HOUR],
    ['2d', 2 * DAY],
    ['1w', 7 * DAY],
    ['365d', 365 * DAY],
    ['52w', 364 * DAY],
    ['8760h', 365 * DAY],
  ])('%s is %d ms', (text, ms) => {
    expect(durationSchema.parse(text)).toBe(text);
    expect(parseDurationMs(text)).toBe(ms);
  });

  test('a year is the longest duration', () => {
    expect(MAX_DURATION_MS).toBe(365 * DAY);
    expect(messageOf(durationSchema, '366d')).toBe('must be at most 365 days');
    expect(messageOf(durationSchema, '53w')).toBe('must be at most 365 days');
    expect(messageOf(durationSchema, '8761h')).toBe('must be at most 365 days');
    expect(messageOf(durationSchema, '99999999999999999999999d')).toBe('must be at most 365 days');
  });

  test('zero is not a duration', () => {
    expect(messageOf(durationSchema, '0s')).toBe('must be longer than zero');
    expect(messageOf(durationSchema, '0w')).toBe('must be longer than zero');
  });

  test.each(['', '1', 'm', '1.5h', '1,5h', '-1m', '+1m', '1 m', ' 1m', '1M', '1ms', '1y', '1h30m', 'PT1H'])(
    '%j is refused with the expected format',
    (text) => {
      expect(messageOf(durationSchema, text)).toBe(
        'must be a duration: a whole number and a unit s, m, h, d or w, e.g. 90s, 1m, 24h, 2d, 1w',
      );
      expect(() => parseDurationMs(text)).toThrow(RangeError);
    },
  );

  test('a non-string is refused with the same guidance', () => {
    expect(messageOf(durationSchema, 60)).toMatch(/^must be a duration/);
    expect(messageOf(durationSchema, null)).toMatch(/^must be a duration/);
  });

  test('parseDurationMs names the text it refuses', () => {
    expect(() => parseDurationMs('400d')).toThrow('"400d" must be at most 365 days');
  });
});

describe('offsets', () => {
  test.each([
    ['-24h', -24 * HOUR],
    ['+2h', 2 * HOUR],
    ['2h', 2 * HOUR],
    ['-90s', -90 * SECOND],
    ['-1w', -7 * DAY],
    ['-365d', -365 * DAY],
    ['+365d', 365 * DAY],
  ])('%s is %d ms', (text, ms) => {
    expect(offsetSchema.parse(text)).toBe(text);
    expect(parseOffsetMs(text)).toBe(ms);
  });

  test('zero means at the start, and is never a negative zero', () => {
    expect(parseOffsetMs('0m')).toBe(0);
    expect(Object.is(parseOffsetMs('-0h'), 0)).toBe(true);
    expect(Object.is(parseOffsetMs('+0s'), 0)).toBe(true);
  });

  test('offsets stay within a year of the appointment', () => {
    expect(messageOf(offsetSchema, '-366d')).toBe('must be within 365 days of the appointment');
    expect(messageOf(offsetSchema, '+53w')).toBe('must be within 365 days of the appointment');
    expect(() => parseOffsetMs('-8761h')).toThrow(RangeError);
  });

  test.each(['', '--1h', '+-1h', '- 1h', '1.5h', '-1y', '-h', '−24h'])('%j is refused', (text) => {
    expect(messageOf(offsetSchema, text)).toBe(
      'must be an offset: a signed duration such as -24h, +2h or -30m (unsigned means after)',
    );
    expect(() => parseOffsetMs(text)).toThrow(RangeError);
  });
});
