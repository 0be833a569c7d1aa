import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../shared/api/client';
import type { Campaign, CampaignInput, CampaignSummary } from './types';

const enc = encodeURIComponent;

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: ['campaigns', 'list'] as const,
  one: (id: string) => ['campaigns', 'one', id] as const,
};

export function useCampaigns() {
  return useQuery({
    queryKey: campaignKeys.list,
    queryFn: ({ signal }) => http.get<{ items: CampaignSummary[] }>('/campaigns', undefined, signal),
    select: (d) => d.items,
  });
}

export function useCampaign(id: string) {
  return useQuery({
    queryKey: campaignKeys.one(id),
    queryFn: ({ signal }) => http.get<Campaign>(`/campaigns/${enc(id)}`, undefined, signal),
  });
}

/** Every change answers with the whole campaign: it replaces the cached one, and the list is refreshed. */
function useCampaignMutation<Input>(send: (input: Input) => Promise<Campaign>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (campaign) => {
      qc.setQueryData(campaignKeys.one(campaign.id), campaign);
      void qc.invalidateQueries({ queryKey: campaignKeys.list });
    },
  });
}

export const useCreateCampaign = () => useCampaignMutation((input: CampaignInput) => http.post<Campaign>('/campaigns', input));
export const useUpdateCampaign = (id: string) =>
  useCampaignMutation((input: Partial<CampaignInput> & { version: number }) => {
    const { organizerOrganizationId: _organizer, ...changes } = input;
    return http.patch<Campaign>(`/campaigns/${enc(id)}`, changes);
  });
export const useAddProgramme = (id: string) => useCampaignMutation((input: { programmeId: string; seats: number }) => http.post<Campaign>(`/campaigns/${enc(id)}/programmes`, input));
export const useRemoveProgramme = (id: string) => useCampaignMutation((programmeId: string) => http.del<Campaign>(`/campaigns/${enc(id)}/programmes/${enc(programmeId)}`));
export const useOpenCampaign = (id: string) => useCampaignMutation((version: number) => http.post<Campaign>(`/campaigns/${enc(id)}/open`, { version }));
export const useCancelCampaign = (id: string) => useCampaignMutation((version: number) => http.post<Campaign>(`/campaigns/${enc(id)}/cancel`, { version }));
export const useAllocateCampaign = (id: string) => useCampaignMutation((closeNow: boolean) => http.post<Campaign>(`/campaigns/${enc(id)}/allocate`, { closeNow }));

export function useSaveChoices(campaignId: string, childId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (programmeIds: string[]) => http.put<{ programmeIds: string[] }>(`/campaigns/${enc(campaignId)}/choices/${enc(childId)}`, { programmeIds }),
    onSuccess: () => qc.invalidateQueries({ queryKey: campaignKeys.one(campaignId) }),
  });
}

interface CandidateProgramme {
  id: string;
  title: string;
  capacity: number;
  seatsTaken: number;
  enrolmentMode: string;
  state: string;
  provider: { id: string; shortName: string };
}

/**
 * Programmes the organiser may add (the programmes area's API): published, seats given by campaign, of the
 * organising organisation — or, for a network's campaign, offered in that network.
 */
export function useCandidateProgrammes(campaign: { organizer: { id: string }; network: { id: string } | null }, enabled: boolean) {
  const networkId = campaign.network?.id;
  return useQuery({
    queryKey: ['campaigns', 'candidates', networkId ?? campaign.organizer.id],
    queryFn: ({ signal }) =>
      networkId
        ? http.get<{ items: CandidateProgramme[] }>('/programmes', { networkId, pageSize: 100 }, signal)
        : http.get<{ items: CandidateProgramme[] }>(`/organizations/${enc(campaign.organizer.id)}/programmes`, undefined, signal),
    select: (d) => d.items.filter((p) => p.enrolmentMode === 'campaign' && p.state === 'published'),
    enabled,
  });
}
