import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/http.ts';

/** The app's query client: client errors (4xx) are final, other failures are retried twice. */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => {
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
        refetchOnWindowFocus: false,
      },
    },
  });
}
