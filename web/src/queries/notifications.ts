import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { queryKeys } from '../api/query-keys';

export function useNotifications(userId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.notifications(userId ?? ''),
    queryFn: () => unwrap(api.GET('/v1/users/{userId}/notifications', { params: { path: { userId: userId ?? '' } } })),
    enabled: Boolean(userId),
    // New notifications arrive as automations run: the unread count in the navigation follows.
    refetchInterval: 60_000,
  });
}

export function useMarkNotificationRead(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notificationId: string) =>
      unwrap(
        api.PATCH('/v1/users/{userId}/notifications/{notificationId}', {
          params: { path: { userId, notificationId } },
          body: { read: true },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications(userId) }),
  });
}
