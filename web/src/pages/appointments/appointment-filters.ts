import type { AppointmentStatus } from '../../api/api-types';
import type { AppointmentFilters } from '../../api/query-keys';
import { localDayStart } from '../../format/date-time';

/** The list's filters live in the URL, so a filtered list can be bookmarked, shared and reloaded. */
export const FILTER_PARAMS = ['hostUserId', 'calendarId', 'status', 'from', 'to'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

export const APPOINTMENT_STATUSES = [
  'new',
  'confirmed',
  'cancelled',
  'showed',
  'noshow',
  'invalid',
] as const satisfies readonly AppointmentStatus[];

function isStatus(value: string | null): value is AppointmentStatus {
  return (APPOINTMENT_STATUSES as readonly (string | null)[]).includes(value);
}

/**
 * The API's query from the URL's: `from`/`to` are days in the URL (readable) and instants for the
 * API, from the start of `from` to the end of `to` in the viewer's time zone.
 */
export function apiFilters(params: URLSearchParams): AppointmentFilters {
  const filters: AppointmentFilters = {};
  const hostUserId = params.get('hostUserId');
  const calendarId = params.get('calendarId');
  const status = params.get('status');
  const from = localDayStart(params.get('from') ?? '');
  const to = localDayStart(params.get('to') ?? '', 1);
  const pageToken = params.get('pageToken');
  if (hostUserId) filters.hostUserId = hostUserId;
  if (calendarId) filters.calendarId = calendarId;
  if (isStatus(status)) filters.status = status;
  if (from) filters.from = from;
  if (to) filters.to = to;
  if (pageToken) filters.pageToken = pageToken;
  return filters;
}
