import { api, http } from '../../../shared/api/client';
import type { Roster, ServerOutcome, QueuedScan } from './door-store';

const enc = encodeURIComponent;

export interface Ticket {
  registrationId: string;
  eventId: string;
  code: string;
  state: string;
  checkedInAt: string | null;
  payload: string;
  svg: string;
}

export const checkInApi = {
  roster: (eventId: string) => http.get<Roster>(`/events/${enc(eventId)}/check-in/roster`),
  sync: (eventId: string, scans: QueuedScan[]) => http.post<{ outcomes: ServerOutcome[] }>(`/events/${enc(eventId)}/check-in/batch`, { scans }),
  mark: (eventId: string, registrationId: string, present: boolean) =>
    http.post<{ registrationId: string; checkedInAt: string | null; changed: boolean }>(`/events/${enc(eventId)}/attendance`, { registrationId, present }),
  ticket: (registrationId: string, signal?: AbortSignal) => api<Ticket>(`/event-registrations/${enc(registrationId)}/ticket`, { signal }),
};
