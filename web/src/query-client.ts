/**
 * The one QueryClient. Any 401 from the API marks the session as gone, which sends the operator
 * to the sign-in page (see RequireSession): a cookie that expired mid-work is handled everywhere.
 */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isUnauthorized } from './api/api-error';
import { queryKeys } from './api/query-keys';

export function createQueryClient(): QueryClient {
  const signedOutOn = (error: unknown) => {
    if (isUnauthorized(error)) queryClient.setQueryData(queryKeys.session, null);
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: signedOutOn }),
    mutationCache: new MutationCache({ onError: signedOutOn }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // A 4xx will answer the same again; only a dropped connection or a 5xx is worth retrying.
        retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status < 500),
      },
    },
  });
  return queryClient;
}
