export type ConsultationState = 'requested' | 'proposed' | 'accepted' | 'declined' | 'cancelled';
export type ConsultationFormat = 'in_person' | 'online' | 'mixed';

export interface Consultation {
  id: string;
  requester: { id: string; shortName: string };
  consultant: { id: string; shortName: string };
  network: { id: string; name: string } | null;
  topic: string;
  details: string;
  format: ConsultationFormat;
  state: ConsultationState;
  reason: string;
  eventId: string | null;
  slots: { id: string; startsAt: string; endsAt: string; place: string }[];
  createdAt: string;
  updatedAt: string;
  actions: { propose: boolean; decline: boolean; accept: boolean; cancel: boolean };
}

export interface Consultant {
  organizationId: string;
  shortName: string;
  networkId: string | null;
  networkName: string | null;
}

export interface NetworkConsultations {
  held: number;
  upcoming: number;
  items: {
    eventId: string;
    title: string;
    topic: string;
    startsAt: string;
    endsAt: string;
    state: 'draft' | 'published' | 'finished' | 'cancelled';
    consultant: { id: string; shortName: string };
    requester: { id: string; shortName: string } | null;
  }[];
}
