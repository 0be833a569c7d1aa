import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { api, http } from '../../shared/api/client';
import type {
  AnswerAction,
  Exchange,
  ExchangeDirection,
  ExchangeListItem,
  ExchangePicture,
  ExchangeState,
  ExchangeSummary,
  ExchangeTerms,
  InventoryImportPreview,
  InventoryImportResult,
} from './types';

const enc = encodeURIComponent;

export const exchangeKeys = {
  all: ['exchanges'] as const,
  list: (params: object) => ['exchanges', 'list', params] as const,
  one: (id: string) => ['exchanges', 'one', id] as const,
  summary: (organizationId: string) => ['exchanges', 'summary', organizationId] as const,
  /** every exchange picture, of networks and municipalities alike */
  pictures: ['exchange-picture'] as const,
  picture: (scope: PictureScope, maxDistanceKm: string) => ['exchange-picture', scope.kind, scope.id, maxDistanceKm] as const,
};

/** Whose exchange picture: a network's members or every organisation of a municipality. */
export interface PictureScope {
  kind: ExchangePicture['scope']['kind'];
  id: string;
}

export interface ExchangeListParams {
  direction: ExchangeDirection;
  state: ExchangeState | null;
}

/** `enabled: false` holds the request back while the page is still choosing which list to open. */
export function useExchangeList(params: ExchangeListParams, enabled = true) {
  return useQuery({
    queryKey: exchangeKeys.list(params),
    queryFn: ({ signal }) => http.get<{ items: ExchangeListItem[] }>('/exchanges', { ...params }, signal),
    select: (d) => d.items,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useExchange(id: string) {
  return useQuery({
    queryKey: exchangeKeys.one(id),
    queryFn: ({ signal }) => http.get<Exchange>(`/exchanges/${enc(id)}`, undefined, signal),
  });
}

/**
 * Exchanges waiting for an answer from any of the given organisations: incoming requests and
 * counter-offers to the user's own requests (the nav badge and the tab badges).
 */
export function useAwaitingCounts(organizationIds: string[]): { incoming: number; outgoing: number; pending: boolean } {
  return useQueries({
    queries: organizationIds.map((id) => ({
      queryKey: exchangeKeys.summary(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => http.get<ExchangeSummary>(`/organizations/${enc(id)}/exchanges/summary`, undefined, signal),
      staleTime: 60_000,
      refetchInterval: 5 * 60_000,
    })),
    combine: (results) =>
      results.reduce(
        (sum, r) => ({ incoming: sum.incoming + (r.data?.incomingAwaiting ?? 0), outgoing: sum.outgoing + (r.data?.outgoingAwaiting ?? 0), pending: sum.pending || r.isPending }),
        { incoming: 0, outgoing: 0, pending: false as boolean },
      ),
  });
}

const pictureBase = { network: '/networks', municipality: '/municipalities' } as const;

/**
 * `maxDistanceKm` is a number of kilometres as text, or 'none' for no limit. A network's picture is
 * for signed-in users; a municipality's for its authority and the operator.
 */
export function useExchangePicture(scope: PictureScope, maxDistanceKm: string, enabled: boolean) {
  return useQuery({
    queryKey: exchangeKeys.picture(scope, maxDistanceKm),
    queryFn: ({ signal }) => http.get<ExchangePicture>(`${pictureBase[scope.kind]}/${enc(scope.id)}/exchange-picture`, { maxDistanceKm }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

type TermsInput = Partial<ExchangeTerms> & { message?: string };

/** Who asks whom for what: the offer, the organisation on whose behalf, the need it meets and the network to work in. */
export interface ExchangeRequestBody extends TermsInput {
  offerId: string;
  requesterOrganizationId: string;
  needId?: string;
  networkId?: string;
}

export const exchangeApi = {
  create: (body: ExchangeRequestBody) => http.post<Exchange>('/exchanges', body),
  answer: (id: string, body: TermsInput & { version: number; action: AnswerAction }) => http.post<Exchange>(`/exchanges/${enc(id)}/answer`, body),
  withdraw: (id: string, body: { version: number; message?: string }) => http.post<Exchange>(`/exchanges/${enc(id)}/withdraw`, body),
  complete: (id: string, body: { version: number; message?: string }) => http.post<Exchange>(`/exchanges/${enc(id)}/complete`, body),
  createAgreement: (id: string, networkId?: string) => http.post<{ documentId: string }>(`/exchanges/${enc(id)}/agreement`, { networkId }),
  plan: (id: string, planId: string) => http.post<{ planItemId: string }>(`/exchanges/${enc(id)}/plan`, { planId }),
};

function importInventory<T>(networkId: string, file: File, commit: boolean) {
  const fd = new FormData();
  fd.append('file', file, file.name);
  return api<T>(`/networks/${enc(networkId)}/inventory/import`, { method: 'POST', body: fd, query: { commit: commit ? 'true' : 'false' } });
}

export const inventoryTransferApi = {
  exportUrl: (networkId: string) => `/api/networks/${enc(networkId)}/inventory.xlsx`,
  checkFile: (networkId: string, file: File) => importInventory<InventoryImportPreview>(networkId, file, false),
  commitFile: (networkId: string, file: File) => importInventory<InventoryImportResult>(networkId, file, true),
};
