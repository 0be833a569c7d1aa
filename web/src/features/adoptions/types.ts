export type AdoptionState = 'adopting' | 'results_recorded' | 'stopped';
export type NeedCategory = 'staff' | 'information' | 'facilities' | 'methodical' | 'social';

export interface AdoptionFigure {
  indicator: string;
  before: number | null;
  after: number;
  unit: string;
}

export interface AdoptionNeed {
  id: string;
  title: string;
  category: NeedCategory;
}

export interface Adoption {
  id: string;
  version: number;
  state: AdoptionState;
  startedOn: string;
  changes: string;
  results: string | null;
  resultsOn: string | null;
  figures: AdoptionFigure[];
  stoppedOn: string | null;
  stopReason: string | null;
  organization: { id: string; shortName: string; lat: number | null; lon: number | null; kind: string };
  municipality: { id: string; name: string };
  /** null to anonymous visitors: needs are shown to the signed-in only */
  needs: AdoptionNeed[] | null;
  canUpdate: boolean;
}

export interface PracticeAdoptions {
  adoptions: Adoption[];
  adoptableOrganizations: { id: string; shortName: string; needs: AdoptionNeed[] }[];
}

export interface NetworkTransfer {
  adoptionId: string;
  state: AdoptionState;
  startedOn: string;
  changes: string;
  results: string | null;
  resultsOn: string | null;
  practice: { id: string; title: string; direction: string };
  from: { shortName: string };
  adopter: { id: string; shortName: string };
}
