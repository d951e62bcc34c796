/** Zoom's ways with time: UTC days for the daily limit, `yyyy-MM-ddTHH:mm:ssZ` on the wire. */

export const utcDay = (at: Date) => at.toISOString().slice(0, 10);
export const zoomTime = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');
export const nextUtcMidnight = (at: Date) =>
  new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));

/** `2026-03-10T15:00:00Z`, with an offset, or (a simplification) without one, read as UTC. */
export function parseStartTime(value: string): Date | undefined {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const at = new Date(hasZone ? value : `${value}Z`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
