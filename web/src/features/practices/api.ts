import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http } from '../../shared/api/client';
import { ADOPTION_BUCKETS, type AdoptionBucket, PRACTICE_SORTS, type PracticeAudience, type PracticeDetail, type PracticeLevel, type PracticeList, type PracticeSort, REVIEW_STATUSES, type ReviewStatus } from './types';

export const PRACTICE_PAGE_SIZE = 20;

/** The library's filters as they live in the page URL. */
export interface PracticeFilters {
  q: string;
  direction: string | null;
  level: PracticeLevel | null;
  audience: PracticeAudience | null;
  municipalityId: string | null;
  networkId: string | null;
  review: ReviewStatus | null;
  adoptions: AdoptionBucket | null;
  sort: PracticeSort;
  page: number;
  /** Where the page starts, as the list's answer gave it (`next`/`previous`); `page` is then only shown, not sent. */
  cursor: string | null;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null => (values.includes(value as T) ? (value as T) : null);

export function parsePracticeFilters(sp: URLSearchParams): PracticeFilters {
  const page = Number.parseInt(sp.get('page') ?? '', 10);
  return {
    q: sp.get('q') ?? '',
    direction: sp.get('direction'),
    level: sp.get('level') as PracticeLevel | null,
    audience: sp.get('audience') as PracticeAudience | null,
    municipalityId: sp.get('municipalityId'),
    networkId: sp.get('networkId'),
    review: oneOf(REVIEW_STATUSES, sp.get('review')),
    adoptions: oneOf(ADOPTION_BUCKETS, sp.get('adoptions')),
    sort: oneOf(PRACTICE_SORTS, sp.get('sort')) ?? 'relevance',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    cursor: sp.get('cursor') || null,
  };
}

export function practiceFiltersToSearch(f: PracticeFilters): URLSearchParams {
  const sp = new URLSearchParams();
  if (f.q) sp.set('q', f.q);
  if (f.direction) sp.set('direction', f.direction);
  if (f.level) sp.set('level', f.level);
  if (f.audience) sp.set('audience', f.audience);
  if (f.municipalityId) sp.set('municipalityId', f.municipalityId);
  if (f.networkId) sp.set('networkId', f.networkId);
  if (f.review) sp.set('review', f.review);
  if (f.adoptions) sp.set('adoptions', f.adoptions);
  if (f.sort !== 'relevance') sp.set('sort', f.sort);
  if (f.cursor) sp.set('cursor', f.cursor);
  else if (f.page > 1) sp.set('page', String(f.page));
  return sp;
}

export function usePracticeList(f: PracticeFilters) {
  // By cursor the page's number is only shown: the server takes one or the other.
  const { page: _page, ...asked } = Object.fromEntries(practiceFiltersToSearch(f));
  const params = { ...asked, ...(f.cursor ? {} : { page: String(f.page) }), pageSize: String(PRACTICE_PAGE_SIZE) };
  return useQuery({
    queryKey: ['practices', 'list', params],
    queryFn: ({ signal }) => http.get<PracticeList>('/practices', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePractice(id: string) {
  return useQuery({ queryKey: ['practices', 'one', id], queryFn: ({ signal }) => http.get<PracticeDetail>(`/practices/${encodeURIComponent(id)}`, undefined, signal) });
}
