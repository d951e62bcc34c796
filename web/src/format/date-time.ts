/**
 * Times as the viewer reads them: the API's instants (ISO with an offset) in the browser's own time
 * zone, and back from the `datetime-local` inputs to ISO with the viewer's offset.
 */

export const viewerTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const shortDateTimeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit' });

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

export function formatShortDateTime(iso: string | number): string {
  return shortDateTimeFormat.format(new Date(iso));
}

export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** "Mon, Nov 30, 2026, 3:00 PM – 4:00 PM", the end's date only when it differs. */
export function formatRange(startIso: string, endIso: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startIso} – ${endIso}`;
  return dateTimeFormat.formatRange(start, end);
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The value a `datetime-local` input shows for an instant, in the viewer's time zone. */
export function toLocalInputValue(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** ISO 8601 with the viewer's offset (e.g. `2026-11-30T15:00:00+01:00`), as the API wants it. */
export function toIsoWithOffset(date: Date): string {
  const offsetMinutes = -date.getTimezoneOffset();
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const absolute = Math.abs(offsetMinutes);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`
  );
}

/** A `datetime-local` value read in the viewer's time zone, or null when incomplete. */
export function fromLocalInputValue(value: string): string | null {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? toIsoWithOffset(date) : null;
}

/** A `date` input's day (`2026-11-30`) as the instant its local midnight is, plus `days`. */
export function localDayStart(day: string, days = 0): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days);
  return toIsoWithOffset(date);
}
