import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AppointmentPatch } from '../api/api-types';
import { api, unwrap } from '../api/client';
import { queryKeys, type AppointmentFilters } from '../api/query-keys';

export function useAppointmentList(filters: AppointmentFilters, pageSize: number) {
  return useQuery({
    queryKey: queryKeys.appointmentList(filters, pageSize),
    queryFn: () => unwrap(api.GET('/v1/appointments', { params: { query: { ...filters, pageSize } } })),
    placeholderData: (previous) => previous,
  });
}

export function useAppointment(appointmentId: string) {
  return useQuery({
    queryKey: queryKeys.appointment(appointmentId),
    queryFn: () => unwrap(api.GET('/v1/appointments/{appointmentId}', { params: { path: { appointmentId } } })),
    // The timeline grows as the workflow works (meeting created, messages sent): keep it current.
    refetchInterval: 15_000,
  });
}

export function useAppointmentMessages(appointmentId: string) {
  return useQuery({
    queryKey: queryKeys.appointmentMessages(appointmentId),
    queryFn: () =>
      unwrap(api.GET('/v1/appointments/{appointmentId}/messages', { params: { path: { appointmentId } } })),
    refetchInterval: 15_000,
  });
}

/** Reschedules, cancels or marks attendance; the answer is the new view. */
export function usePatchAppointment(appointmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: AppointmentPatch) =>
      unwrap(api.PATCH('/v1/appointments/{appointmentId}', { params: { path: { appointmentId } }, body: patch })),
    onSuccess: (view) => {
      queryClient.setQueryData(queryKeys.appointment(appointmentId), view);
      // The answer is the new view: the lists and figures catch up without holding the form.
      void queryClient.invalidateQueries({ queryKey: queryKeys.appointments });
      void queryClient.invalidateQueries({ queryKey: queryKeys.overview });
    },
  });
}
