import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http } from '../../shared/api/client';
import type { PracticeAudience, PracticeDetail, PracticeLevel, PracticeList } from './types';

export const PRACTICE_PAGE_SIZE = 20;

/** The library's filters as they live in the page URL. */
export interface PracticeFilters {
  q: string;
  direction: string | null;
  level: PracticeLevel | null;
  audience: PracticeAudience | null;
  municipalityId: string | null;
  page: number;
}

export function parsePracticeFilters(sp: URLSearchParams): PracticeFilters {
  const page = Number.parseInt(sp.get('page') ?? '', 10);
  return {
    q: sp.get('q') ?? '',
    direction: sp.get('direction'),
    level: sp.get('level') as PracticeLevel | null,
    audience: sp.get('audience') as PracticeAudience | null,
    municipalityId: sp.get('municipalityId'),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function practiceFiltersToSearch(f: PracticeFilters): URLSearchParams {
  const sp = new URLSearchParams();
  if (f.q) sp.set('q', f.q);
  if (f.direction) sp.set('direction', f.direction);
  if (f.level) sp.set('level', f.level);
  if (f.audience) sp.set('audience', f.audience);
  if (f.municipalityId) sp.set('municipalityId', f.municipalityId);
  if (f.page > 1) sp.set('page', String(f.page));
  return sp;
}

export function usePracticeList(f: PracticeFilters) {
  const params = { ...Object.fromEntries(practiceFiltersToSearch(f)), pageSize: String(PRACTICE_PAGE_SIZE) };
  return useQuery({
    queryKey: ['practices', 'list', params],
    queryFn: ({ signal }) => http.get<PracticeList>('/practices', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePractice(id: string) {
  return useQuery({ queryKey: ['practices', 'one', id], queryFn: ({ signal }) => http.get<PracticeDetail>(`/practices/${encodeURIComponent(id)}`, undefined, signal) });
}
