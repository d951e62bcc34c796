/**
 * Durations (`90s`, `1m`, `24h`, `2d`, `1w`) and signed offsets (`-24h`, `+2h`, `2h`) as the API
 * writes them. Kept as strings in definitions (that is what users wrote and will read back);
 * converted to milliseconds only where a timer is armed.
 *
 * Imported by workflow code: nothing that touches the clock or the host, and no zod (the schemas
 * are in duration-schemas.ts).
 */
const UNIT_MS = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const;
type DurationUnit = keyof typeof UNIT_MS;

/** A year is far beyond any sensible reminder, and keeps a typo like `24000h` from arming a decade-long timer. */
export const MAX_DURATION_MS = 365 * UNIT_MS.d;

// Any number of digits: an absurd value fails the bound check with a message about the bound
// (Number() of a huge digit string is at worst Infinity, which the bound refuses too).
const DURATION_PATTERN = /^(\d+)([smhdw])$/;
const OFFSET_PATTERN = /^([+-]?)(\d+)([smhdw])$/;

export const DURATION_FORMAT =
  'must be a duration: a whole number and a unit s, m, h, d or w, e.g. 90s, 1m, 24h, 2d, 1w';
export const OFFSET_FORMAT = 'must be an offset: a signed duration such as -24h, +2h or -30m (unsigned means after)';

export type Parsed = { ok: true; ms: number } | { ok: false; message: string };

export function parseDuration(text: string): Parsed {
  const match = DURATION_PATTERN.exec(text);
  if (!match) return { ok: false, message: DURATION_FORMAT };
  const ms = Number(match[1]) * UNIT_MS[match[2] as DurationUnit];
  if (ms <= 0) return { ok: false, message: 'must be longer than zero' };
  if (ms > MAX_DURATION_MS) return { ok: false, message: 'must be at most 365 days' };
  return { ok: true, ms };
}

export function parseOffset(text: string): Parsed {
  const match = OFFSET_PATTERN.exec(text);
  if (!match) return { ok: false, message: OFFSET_FORMAT };
  const magnitude = Number(match[2]) * UNIT_MS[match[3] as DurationUnit];
  if (magnitude > MAX_DURATION_MS) return { ok: false, message: 'must be within 365 days of the appointment' };
  // `-0h` and `0h` both mean "at the start"; never hand out a negative zero.
  return { ok: true, ms: match[1] === '-' && magnitude !== 0 ? -magnitude : magnitude };
}

function orThrow(parsed: Parsed, text: string): number {
  if (!parsed.ok) throw new RangeError(`"${text}" ${parsed.message}`);
  return parsed.ms;
}

/** Milliseconds of a duration; throws RangeError on text `durationSchema` refuses. */
export function parseDurationMs(text: string): number {
  return orThrow(parseDuration(text), text);
}

/** Signed milliseconds of an offset (negative = before the appointment); throws RangeError on text `offsetSchema` refuses. */
export function parseOffsetMs(text: string): number {
  return orThrow(parseOffset(text), text);
}
