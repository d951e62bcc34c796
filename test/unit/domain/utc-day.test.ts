import { nextUtcMidnight, utcDay } from '../../../src/domain/utc-day';

describe('UTC days', () => {
  test('at exactly midnight the next midnight is a whole day later', () => {
    const midnight = new Date('2026-03-10T00:00:00.000Z');
    expect(nextUtcMidnight(midnight).toISOString()).toBe('2026-03-11T00:00:00.000Z');
    expect(utcDay(midnight)).toBe('2026-03-10');
  });

  test('a millisecond before the end of a day still belongs to it and resets a millisecond later', () => {
    const lastMoment = new Date('2026-03-10T23:59:59.999Z');
    expect(utcDay(lastMoment)).toBe('2026-03-10');
    expect(nextUtcMidnight(lastMoment).toISOString()).toBe('2026-03-11T00:00:00.000Z');
  });

  test('the end of a month and of a year roll over', () => {
    expect(nextUtcMidnight(new Date('2028-02-29T12:00:00.000Z')).toISOString()).toBe('2028-03-01T00:00:00.000Z');
    expect(nextUtcMidnight(new Date('2026-12-31T23:30:00.000Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  test('the day is the UTC day, whatever the offset the instant was written with', () => {
    const lateEvening = new Date('2026-03-10T23:30:00-05:00'); // 04:30 UTC the next day
    expect(utcDay(lateEvening)).toBe('2026-03-11');
    expect(nextUtcMidnight(lateEvening).toISOString()).toBe('2026-03-12T00:00:00.000Z');
  });
});
