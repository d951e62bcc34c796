import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarInput } from '../api/api-types';
import { api, unwrap } from '../api/client';
import { queryKeys } from '../api/query-keys';

export function useCalendars() {
  return useQuery({ queryKey: queryKeys.calendars, queryFn: () => unwrap(api.GET('/v1/calendars')) });
}

export function useSaveCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ calendarId, body }: { calendarId: string; body: CalendarInput }) =>
      unwrap(api.PUT('/v1/calendars/{calendarId}', { params: { path: { calendarId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.calendars }),
  });
}
