import { QueryClient, type FetchQueryOptions, type QueryKey } from '@tanstack/react-query';
import { ApiError } from './client';

/** The app's one query cache: pages read it through hooks, route loaders (App.tsx) fill it ahead of a page's chunk. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // a 4xx will not change by asking again
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
    },
  },
});

/**
 * A route loader that asks for the page's data while its chunk is still on the way (a slow line pays each in turn
 * otherwise), with the very key and fetcher the page's hook uses, so the page finds it in the cache. Never waits:
 * the page shows its own loading and error states.
 */
export function prefetching<T, K extends QueryKey>(query: (url: URL) => FetchQueryOptions<T, Error, T, K>) {
  return ({ request }: { request: Request }) => {
    void queryClient.prefetchQuery(query(new URL(request.url)));
    return null;
  };
}
