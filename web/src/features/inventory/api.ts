import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http } from '../../shared/api/client';
import type { CataloguePage, Inventory, InventoryKind, Need, Offer, ResourceCategory, SuggestionsResponse } from './types';

const enc = encodeURIComponent;

export const inventoryKeys = {
  all: ['inventory'] as const,
  organization: (organizationId: string, archived: boolean) => ['inventory', 'organization', organizationId, archived] as const,
  catalogue: (params: object) => ['inventory', 'catalogue', params] as const,
  suggestions: (needId: string, params: object) => ['inventory', 'suggestions', needId, params] as const,
};

export function fetchInventory(organizationId: string, archived: boolean, signal?: AbortSignal) {
  return http.get<Inventory>(`/organizations/${enc(organizationId)}/inventory`, { archived: archived || undefined }, signal);
}

export function useInventory(organizationId: string, archived = false) {
  return useQuery({
    queryKey: inventoryKeys.organization(organizationId, archived),
    queryFn: ({ signal }) => fetchInventory(organizationId, archived, signal),
    placeholderData: keepPreviousData,
  });
}

/** Catalogue filters as they live in the page URL. */
export interface CatalogueFilters {
  q: string;
  category: ResourceCategory | null;
  municipalityId: string | null;
  conditions: string | null;
  page: number;
}

export const CATALOGUE_PAGE_SIZE = 20;

export function parseCatalogueFilters(sp: URLSearchParams): CatalogueFilters {
  const page = Number.parseInt(sp.get('page') ?? '1', 10);
  return {
    q: sp.get('q') ?? '',
    category: (sp.get('category') as ResourceCategory | null) || null,
    municipalityId: sp.get('municipalityId') || null,
    conditions: sp.get('conditions') || null,
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export function catalogueFiltersToSearch(f: CatalogueFilters): URLSearchParams {
  const sp = new URLSearchParams();
  if (f.q) sp.set('q', f.q);
  if (f.category) sp.set('category', f.category);
  if (f.municipalityId) sp.set('municipalityId', f.municipalityId);
  if (f.conditions) sp.set('conditions', f.conditions);
  if (f.page > 1) sp.set('page', String(f.page));
  return sp;
}

/** The most offers the server returns at once; the catalogue's map shows the organisations of this many. */
export const CATALOGUE_MAP_SIZE = 100;

function catalogueQuery(f: CatalogueFilters, page: number, pageSize: number) {
  const params = {
    q: f.q.trim() || undefined,
    category: f.category ?? undefined,
    municipalityId: f.municipalityId ?? undefined,
    conditions: f.conditions ?? undefined,
    page,
    pageSize,
  };
  return {
    queryKey: inventoryKeys.catalogue(params),
    queryFn: ({ signal }: { signal: AbortSignal }) => http.get<CataloguePage>('/offers', params, signal),
    placeholderData: keepPreviousData,
  };
}

export function useCatalogue(f: CatalogueFilters) {
  return useQuery(catalogueQuery(f, f.page, CATALOGUE_PAGE_SIZE));
}

/** The first offers of the whole result (not only the page shown), for the map of who offers them. */
export function useCatalogueMap(f: CatalogueFilters) {
  return useQuery(catalogueQuery(f, 1, CATALOGUE_MAP_SIZE));
}

/** The distance choices of the suggestions page; 'none' lifts the limit. */
export const DISTANCE_CHOICES = ['10', '30', '50', '100', 'none'] as const;
export type DistanceChoice = (typeof DISTANCE_CHOICES)[number];
export const DEFAULT_DISTANCE: DistanceChoice = '50';

export function useSuggestions(needId: string, maxDistanceKm: DistanceChoice, sameNetworkOnly: boolean) {
  const params = { maxDistanceKm, sameNetworkOnly, limit: 20 };
  return useQuery({
    queryKey: inventoryKeys.suggestions(needId, params),
    queryFn: ({ signal }) => http.get<SuggestionsResponse>(`/needs/${enc(needId)}/suggestions`, params, signal),
    placeholderData: keepPreviousData,
  });
}

const collection = (kind: InventoryKind) => (kind === 'offer' ? 'offers' : 'needs');

export const inventoryApi = {
  create: (kind: InventoryKind, organizationId: string, body: object) =>
    http.post<Offer | Need>(`/organizations/${enc(organizationId)}/${collection(kind)}`, body),
  update: (kind: InventoryKind, id: string, body: object) => http.patch<Offer | Need>(`/${collection(kind)}/${enc(id)}`, body),
  archive: (kind: InventoryKind, id: string, version: number) =>
    http.post<Offer | Need>(`/${collection(kind)}/${enc(id)}/archive`, { version }),
  restore: (kind: InventoryKind, id: string, version: number) =>
    http.post<Offer | Need>(`/${collection(kind)}/${enc(id)}/restore`, { version }),
};
