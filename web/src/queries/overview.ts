import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { queryKeys } from '../api/query-keys';

export function useOverview() {
  return useQuery({
    queryKey: queryKeys.overview,
    queryFn: () => unwrap(api.GET('/v1/overview')),
    refetchInterval: 30_000,
  });
}
