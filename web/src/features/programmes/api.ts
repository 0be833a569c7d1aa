import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http } from '../../shared/api/client';
import type { Organization } from '../../shared/api/types';
import { orgKeys } from '../organizations/api';
import type { ProgrammeCatalogue, ProgrammeDetail, ProgrammePoints, ProgrammeDirection, ProgrammeKind, ProgrammeSummary } from './types';

const enc = encodeURIComponent;

export const programmeKeys = {
  all: ['programmes'] as const,
  catalogue: (params: object) => ['programmes', 'catalogue', params] as const,
  map: (params: object) => ['programmes', 'map', params] as const,
  one: (id: string) => ['programmes', 'one', id] as const,
  organization: (organizationId: string) => ['programmes', 'organization', organizationId] as const,
};

export type CatalogueView = 'list' | 'map';

/** Catalogue filters as they live in the page URL (shareable, the back button works). */
export interface CatalogueFilters {
  q: string;
  kind: ProgrammeKind | null;
  direction: ProgrammeDirection | null;
  grade: number | null;
  municipalityId: string | null;
  weekday: number | null;
  freeOnly: boolean;
  /** the school distances are measured from, and how far to look (km; null — any distance) */
  nearOrganizationId: string | null;
  maxKm: number | null;
  page: number;
  view: CatalogueView;
}

export const CATALOGUE_PAGE_SIZE = 20;
export const RADIUS_OPTIONS = [5, 10, 20, 50] as const;

const whole = (value: string | null, min: number, max: number) => {
  const n = value === null ? Number.NaN : Number.parseInt(value, 10);
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
};

export function parseCatalogueFilters(sp: URLSearchParams): CatalogueFilters {
  return {
    q: sp.get('q') ?? '',
    kind: (sp.get('kind') as ProgrammeKind | null) || null,
    direction: (sp.get('direction') as ProgrammeDirection | null) || null,
    grade: whole(sp.get('grade'), 0, 11),
    municipalityId: sp.get('municipalityId') || null,
    weekday: whole(sp.get('weekday'), 1, 7),
    freeOnly: sp.get('freeOnly') === 'true',
    nearOrganizationId: sp.get('near') || null,
    maxKm: whole(sp.get('maxKm'), 1, 2000),
    page: whole(sp.get('page'), 1, 100_000) ?? 1,
    view: sp.get('view') === 'map' ? 'map' : 'list',
  };
}

export function catalogueFiltersToSearch(f: CatalogueFilters): URLSearchParams {
  const sp = new URLSearchParams();
  if (f.q) sp.set('q', f.q);
  if (f.kind) sp.set('kind', f.kind);
  if (f.direction) sp.set('direction', f.direction);
  if (f.grade !== null) sp.set('grade', String(f.grade));
  if (f.municipalityId) sp.set('municipalityId', f.municipalityId);
  if (f.weekday !== null) sp.set('weekday', String(f.weekday));
  if (f.freeOnly) sp.set('freeOnly', 'true');
  if (f.nearOrganizationId) sp.set('near', f.nearOrganizationId);
  if (f.nearOrganizationId && f.maxKm !== null) sp.set('maxKm', String(f.maxKm));
  if (f.page > 1) sp.set('page', String(f.page));
  if (f.view !== 'list') sp.set('view', f.view);
  return sp;
}

/** The filters as the API takes them (the list and the map share them). */
function catalogueParams(f: CatalogueFilters) {
  return {
    q: f.q.trim() || undefined,
    kind: f.kind ?? undefined,
    direction: f.direction ?? undefined,
    grade: f.grade ?? undefined,
    municipalityId: f.municipalityId ?? undefined,
    weekday: f.weekday ?? undefined,
    freeOnly: f.freeOnly || undefined,
    nearOrganizationId: f.nearOrganizationId ?? undefined,
    maxKm: f.nearOrganizationId ? (f.maxKm ?? undefined) : undefined,
  };
}

export function useProgrammeCatalogue(f: CatalogueFilters) {
  const params = { ...catalogueParams(f), page: f.page, pageSize: CATALOGUE_PAGE_SIZE };
  return useQuery({
    queryKey: programmeKeys.catalogue(params),
    queryFn: ({ signal }) => http.get<ProgrammeCatalogue>('/programmes', params, signal),
    placeholderData: keepPreviousData,
  });
}

/** Where every programme the filters find takes place (the map view only asks: the list's answer has no points). */
export function useProgrammeMap(f: CatalogueFilters, enabled: boolean) {
  const params = catalogueParams(f);
  return useQuery({
    queryKey: programmeKeys.map(params),
    queryFn: ({ signal }) => http.get<ProgrammePoints>('/programmes/map', params, signal),
    select: (d) => d.points,
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useProgramme(id: string) {
  return useQuery({
    queryKey: programmeKeys.one(id),
    queryFn: ({ signal }) => http.get<ProgrammeDetail>(`/programmes/${enc(id)}`, undefined, signal),
  });
}

export function useOrganizationProgrammes(organizationId: string) {
  return useQuery({
    queryKey: programmeKeys.organization(organizationId),
    queryFn: ({ signal }) => http.get<{ items: ProgrammeSummary[]; canManage: boolean }>(`/organizations/${enc(organizationId)}/programmes`, undefined, signal),
  });
}

export const programmeApi = {
  create: (body: unknown) => http.post<ProgrammeDetail>('/programmes', body),
  update: (id: string, body: unknown) => http.patch<ProgrammeDetail>(`/programmes/${enc(id)}`, body),
  publish: (id: string, version: number) => http.post<ProgrammeDetail>(`/programmes/${enc(id)}/publish`, { version }),
  archive: (id: string, version: number) => http.post<ProgrammeDetail>(`/programmes/${enc(id)}/archive`, { version }),
};

/** The name of the school distances are measured from (the URL keeps only its id); shares the organisation card's cache. */
export function useSchoolName(organizationId: string | null) {
  return useQuery({
    queryKey: orgKeys.one(organizationId ?? ''),
    queryFn: ({ signal }) => http.get<Organization>(`/organizations/${enc(organizationId!)}`, undefined, signal),
    enabled: !!organizationId,
    select: (o) => o.shortName || o.fullName,
  });
}
