import { useQuery } from '@tanstack/react-query';
import { http } from './client';
import type { Municipality, Region } from './types';

export const queryKeys = {
  me: ['me'] as const,
  region: ['region'] as const,
  municipalities: ['municipalities'] as const,
};

/** The region's name, map centre and tiles. Changes rarely. */
export function useRegion() {
  return useQuery({
    queryKey: queryKeys.region,
    queryFn: ({ signal }) => http.get<Region>('/region', undefined, signal),
    staleTime: 60 * 60 * 1000,
  });
}

export function useMunicipalities() {
  return useQuery({
    queryKey: queryKeys.municipalities,
    queryFn: ({ signal }) => http.get<{ items: Municipality[] }>('/municipalities', undefined, signal),
    staleTime: 10 * 60 * 1000,
    select: (d) => d.items,
  });
}
