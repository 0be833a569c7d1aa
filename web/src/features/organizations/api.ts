import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { buildQuery, http } from '../../shared/api/client';
import type {
  ImportPreview,
  MapItem,
  Organization,
  OrganizationWithPermissions,
  CursorPage,
  Page,
} from '../../shared/api/types';

/** `relevance`: the best match first when there is a query, by name otherwise. */
export type SortKey = 'relevance' | 'name' | '-name' | 'updated';
export type ViewMode = 'list' | 'map' | 'split';

/** Registry filters as they live in the page URL (shareable, back button works). */
export interface RegistryFilters {
  q: string;
  kind: string | null;
  municipalityId: string | null;
  status: string | null;
  archived: boolean;
  sort: SortKey;
  page: number;
  /** Where the page starts, as the list's answer gave it (`next`/`previous`); `page` is then only shown, not sent. */
  cursor: string | null;
  view: ViewMode;
}

export const PAGE_SIZE = 20;

export function parseFilters(sp: URLSearchParams): RegistryFilters {
  const sort = sp.get('sort');
  const view = sp.get('view');
  const page = Number.parseInt(sp.get('page') ?? '1', 10);
  return {
    q: sp.get('q') ?? '',
    kind: sp.get('kind') || null,
    municipalityId: sp.get('municipalityId') || null,
    status: sp.get('status') || null,
    archived: sp.get('archived') === '1',
    sort: sort === 'name' || sort === '-name' || sort === 'updated' ? sort : 'relevance',
    page: Number.isFinite(page) && page > 0 ? page : 1,
    cursor: sp.get('cursor') || null,
    view: view === 'map' || view === 'split' ? view : 'list',
  };
}

/** Back into URL search params, leaving defaults out so links stay short. */
export function filtersToSearch(f: RegistryFilters): URLSearchParams {
  const sp = new URLSearchParams();
  if (f.q) sp.set('q', f.q);
  if (f.kind) sp.set('kind', f.kind);
  if (f.municipalityId) sp.set('municipalityId', f.municipalityId);
  if (f.status) sp.set('status', f.status);
  if (f.archived) sp.set('archived', '1');
  if (f.sort !== 'relevance') sp.set('sort', f.sort);
  if (f.cursor) sp.set('cursor', f.cursor);
  else if (f.page > 1) sp.set('page', String(f.page));
  if (f.view !== 'list') sp.set('view', f.view);
  return sp;
}

/** The filters the API understands (list, map and export share them). */
export function apiFilters(f: RegistryFilters) {
  return {
    q: f.q.trim() || undefined,
    kind: f.kind ?? undefined,
    municipalityId: f.municipalityId ?? undefined,
    status: f.status ?? undefined,
    state: f.archived ? 'all' : undefined,
  };
}

export function exportUrl(f: RegistryFilters, format: 'xlsx' | 'csv'): string {
  return `/api/organizations/export${buildQuery({ ...apiFilters(f), sort: f.sort, format })}`;
}

export const orgKeys = {
  all: ['organizations'] as const,
  list: (params: object) => ['organizations', 'list', params] as const,
  map: (params: object) => ['organizations', 'map', params] as const,
  one: (id: string) => ['organizations', 'one', id] as const,
  count: (params: object) => ['organizations', 'count', params] as const,
  import: (id: string) => ['organizations', 'import', id] as const,
};

/** One page of the registry: what the page shows and what its route loader asks for ahead of the page's chunk. */
export function organizationListQuery(f: RegistryFilters) {
  const params = { ...apiFilters(f), sort: f.sort, ...(f.cursor ? { cursor: f.cursor } : { page: f.page }), pageSize: PAGE_SIZE };
  return queryOptions({
    queryKey: orgKeys.list(params),
    queryFn: ({ signal }) => http.get<CursorPage<Organization>>('/organizations', params, signal),
  });
}

export function useOrganizationList(f: RegistryFilters) {
  return useQuery({ ...organizationListQuery(f), placeholderData: keepPreviousData });
}

export function useOrganizationMap(params: ReturnType<typeof apiFilters>, enabled = true) {
  return useQuery({
    queryKey: orgKeys.map(params),
    queryFn: ({ signal }) => http.get<{ items: MapItem[] }>('/organizations/map', params, signal),
    select: (d) => d.items,
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Only the total count for a filter (landing page figures). */
export function useOrganizationCount(params: Record<string, string | undefined>) {
  return useQuery({
    queryKey: orgKeys.count(params),
    queryFn: ({ signal }) =>
      http.get<Page<Organization>>('/organizations', { ...params, page: 1, pageSize: 1 }, signal),
    select: (d) => d.total,
  });
}

export function useOrganization(id: string) {
  return useQuery({
    queryKey: orgKeys.one(id),
    queryFn: ({ signal }) => http.get<OrganizationWithPermissions>(`/organizations/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export const orgApi = {
  create: (body: unknown) => http.post<Organization>('/organizations', body),
  update: (id: string, body: unknown) => http.patch<Organization>(`/organizations/${encodeURIComponent(id)}`, body),
  verify: (id: string, version: number) =>
    http.post<Organization>(`/organizations/${encodeURIComponent(id)}/verify`, { version }),
  archive: (id: string, version: number) =>
    http.post<Organization>(`/organizations/${encodeURIComponent(id)}/archive`, { version }),
  merge: (id: string, duplicateId: string) =>
    http.post<Organization>(`/organizations/${encodeURIComponent(id)}/merge`, { duplicateId }),
  search: (q: string, signal?: AbortSignal) =>
    http.get<Page<Organization>>('/organizations', { q, pageSize: 20 }, signal),
  uploadImport: (file: File) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return http.post<ImportPreview>('/organizations/imports', fd);
  },
  getImport: (id: string, signal?: AbortSignal) =>
    http.get<ImportPreview>(`/organizations/imports/${encodeURIComponent(id)}`, undefined, signal),
  commitImport: (id: string) => http.post<ImportPreview>(`/organizations/imports/${encodeURIComponent(id)}/commit`),
};
