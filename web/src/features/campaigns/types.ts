export type CampaignState = 'draft' | 'open' | 'allocated' | 'cancelled';
export type PriorityRule = 'none' | 'own_students' | 'network_students';
export const PRIORITY_RULES: PriorityRule[] = ['none', 'own_students', 'network_students'];

export interface CampaignSummary {
  id: string;
  title: string;
  description: string;
  organizer: { id: string; shortName: string };
  network: { id: string; name: string } | null;
  opensAt: string;
  closesAt: string;
  maxChoices: number;
  priorityRule: PriorityRule;
  state: CampaignState;
  acceptingChoices: boolean;
  lotterySeedHash: string | null;
  lotterySeed: string | null;
  allocatedAt: string | null;
  version: number;
  canManage: boolean;
  programmeCount?: number;
}

export interface CampaignProgramme {
  id: string;
  title: string;
  provider: { id: string; shortName: string };
  seats: number;
  capacity: number;
  seatsTaken: number;
  gradeFrom: number | null;
  gradeTo: number | null;
  startsOn: string;
  endsOn: string;
  /** For the organiser: how many children chose it at all and first. */
  choices?: { total: number; first: number };
}

export interface ChildResult {
  childId: string;
  programme: { id: string; title: string } | null;
  choiceRank: number | null;
  lottery: number;
  why: string[];
}

export interface CampaignChild {
  id: string;
  fullName: string;
  grade: number | null;
  consent: boolean;
  choices: string[];
  result: ChildResult | null;
}

export interface CampaignStats {
  applicants: number;
  assigned: number;
  unassigned: number;
  firstChoiceShare: number;
  topChoiceShares: number[];
  programmes: { programmeId: string; capacity: number; assigned: number; applicants: number; fillRate: number }[];
}

export interface Campaign extends CampaignSummary {
  programmes: CampaignProgramme[];
  applicants: number | null;
  stats: CampaignStats | null;
  children: CampaignChild[];
}

export interface CampaignInput {
  organizerOrganizationId: string;
  title: string;
  description: string;
  opensAt: string;
  closesAt: string;
  maxChoices: number;
  priorityRule: PriorityRule;
}
