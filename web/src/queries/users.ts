import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { User } from '../api/api-types';
import { api, unwrap } from '../api/client';
import { queryKeys } from '../api/query-keys';

export function useUsers() {
  return useQuery({ queryKey: queryKeys.users, queryFn: () => unwrap(api.GET('/v1/users')) });
}

/** A user's name for display, falling back to the ID (e.g. a user the CRM has not sent yet). */
export function userName(users: readonly User[] | undefined, userId: string | null | undefined): string {
  if (!userId) return 'Unassigned';
  return users?.find((user) => user.id === userId)?.name ?? userId;
}

export function useZoomConnection(userId: string) {
  return useQuery({
    queryKey: queryKeys.zoomConnection(userId),
    queryFn: () => unwrap(api.GET('/v1/users/{userId}/integrations/zoom', { params: { path: { userId } } })),
  });
}

/** Asks the API for Zoom's authorize URL; the caller sends the browser there. */
export function useStartZoomConnection() {
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(
        api.POST('/v1/users/{userId}/integrations/zoom/authorize', {
          params: { path: { userId } },
          body: { returnTo: 'console' },
        }),
      ),
  });
}

export function useDisconnectZoom() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(api.DELETE('/v1/users/{userId}/integrations/zoom', { params: { path: { userId } } })),
    onSuccess: (_data, userId) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.zoomConnection(userId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.overview }),
      ]),
  });
}
