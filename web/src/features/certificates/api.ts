import { useQuery } from '@tanstack/react-query';
import { http } from '../../shared/api/client';

const enc = encodeURIComponent;

export interface Certificate {
  id: string;
  number: string;
  verificationCode: string;
  sourceKind: 'event';
  sourceId: string;
  recipientName: string;
  child: boolean;
  role: 'participant' | 'speaker';
  title: string;
  heldFrom: string;
  heldTo: string;
  issuerName: string;
  issuedAt: string;
  revokedAt: string | null;
  revokeReason: string;
  version: number;
}

export interface VerifiedCertificate {
  number: string;
  recipientName: string;
  role: 'participant' | 'speaker';
  title: string;
  heldFrom: string;
  heldTo: string;
  issuerName: string;
  issuedOn: string;
  valid: boolean;
  revokedOn: string | null;
}

export const certificateKeys = {
  event: (eventId: string) => ['certificates', 'event', eventId] as const,
  mine: ['certificates', 'mine'] as const,
  verify: (code: string) => ['certificates', 'verify', code] as const,
};

export const useEventCertificates = (eventId: string) =>
  useQuery({ queryKey: certificateKeys.event(eventId), queryFn: ({ signal }) => http.get<{ items: Certificate[]; waiting: number }>(`/events/${enc(eventId)}/certificates`, undefined, signal) });

export const useMyCertificates = () => useQuery({ queryKey: certificateKeys.mine, queryFn: ({ signal }) => http.get<{ items: Certificate[] }>('/certificates/mine', undefined, signal), select: (d) => d.items });

export const useVerification = (code: string | undefined) =>
  useQuery({
    queryKey: certificateKeys.verify(code ?? ''),
    queryFn: ({ signal }) => http.get<VerifiedCertificate>(`/certificates/verify/${enc(code!)}`, undefined, signal),
    enabled: !!code,
    retry: false,
  });

export const certificateApi = {
  issue: (eventId: string) => http.post<{ issued: number; recipients: number }>(`/events/${enc(eventId)}/certificates`),
  revoke: (id: string, reason: string, version: number) => http.post<Certificate>(`/certificates/${enc(id)}/revoke`, { reason, version }),
};

export const pdfUrl = (id: string) => `/api/certificates/${enc(id)}/pdf`;
export const printedCode = (code: string) => code.match(/.{1,4}/g)!.join('-');
