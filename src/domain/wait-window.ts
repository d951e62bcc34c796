/**
 * The window of a wait (API.md "Automations, additions"): days of the week and a time of day
 * `from`–`to` in a time zone. A wait that ends outside it goes on at the window's next opening.
 *
 * Imported by workflow code, so it is plain arithmetic over the platform's `Intl` (the sandbox has
 * it; luxon would put a package in the workflow bundle: test/workflows/workflow-bundle.test.ts).
 * Every function takes the instant it works on; none reads the clock.
 *
 * Membership is by wall clock: an instant is inside when its weekday in the zone is one of `days`
 * and its time of day is at or after `from` and before `to`. The next opening is the earliest
 * instant inside, at or after a given one, so DST is handled by construction: 09:00 is 09:00 on
 * the wall whatever the offset; an opening that falls in a spring-forward gap (a `from` of 02:30 on
 * the night the clocks skip 02:00–03:00) is the first instant after the gap; in a fall-back
 * overlap the first of the two 01:30s that is not yet behind us.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface WaitWindow {
  days: Weekday[];
  /** HH:MM, 00:00–23:59 */
  from: string;
  /** HH:MM, after `from`; 24:00 is the end of the day */
  to: string;
  /** IANA zone; absent: the calendar's (then the assigned user's, then UTC) */
  timezone?: string;
}

export const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
export const END_OF_DAY = '24:00';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Days searched for an opening: a week, and one more in case the only opening of the week fell into a DST gap. */
const SEARCH_DAYS = 15;

/** Minutes since midnight of `HH:MM` (24:00 is 1440). */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours as number) * 60 + (minutes as number);
}

/** Whether `zone` is a time zone the platform knows (an IANA name such as Europe/Paris, or UTC). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Whether the instant `at` lies inside the window, read on the wall clock of `zone`. */
export function isInsideWindow(at: number, window: WaitWindow, zone: string): boolean {
  const wall = wallClockOf(at, zone);
  const minutes = wall.hour * 60 + wall.minute;
  return (
    window.days.includes(weekdayOf(wall)) && minutes >= minutesOfDay(window.from) && minutes < minutesOfDay(window.to)
  );
}

/**
 * The earliest instant at or after `at` that lies inside the window in `zone`: `at` itself when it
 * is inside already. Throws on a window without any day (validation refuses those).
 */
export function nextWindowOpening(at: number, window: WaitWindow, zone: string): number {
  if (isInsideWindow(at, window, zone)) return at;
  const today = wallClockOf(at, zone);
  const from = minutesOfDay(window.from);
  for (let day = 0; day < SEARCH_DAYS; day++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + day));
    const wall = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
    if (!window.days.includes(weekdayOf(wall))) continue;
    const opening = instantsOfWallTime(wall, from, zone)
      .filter((instant) => instant >= at && isInsideWindow(instant, window, zone))
      .sort((a, b) => a - b)[0];
    if (opening !== undefined) return opening;
  }
  throw new RangeError(`the window ${JSON.stringify(window)} never opens`);
}

interface WallDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

interface WallClock extends WallDate {
  hour: number;
  minute: number;
  second: number;
}

function wallClockOf(at: number, zone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

function weekdayOf(date: WallDate): Weekday {
  // getUTCDay: 0 is Sunday; WEEKDAYS starts on Monday
  return WEEKDAYS[(new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7] as Weekday;
}

/** The zone's offset from UTC at an instant, in ms (east positive), to the second. */
function offsetAt(at: number, zone: string): number {
  const wall = wallClockOf(at, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * The instants whose wall clock in `zone` shows `minutes` past midnight of `date`: one on an
 * ordinary day, two in a fall-back overlap; in a spring-forward gap, none exist, and the answer is
 * the first instant after the gap (where the clock jumps past that time).
 */
function instantsOfWallTime(date: WallDate, minutes: number, zone: string): number[] {
  const naive = Date.UTC(date.year, date.month - 1, date.day) + minutes * MINUTE_MS; // the wall time read as UTC
  // A zone changes its offset at most once around a given day: the offsets a day either side are the candidates.
  const offsets = [...new Set([offsetAt(naive - DAY_MS, zone), offsetAt(naive + DAY_MS, zone), offsetAt(naive, zone)])];
  const exact = offsets
    .map((offset) => naive - offset)
    .filter((instant) => offsetAt(instant, zone) === naive - instant);
  if (exact.length > 0) return [...new Set(exact)];
  // In the gap: the transition lies between the two readings; find it to the millisecond.
  const readings = offsets.map((offset) => naive - offset).sort((a, b) => a - b);
  let before = readings[0] as number; // still on the old offset
  let after = readings[readings.length - 1] as number; // already on the new one
  const oldOffset = offsetAt(before, zone);
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (offsetAt(middle, zone) === oldOffset) before = middle;
    else after = middle;
  }
  return [after];
}
