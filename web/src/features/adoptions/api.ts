import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../shared/api/client';
import type { Adoption, AdoptionFigure, NetworkTransfer, PracticeAdoptions } from './types';

export const adoptionKeys = {
  ofPractice: (practiceId: string) => ['practices', 'adoptions', practiceId] as const,
  ofNetwork: (networkId: string) => ['networks', 'practice-transfers', networkId] as const,
};

export function usePracticeAdoptions(practiceId: string) {
  return useQuery({
    queryKey: adoptionKeys.ofPractice(practiceId),
    queryFn: ({ signal }) => http.get<PracticeAdoptions>(`/practices/${encodeURIComponent(practiceId)}/adoptions`, undefined, signal),
  });
}

export function useNetworkTransfers(networkId: string) {
  return useQuery({
    queryKey: adoptionKeys.ofNetwork(networkId),
    queryFn: ({ signal }) => http.get<{ transfers: NetworkTransfer[] }>(`/networks/${encodeURIComponent(networkId)}/practice-transfers`, undefined, signal),
  });
}

export interface AdoptionBody {
  organizationId: string;
  startedOn: string;
  changes: string;
  needIds: string[];
}

export interface ResultsBody {
  version: number;
  results: string;
  resultsOn: string;
  figures: AdoptionFigure[];
}

/** Writes refresh the card's list and the practice itself (its adoption count). */
export function useAdoptionWrites(practiceId: string) {
  const qc = useQueryClient();
  const onSuccess = () => void qc.invalidateQueries({ queryKey: ['practices'] });
  return {
    record: useMutation({ mutationFn: (body: AdoptionBody) => http.post<Adoption>(`/practices/${encodeURIComponent(practiceId)}/adoptions`, body), onSuccess }),
    results: useMutation({ mutationFn: ({ id, ...body }: ResultsBody & { id: string }) => http.post<Adoption>(`/practice-adoptions/${encodeURIComponent(id)}/results`, body), onSuccess }),
  };
}
