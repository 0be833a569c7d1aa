import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, http } from '../../shared/api/client';
import type {
  Council,
  CouncilCandidate,
  CouncilMember,
  Election,
  Decision,
  DocumentListItem,
  DocumentPartyChoices,
  DocumentTemplate,
  DocumentVerification,
  LaunchPath,
  Meeting,
  MeetingListItem,
  Network,
  NetworkDetail,
  NetworkDocument,
  NetworkKind,
  NetworkListItem,
  NetworkMember,
  Plan,
  PlanImportPreview,
  PlanItem,
  PlanListItem,
  VoteChoice,
} from './types';

export interface NetworkFilters {
  q: string;
  kind: NetworkKind | null;
  municipalityId: string | null;
}

export function parseNetworkFilters(sp: URLSearchParams): NetworkFilters {
  return {
    q: sp.get('q') ?? '',
    kind: (sp.get('kind') as NetworkKind | null) || null,
    municipalityId: sp.get('municipalityId') || null,
  };
}

export function networkFiltersToSearch(f: NetworkFilters): URLSearchParams {
  const sp = new URLSearchParams();
  if (f.q) sp.set('q', f.q);
  if (f.kind) sp.set('kind', f.kind);
  if (f.municipalityId) sp.set('municipalityId', f.municipalityId);
  return sp;
}

const enc = encodeURIComponent;

export const networkKeys = {
  all: ['networks'] as const,
  list: (params: object) => ['networks', 'list', params] as const,
  one: (id: string) => ['networks', 'one', id] as const,
  launchPath: (id: string) => ['networks', 'launch-path', id] as const,
  council: (id: string) => ['networks', 'council', id] as const,
  candidates: (id: string) => ['networks', 'council-candidates', id] as const,
  elections: (id: string) => ['networks', 'council-elections', id] as const,
  meetings: (id: string) => ['networks', 'meetings', id] as const,
  meeting: (id: string) => ['networks', 'meeting', id] as const,
  documents: (id: string) => ['networks', 'documents', id] as const,
  document: (id: string) => ['networks', 'document', id] as const,
  templates: ['document-templates'] as const,
  plans: (id: string) => ['networks', 'plans', id] as const,
  plan: (id: string) => ['networks', 'plan', id] as const,
};

type ListParams = { q?: string; kind?: string; municipalityId?: string; organizationId?: string };

export function useNetworkList(params: ListParams, enabled = true) {
  return useQuery({
    queryKey: networkKeys.list(params),
    queryFn: ({ signal }) => http.get<{ items: NetworkListItem[] }>('/networks', params, signal),
    select: (d) => d.items,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useNetwork(id: string) {
  return useQuery({
    queryKey: networkKeys.one(id),
    queryFn: ({ signal }) => http.get<NetworkDetail>(`/networks/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useLaunchPath(id: string) {
  return useQuery({
    queryKey: networkKeys.launchPath(id),
    queryFn: ({ signal }) => http.get<LaunchPath>(`/networks/${encodeURIComponent(id)}/launch-path`, undefined, signal),
  });
}


export interface MemberProposal {
  organizationId: string;
  role: string;
  message?: string;
}

export const networkApi = {
  create: (body: unknown) => http.post<Network>('/networks', body),
  update: (id: string, body: unknown) => http.patch<Network>(`/networks/${enc(id)}`, body),
  invite: (id: string, body: MemberProposal) => http.post<NetworkMember>(`/networks/${enc(id)}/invitations`, body),
  request: (id: string, body: MemberProposal) => http.post<NetworkMember>(`/networks/${enc(id)}/requests`, body),
  accept: (memberId: string) => http.post<NetworkMember>(`/network-members/${enc(memberId)}/accept`),
  decline: (memberId: string) => http.post<NetworkMember>(`/network-members/${enc(memberId)}/decline`),
  leave: (memberId: string) => http.post<NetworkMember>(`/network-members/${enc(memberId)}/leave`),
  markStep: (id: string, step: string, body: { done: boolean; note?: string }) =>
    http.put<LaunchPath>(`/networks/${enc(id)}/launch-path/${enc(step)}`, body),
  launch: (id: string) => http.post<unknown>(`/networks/${enc(id)}/launch`),
  adaptPath: (id: string, body: { revision: number; steps: { key?: string; title?: string }[]; reason?: string }) =>
    http.put<LaunchPath>(`/networks/${enc(id)}/launch-path`, body),
};

// ── Council ──

export function useCouncil(networkId: string) {
  return useQuery({
    queryKey: networkKeys.council(networkId),
    queryFn: ({ signal }) => http.get<Council>(`/networks/${enc(networkId)}/council`, undefined, signal),
  });
}

export function useCouncilCandidates(networkId: string, enabled: boolean) {
  return useQuery({
    queryKey: networkKeys.candidates(networkId),
    queryFn: ({ signal }) => http.get<{ items: CouncilCandidate[] }>(`/networks/${enc(networkId)}/council/candidates`, undefined, signal),
    select: (d) => d.items,
    enabled,
  });
}

export function useElections(networkId: string) {
  return useQuery({
    queryKey: networkKeys.elections(networkId),
    queryFn: ({ signal }) => http.get<{ items: Election[]; permissions: { canCreate: boolean } }>(`/networks/${enc(networkId)}/council/elections`, undefined, signal),
  });
}

export function useMeetings(networkId: string) {
  return useQuery({
    queryKey: networkKeys.meetings(networkId),
    queryFn: ({ signal }) => http.get<{ items: MeetingListItem[] }>(`/networks/${enc(networkId)}/meetings`, undefined, signal),
    select: (d) => d.items,
  });
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: networkKeys.meeting(id),
    queryFn: ({ signal }) => http.get<Meeting>(`/meetings/${enc(id)}`, undefined, signal),
  });
}

export const councilApi = {
  addMember: (networkId: string, body: unknown) => http.post<CouncilMember>(`/networks/${enc(networkId)}/council/members`, body),
  removeMember: (id: string) => http.del<void>(`/council-members/${enc(id)}`),
  updateMember: (id: string, body: { role?: string; voting?: boolean }) => http.patch<CouncilMember>(`/council-members/${enc(id)}`, body),
  inviteMember: (id: string, email: string) => http.post<CouncilMember>(`/council-members/${enc(id)}/invitation`, { email }),
  createElection: (networkId: string, body: { title: string; seats: number }) => http.post<Election>(`/networks/${enc(networkId)}/council/elections`, body),
  nominate: (electionId: string, body: unknown) => http.post<unknown>(`/council-elections/${enc(electionId)}/nominations`, body),
  withdrawNomination: (id: string) => http.del<void>(`/council-nominations/${enc(id)}`),
  openElection: (id: string) => http.post<Election>(`/council-elections/${enc(id)}/open`),
  castBallot: (id: string, nominationIds: string[], organizationId?: string) => http.post<Election>(`/council-elections/${enc(id)}/ballots`, { nominationIds, organizationId }),
  closeElection: (id: string) => http.post<Election>(`/council-elections/${enc(id)}/close`),
  cancelElection: (id: string) => http.post<Election>(`/council-elections/${enc(id)}/cancel`),
  schedule: (networkId: string, body: unknown) => http.post<Meeting>(`/networks/${enc(networkId)}/meetings`, body),
  attendance: (meetingId: string, entries: { councilMemberId: string; attended: boolean }[]) =>
    http.post<Meeting>(`/meetings/${enc(meetingId)}/attendance`, { entries }),
  hold: (meetingId: string) => http.post<Meeting>(`/meetings/${enc(meetingId)}/hold`),
  cancel: (meetingId: string) => http.post<Meeting>(`/meetings/${enc(meetingId)}/cancel`),
  editMinutes: (meetingId: string, minutes: string, minutesVersion: number) =>
    http.put<Meeting>(`/meetings/${enc(meetingId)}/minutes`, { minutes, minutesVersion }),
  approve: (meetingId: string, minutesVersion: number) => http.post<Meeting>(`/meetings/${enc(meetingId)}/approve`, { minutesVersion }),
  addDecision: (meetingId: string, body: { title: string; text: string }) => http.post<Decision>(`/meetings/${enc(meetingId)}/decisions`, body),
  openVoting: (decisionId: string) => http.post<Decision>(`/decisions/${enc(decisionId)}/open`),
  closeVoting: (decisionId: string) => http.post<Decision>(`/decisions/${enc(decisionId)}/close`),
  vote: (decisionId: string, choice: VoteChoice, organizationId?: string) =>
    http.post<Decision>(`/decisions/${enc(decisionId)}/votes`, { choice, organizationId }),
  changeVote: (decisionId: string, organizationId: string, choice: VoteChoice) =>
    http.put<Decision>(`/decisions/${enc(decisionId)}/votes/${enc(organizationId)}`, { choice }),
  /** Changes the vote cast through the caller's own seat (works under both vote units). */
  changeMyVote: (decisionId: string, choice: VoteChoice) => http.put<Decision>(`/decisions/${enc(decisionId)}/my-vote`, { choice }),
};

// ── Documents ──

export function useDocuments(networkId: string) {
  return useQuery({
    queryKey: networkKeys.documents(networkId),
    queryFn: ({ signal }) => http.get<{ items: DocumentListItem[]; canCreate: boolean }>(`/networks/${enc(networkId)}/documents`, undefined, signal),
  });
}

export function useDocument(id: string) {
  return useQuery({
    queryKey: networkKeys.document(id),
    queryFn: ({ signal }) => http.get<NetworkDocument>(`/documents/${enc(id)}`, undefined, signal),
  });
}

export function useDocumentTemplates(enabled: boolean) {
  return useQuery({
    queryKey: networkKeys.templates,
    queryFn: ({ signal }) => http.get<{ items: DocumentTemplate[] }>('/document-templates', undefined, signal),
    select: (d) => d.items,
    staleTime: 60 * 60 * 1000,
    enabled,
  });
}

/** Who may be a party of a new document of the network: its organisations and the authorities of its territory. */
export function useDocumentParties(networkId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['networks', 'document-parties', networkId] as const,
    queryFn: ({ signal }) => http.get<DocumentPartyChoices>(`/networks/${enc(networkId)}/document-parties`, undefined, signal),
    enabled,
  });
}

type ReadVersion = { versionId: string; sha256: string };

export const documentApi = {
  get: (id: string) => http.get<NetworkDocument>(`/documents/${enc(id)}`),
  create: (
    networkId: string,
    body: { kind: string; title?: string; partyOrganizationIds?: string[]; authorityOrganizationId?: string; baseSchoolOrganizationId?: string; annexPlanId?: string; annexItemIds?: string[] },
  ) => http.post<NetworkDocument>(`/networks/${enc(networkId)}/documents`, body),
  update: (id: string, body: ReadVersion & { title?: string; body?: string; refreshAnnex?: boolean }) => http.patch<NetworkDocument>(`/documents/${enc(id)}`, body),
  send: (id: string, read: ReadVersion) => http.post<NetworkDocument>(`/documents/${enc(id)}/send`, read),
  sign: (id: string, body: ReadVersion & { password: string; organizationId?: string }) => http.post<NetworkDocument>(`/documents/${enc(id)}/sign`, body),
  accession: (id: string, organizationId: string) => http.post<NetworkDocument>(`/documents/${enc(id)}/accessions`, { organizationId }),
  verify: (id: string) => http.get<DocumentVerification>(`/documents/${enc(id)}/verification`),
  exportUrl: (id: string, format: 'docx' | 'pdf') => `/api/documents/${enc(id)}/export?format=${format}`,
};

// ── Plans ──

export function usePlans(networkId: string) {
  return useQuery({
    queryKey: networkKeys.plans(networkId),
    queryFn: ({ signal }) => http.get<{ items: PlanListItem[] }>(`/networks/${enc(networkId)}/plans`, undefined, signal),
    select: (d) => d.items,
  });
}

export function usePlan(id: string | null) {
  return useQuery({
    queryKey: networkKeys.plan(id ?? ''),
    queryFn: ({ signal }) => http.get<Plan>(`/plans/${enc(id!)}`, undefined, signal),
    enabled: !!id,
  });
}

export const planApi = {
  get: (id: string) => http.get<Plan>(`/plans/${enc(id)}`),
  create: (networkId: string, body: unknown) => http.post<{ id: string }>(`/networks/${enc(networkId)}/plans`, body),
  update: (id: string, body: unknown) => http.patch<unknown>(`/plans/${enc(id)}`, body),
  remove: (id: string) => http.del<void>(`/plans/${enc(id)}`),
  addItem: (planId: string, body: unknown) => http.post<PlanItem>(`/plans/${enc(planId)}/items`, body),
  updateItem: (id: string, body: unknown) => http.patch<PlanItem>(`/plan-items/${enc(id)}`, body),
  moveItem: (id: string, body: { parentId?: string | null; position?: number }) => http.post<Plan>(`/plan-items/${enc(id)}/move`, body),
  removeItem: (id: string) => http.del<{ deleted: number }>(`/plan-items/${enc(id)}`),
  importFile: (planId: string, file: File, mode: 'append' | 'replace', commit: boolean) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return api<PlanImportPreview>(`/plans/${enc(planId)}/import`, { method: 'POST', body: fd, query: { mode, commit: commit ? 'true' : undefined } });
  },
  exportUrl: (id: string, format: 'xlsx' | 'docx') => `/api/plans/${enc(id)}/export?format=${format}`,
};
