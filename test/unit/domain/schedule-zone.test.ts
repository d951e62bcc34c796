/** Whose time zone a window without one is read in. */
import { scheduleZoneOf } from '../../../src/domain/schedule-zone';

test('the calendar’s zone first, then the assigned user’s, then UTC', () => {
  expect(scheduleZoneOf({ timezone: 'America/New_York' }, { timezone: 'Europe/Paris' })).toEqual({
    zone: 'America/New_York',
    source: 'calendar',
  });
  expect(scheduleZoneOf({ timezone: null }, { timezone: 'Europe/Paris' })).toEqual({
    zone: 'Europe/Paris',
    source: 'assigned_user',
  });
  expect(scheduleZoneOf({ timezone: null }, undefined)).toEqual({ zone: 'UTC', source: 'utc' });
  expect(scheduleZoneOf(undefined, undefined)).toEqual({ zone: 'UTC', source: 'utc' });
});
