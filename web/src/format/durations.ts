/**
 * The API's durations (`90s`, `1m`, `24h`, `2d`, `1w`) and offsets (`-24h` before the start, `+2h`
 * or `2h` after), split into the amount and unit the builder's fields show.
 */

export const DURATION_UNITS = [
  { unit: 's', label: 'seconds', ms: 1_000 },
  { unit: 'm', label: 'minutes', ms: 60_000 },
  { unit: 'h', label: 'hours', ms: 3_600_000 },
  { unit: 'd', label: 'days', ms: 86_400_000 },
  { unit: 'w', label: 'weeks', ms: 604_800_000 },
] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number]['unit'];

export interface SplitDuration {
  amount: string;
  unit: DurationUnit;
}

export interface SplitOffset extends SplitDuration {
  direction: 'before' | 'after';
}

const DURATION = /^(\d+)([smhdw])$/;
const OFFSET = /^([+-]?)(\d+)([smhdw])$/;

/** The amount and unit of a duration, or null when the text is not one (then it is edited as text). */
export function splitDuration(text: string): SplitDuration | null {
  const match = DURATION.exec(text.trim());
  return match ? { amount: match[1] as string, unit: match[2] as DurationUnit } : null;
}

export function joinDuration({ amount, unit }: SplitDuration): string {
  return `${amount.trim()}${unit}`;
}

export function splitOffset(text: string): SplitOffset | null {
  const match = OFFSET.exec(text.trim());
  if (!match) return null;
  return {
    direction: match[1] === '-' ? 'before' : 'after',
    amount: match[2] as string,
    unit: match[3] as DurationUnit,
  };
}

export function joinOffset({ direction, amount, unit }: SplitOffset): string {
  return `${direction === 'before' ? '-' : '+'}${amount.trim()}${unit}`;
}

/** Milliseconds of an offset (negative before the start), or null when it does not parse. */
export function offsetMs(text: string): number | null {
  const split = splitOffset(text);
  if (!split) return null;
  const unitMs = DURATION_UNITS.find((entry) => entry.unit === split.unit)?.ms ?? 0;
  return (split.direction === 'before' ? -1 : 1) * Number(split.amount) * unitMs;
}

/** "24 hours before", "1 minute" */
export function describeDuration({ amount, unit }: SplitDuration): string {
  const label = DURATION_UNITS.find((entry) => entry.unit === unit)?.label ?? unit;
  return `${amount} ${amount === '1' ? label.replace(/s$/, '') : label}`;
}
