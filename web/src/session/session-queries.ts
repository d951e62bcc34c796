import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isUnauthorized } from '../api/api-error';
import type { Session } from '../api/api-types';
import { api, unwrap } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** The session, or null when the cookie is missing or expired (the API answers 401). */
export function useSession() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: async (): Promise<Session | null> => {
      try {
        return await unwrap(api.GET('/v1/session'));
      } catch (error) {
        if (isUnauthorized(error)) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Exchanges the API key for the httpOnly session cookie; the key is not kept anywhere. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (apiKey: string) => unwrap(api.POST('/v1/session', { body: { apiKey } })),
    onSuccess: async () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
      await queryClient.invalidateQueries({ queryKey: queryKeys.session });
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/session')),
    onSettled: () => {
      // Whatever the answer, nothing of the previous session stays on screen.
      queryClient.clear();
      queryClient.setQueryData(queryKeys.session, null);
    },
  });
}
