/** A wait's window, read on the wall clock of its zone: inside or not, and the next opening, across DST. */
import { isInsideWindow, nextWindowOpening, type WaitWindow } from '../../../src/domain/wait-window';

const WEEKDAYS_9_TO_5: WaitWindow = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' };
const NEW_YORK = 'America/New_York';
const PARIS = 'Europe/Paris';

/** The next opening at or after `at`, as a UTC ISO string (what the assertions compare). */
const opening = (at: string, window: WaitWindow, zone: string) =>
  new Date(nextWindowOpening(Date.parse(at), window, zone)).toISOString();
const utc = (iso: string) => new Date(Date.parse(iso)).toISOString();

describe('on an ordinary week (2026-12-07 is a Monday, New York on EST, -05:00)', () => {
  test.each([
    ['a weekday noon', '2026-12-09T12:00:00-05:00'],
    ['the opening minute', '2026-12-09T09:00:00-05:00'],
    ['the last minute', '2026-12-09T16:59:59-05:00'],
  ])('inside: %s goes on at once', (_, at) => {
    expect(isInsideWindow(Date.parse(at), WEEKDAYS_9_TO_5, NEW_YORK)).toBe(true);
    expect(opening(at, WEEKDAYS_9_TO_5, NEW_YORK)).toBe(utc(at));
  });

  test.each([
    ['before the opening', '2026-12-09T08:59:00-05:00', '2026-12-09T09:00:00-05:00'],
    ['at the closing time (to is exclusive)', '2026-12-09T17:00:00-05:00', '2026-12-10T09:00:00-05:00'],
    ['a weekday evening', '2026-12-09T22:30:00-05:00', '2026-12-10T09:00:00-05:00'],
    ['Friday at closing', '2026-12-11T17:00:00-05:00', '2026-12-14T09:00:00-05:00'],
    ['Saturday 14:00', '2026-12-12T14:00:00-05:00', '2026-12-14T09:00:00-05:00'],
    ['Sunday 23:59', '2026-12-13T23:59:00-05:00', '2026-12-14T09:00:00-05:00'],
    ['Monday 00:00', '2026-12-14T00:00:00-05:00', '2026-12-14T09:00:00-05:00'],
  ])('outside: %s goes on at the next opening', (_, at, expected) => {
    expect(isInsideWindow(Date.parse(at), WEEKDAYS_9_TO_5, NEW_YORK)).toBe(false);
    expect(opening(at, WEEKDAYS_9_TO_5, NEW_YORK)).toBe(utc(expected));
  });

  test('the weekday is the one on the zone’s wall clock, not in UTC', () => {
    // Friday 23:30 in New York is already Saturday in UTC
    const saturdays: WaitWindow = { days: ['sat'], from: '09:00', to: '17:00' };
    expect(opening('2026-12-11T23:30:00-05:00', saturdays, NEW_YORK)).toBe(utc('2026-12-12T09:00:00-05:00'));
    expect(opening('2026-12-11T23:30:00-05:00', saturdays, 'UTC')).toBe('2026-12-12T09:00:00.000Z');
  });

  test('a window in another zone than the calendar’s is read in its own zone', () => {
    // Monday 20:00 in New York is Tuesday 10:00 in Tokyo
    const at = '2026-12-07T20:00:00-05:00';
    expect(opening(at, WEEKDAYS_9_TO_5, NEW_YORK)).toBe(utc('2026-12-08T09:00:00-05:00'));
    expect(opening(at, WEEKDAYS_9_TO_5, 'Asia/Tokyo')).toBe(utc(at));
    // Saturday 14:00 in New York is Saturday 20:00 in Paris: Monday 09:00 Paris comes six hours before New York's
    expect(opening('2026-12-12T14:00:00-05:00', WEEKDAYS_9_TO_5, PARIS)).toBe(utc('2026-12-14T09:00:00+01:00'));
  });

  test('a window to 24:00 runs to the end of the day; one day a week waits for that day', () => {
    const weekends: WaitWindow = { days: ['sat', 'sun'], from: '00:00', to: '24:00' };
    expect(opening('2026-12-13T23:59:59-05:00', weekends, NEW_YORK)).toBe(utc('2026-12-13T23:59:59-05:00'));
    expect(opening('2026-12-14T00:00:00-05:00', weekends, NEW_YORK)).toBe(utc('2026-12-19T00:00:00-05:00'));
    const tuesdayMornings: WaitWindow = { days: ['tue'], from: '08:00', to: '10:00' };
    expect(opening('2026-12-08T10:00:00-05:00', tuesdayMornings, NEW_YORK)).toBe(utc('2026-12-15T08:00:00-05:00'));
  });
});

describe('across DST changes, the opening stays at 09:00 on the wall', () => {
  test.each([
    // New York springs forward on Sunday 2027-03-14 (EST -05:00 → EDT -04:00): 43 h on the wall are 42 h
    ['New York, spring forward', NEW_YORK, '2027-03-13T14:00:00-05:00', '2027-03-15T09:00:00-04:00'],
    // and falls back on Sunday 2027-11-07 (EDT → EST): 43 h on the wall are 44 h
    ['New York, fall back', NEW_YORK, '2027-11-06T14:00:00-04:00', '2027-11-08T09:00:00-05:00'],
    // Paris springs forward on Sunday 2027-03-28 (CET +01:00 → CEST +02:00) and falls back on 2027-10-31
    ['Paris, spring forward', PARIS, '2027-03-27T14:00:00+01:00', '2027-03-29T09:00:00+02:00'],
    ['Paris, fall back', PARIS, '2027-10-30T14:00:00+02:00', '2027-11-01T09:00:00+01:00'],
  ])('%s: Saturday 14:00 goes on Monday 09:00', (_, zone, at, expected) => {
    expect(opening(at, WEEKDAYS_9_TO_5, zone)).toBe(utc(expected));
  });

  test.each([
    ['New York, the week after spring forward', NEW_YORK, '2027-03-15T08:00:00-04:00', '2027-03-15T09:00:00-04:00'],
    ['New York, the week after fall back', NEW_YORK, '2027-11-08T17:30:00-05:00', '2027-11-09T09:00:00-05:00'],
    ['Paris, the week after spring forward', PARIS, '2027-03-29T17:00:00+02:00', '2027-03-30T09:00:00+02:00'],
    ['Paris, the week after fall back', PARIS, '2027-11-01T06:00:00+01:00', '2027-11-01T09:00:00+01:00'],
  ])('%s: weekdays open at 09:00 local time', (_, zone, at, expected) => {
    expect(opening(at, WEEKDAYS_9_TO_5, zone)).toBe(utc(expected));
  });

  test('an opening inside the spring-forward gap is the first instant after it', () => {
    // Paris skips 02:00–03:00 on 2027-03-28: 02:30 does not exist; the clock shows 03:00 CEST at 01:00Z
    const earlySundays: WaitWindow = { days: ['sun'], from: '02:30', to: '04:00' };
    expect(opening('2027-03-27T12:00:00Z', earlySundays, PARIS)).toBe('2027-03-28T01:00:00.000Z');
    // the Sunday after, 02:30 exists again
    expect(opening('2027-03-28T03:00:00Z', earlySundays, PARIS)).toBe(utc('2027-04-04T02:30:00+02:00'));
  });

  test('an opening inside the fall-back overlap is the first 01:30 not yet behind us', () => {
    // New York shows 01:00–02:00 twice on 2027-11-07: first on EDT (-04:00), then on EST (-05:00)
    const earlySundays: WaitWindow = { days: ['sun'], from: '01:30', to: '05:00' };
    expect(opening('2027-11-07T01:00:00-04:00', earlySundays, NEW_YORK)).toBe(utc('2027-11-07T01:30:00-04:00'));
    // 01:10 EST, after the clocks went back: the first 01:30 is behind us, the second is ahead
    expect(opening('2027-11-07T01:10:00-05:00', earlySundays, NEW_YORK)).toBe(utc('2027-11-07T01:30:00-05:00'));
  });
});

test('a window without days never opens: the arithmetic refuses it (validation does first)', () => {
  expect(() =>
    nextWindowOpening(Date.parse('2026-12-12T14:00:00Z'), { days: [], from: '09:00', to: '17:00' }, 'UTC'),
  ).toThrow(RangeError);
});
