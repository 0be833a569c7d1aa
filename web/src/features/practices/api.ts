import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { buildQuery, http, uploadWithProgress } from '../../shared/api/client';
import { ADOPTION_BUCKETS, type AdoptionBucket, PRACTICE_SORTS, type PracticeAttachment, type PracticeAudience, type PracticeDetail, type PracticeInput, type PracticeLevel, type PracticeList, type PracticeSort, type PracticeVersion, REVIEW_STATUSES, type ReviewStatus } from './types';

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

const enc = encodeURIComponent;

export const practiceKeys = {
  all: ['practices'] as const,
  one: (id: string) => ['practices', 'one', id] as const,
  version: (id: string, versionId: string) => ['practices', 'one', id, 'version', versionId] as const,
  directions: ['practices', 'directions'] as const,
};

export function usePractice(id: string) {
  return useQuery({ queryKey: practiceKeys.one(id), queryFn: ({ signal }) => http.get<PracticeDetail>(`/practices/${enc(id)}`, undefined, signal) });
}

/** One version of a practice (a draft, a submitted or a superseded one), for those who work on it. */
export function usePracticeVersion(id: string, versionId: string | null) {
  return useQuery({
    queryKey: practiceKeys.version(id, versionId ?? ''),
    queryFn: ({ signal }) => http.get<PracticeVersion>(`/practices/${enc(id)}/versions/${enc(versionId!)}`, undefined, signal),
    enabled: !!versionId,
  });
}

/** The directions the region's networks work in: a practice's direction is one of them. */
export function usePracticeDirections() {
  return useQuery({
    queryKey: practiceKeys.directions,
    queryFn: ({ signal }) => http.get<{ direction: string; networks: number }[]>('/practices/directions', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/** Every write of the library; each answers with the card as it now is (an attachment with itself). */
export const practiceApi = {
  create: (input: PracticeInput) => http.post<PracticeDetail>('/practices', input),
  update: (id: string, changes: Partial<PracticeInput> & { version: number }) => http.patch<PracticeDetail>(`/practices/${enc(id)}`, changes),
  submit: (id: string, version: number) => http.post<PracticeDetail>(`/practices/${enc(id)}/submit`, { version }),
  publish: (id: string, version: number) => http.post<PracticeDetail>(`/practices/${enc(id)}/publish`, { version }),
  archive: (id: string, version: number) => http.post<PracticeDetail>(`/practices/${enc(id)}/archive`, { version }),
  addLink: (id: string, link: { kind: 'link' | 'video'; title: string; url: string }) => http.post<PracticeAttachment>(`/practices/${enc(id)}/attachments`, link),
  uploadFile: (id: string, file: File, title: string, onProgress: (fraction: number) => void) => {
    const form = new FormData();
    // The title goes first: the server reads the fields that come before the file.
    if (title.trim()) form.append('title', title.trim());
    form.append('file', file);
    return uploadWithProgress<PracticeAttachment>(`/practices/${enc(id)}/attachments/files`, form, onProgress);
  },
  removeAttachment: (attachmentId: string) => http.del<void>(`/practice-attachments/${enc(attachmentId)}`),
};

/** Where the exports are downloaded from (plain links: the browser saves the file). */
export const practiceExports = {
  card: (id: string, format: 'docx' | 'pdf') => `/api/practices/${enc(id)}/export?format=${format}`,
  library: (f: PracticeFilters) => {
    // The whole result from its start, in the order chosen: no page, no cursor.
    const { page: _page, cursor: _cursor, ...rest } = Object.fromEntries(practiceFiltersToSearch(f));
    return `/api/practices/export.pdf${buildQuery(rest)}`;
  },
  network: (networkId: string) => `/api/networks/${enc(networkId)}/practices/export.pdf`,
};
