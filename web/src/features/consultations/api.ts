import { useQuery } from '@tanstack/react-query';
import { http } from '../../shared/api/client';
import type { Consultant, Consultation, ConsultationFormat, NetworkConsultations } from './types';

const enc = encodeURIComponent;

export const consultationKeys = {
  all: ['consultations'] as const,
  list: ['consultations', 'list'] as const,
  one: (id: string) => ['consultations', 'one', id] as const,
  consultants: (organizationId: string) => ['consultations', 'consultants', organizationId] as const,
  network: (networkId: string) => ['consultations', 'network', networkId] as const,
};

export const useConsultations = () =>
  useQuery({ queryKey: consultationKeys.list, queryFn: ({ signal }) => http.get<Consultation[]>('/consultations', undefined, signal) });

export const useConsultation = (id: string) =>
  useQuery({ queryKey: consultationKeys.one(id), queryFn: ({ signal }) => http.get<Consultation>(`/consultations/${enc(id)}`, undefined, signal) });

export const useConsultants = (organizationId: string | null) =>
  useQuery({
    queryKey: consultationKeys.consultants(organizationId ?? ''),
    queryFn: ({ signal }) => http.get<Consultant[]>(`/organizations/${enc(organizationId!)}/consultants`, undefined, signal),
    enabled: !!organizationId,
  });

export const useNetworkConsultations = (networkId: string) =>
  useQuery({ queryKey: consultationKeys.network(networkId), queryFn: ({ signal }) => http.get<NetworkConsultations>(`/networks/${enc(networkId)}/consultations`, undefined, signal) });

export interface ConsultationRequestBody {
  requesterOrganizationId: string;
  consultantOrganizationId: string;
  topic: string;
  details?: string;
  format?: ConsultationFormat;
}

export const consultationApi = {
  request: (body: ConsultationRequestBody) => http.post<Consultation>('/consultations', body),
  propose: (id: string, slots: { startsAt: string; endsAt: string; place?: string }[]) => http.post<Consultation>(`/consultations/${enc(id)}/slots`, { slots }),
  accept: (id: string, slotId: string) => http.post<Consultation>(`/consultations/${enc(id)}/accept`, { slotId }),
  decline: (id: string, reason: string) => http.post<Consultation>(`/consultations/${enc(id)}/decline`, { reason }),
  cancel: (id: string, reason: string) => http.post<Consultation>(`/consultations/${enc(id)}/cancel`, { reason }),
};
