// Types of the networks API (server/src/modules/networks). Keep in step with the contract.
import type { MembershipRole } from '../../shared/api/types';

export const NETWORK_KINDS = ['alliance', 'district', 'partnership', 'association', 'local_alliance'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

export const MEMBER_ROLES = ['base', 'leader', 'satellite', 'member', 'partner'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export type MembershipState = 'invited' | 'requested' | 'active' | 'declined' | 'left';
export type Visibility = 'public' | 'members';
export type Majority = 'simple' | 'two_thirds';
export type QuorumBasis = 'seats' | 'attendance';
export type VoteUnit = 'organization' | 'seat';
export type AdmissionMode = 'coordinator' | 'council';

/** The regulation's voting rules (networks.quorumPercent … chairCastingVote). */
export interface VotingRules {
  quorumPercent: number;
  majority: Majority;
  quorumBasis: QuorumBasis;
  voteUnit: VoteUnit;
  chairCastingVote: boolean;
}

/** The steps the platform knows (server/src/algorithms/launch-path.ts); a coordinator's own step is `custom-…`. */
export const CATALOGUE_STEPS = [
  'council', 'agreement', 'regulation', 'inventory', 'educational_map', 'information', 'plan', 'launch',
  'leader_strengths', 'satellite_needs', 'roadmap', 'joint_events', 'practice_transfer', 'reflective_evaluation', 'members',
] as const;
export type CatalogueStep = (typeof CATALOGUE_STEPS)[number];
export type LaunchStep = string;
export type PathTemplate = 'district' | 'partnership' | 'light';

export interface Network {
  id: string;
  name: string;
  kind: NetworkKind;
  strategicGoal: string;
  tacticalGoals: string[];
  directions: string[];
  description: string;
  municipalityIds: string[];
  managingOrganizationId: string;
  managingOrganizationName?: string;
  parentNetworkId: string | null;
  visibility: Visibility;
  quorumPercent: number;
  majority: Majority;
  quorumBasis: QuorumBasis;
  voteUnit: VoteUnit;
  chairCastingVote: boolean;
  admission: AdmissionMode;
  exchangesVisibleToCouncil: boolean;
  launchedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A row of GET /api/networks. The launch fields are read only when the server gives them. */
export interface NetworkListItem extends Network {
  managingOrganizationName: string;
  memberCount: number;
  launchStepsDone?: number;
  launchStepsTotal?: number;
  /** false: the network's path has no launch step (alliances, associations) and it works from the start */
  launchGate?: boolean;
}

export interface NetworkMember {
  id: string;
  organizationId: string;
  organizationName: string;
  organizationKind: string;
  role: MemberRole;
  state: MembershipState;
  /** YYYY-MM-DD */
  joinedOn: string | null;
  leftOn: string | null;
  message: string;
  createdAt: string;
}

export interface NetworkSummary {
  id: string;
  name: string;
  kind: NetworkKind;
}

export interface NetworkPermissions {
  canManage: boolean;
  /** organisations the caller heads that may still ask to join */
  canRequestFor: string[];
  /** ids of pending invitations the caller may answer */
  canAnswer: string[];
}

export interface NetworkDetail extends Network {
  managingOrganizationName: string;
  allowedRoles: MemberRole[];
  members: NetworkMember[];
  parent: NetworkSummary | null;
  children: NetworkSummary[];
  permissions: NetworkPermissions;
  launchGate?: boolean;
}

export interface LaunchPathStep {
  step: LaunchStep;
  /** a coordinator's own step: its title */
  title?: string;
  done: boolean;
  source: 'data' | 'manual' | null;
  /** what proves the step, what is missing, or the coordinator's note for a step marked by hand */
  detail: string | null;
  markable: boolean;
}

export interface LaunchPath {
  steps: LaunchPathStep[];
  launchedAt: string | null;
  canLaunch: boolean;
  /** steps done */
  completed?: number;
  /** the first step not done: where the network stands */
  current?: LaunchStep | null;
  /** whether the path has a launch step */
  gated?: boolean;
  kind?: NetworkKind;
  template?: PathTemplate;
  /** 0: the kind's template; each adaptation adds one */
  revision?: number;
  adapted?: boolean;
  /** the path as stored: keys and custom titles */
  path?: PathStep[];
  canAdapt?: boolean;
  addable?: CatalogueStep[];
  templatePath?: PathStep[];
  history?: PathRevision[];
}

export interface PathStep {
  key: string;
  title?: string;
}

export type PathChange =
  | { change: 'added'; key: string; title?: string; position: number }
  | { change: 'removed'; key: string; title?: string }
  | { change: 'moved'; key: string; title?: string; from: number; to: number }
  | { change: 'renamed'; key: string; from: string; to: string };

export interface PathRevision {
  revision: number;
  changes: PathChange[];
  reason: string;
  changedAt: string;
  /** shown to those who manage the network */
  changedBy: string | null;
  /** the path an existing network had walked, kept when paths per kind arrived */
  migrated: boolean;
}

// ── Council (server/src/modules/councils) ──

export type CouncilRole = 'chair' | 'secretary' | 'member';
export type MeetingState = 'planned' | 'held' | 'approved' | 'cancelled';
export type DecisionState = 'draft' | 'voting' | 'adopted' | 'rejected';
export type VoteChoice = 'for' | 'against' | 'abstain';

export type SeatKind = 'representative' | 'parent' | 'pupil' | 'enterprise' | 'public';
export const SEAT_KINDS: SeatKind[] = ['representative', 'parent', 'pupil', 'enterprise', 'public'];

export interface CouncilMember {
  id: string;
  networkId: string;
  /** null for a seat outside the member organisations */
  organizationId: string | null;
  organizationName: string | null;
  organizationActive: boolean;
  fullName: string;
  /** a pupil's name, hidden from everyone but the council and the coordinators */
  nameHidden: boolean;
  position: string;
  role: CouncilRole;
  kind: SeatKind;
  affiliation: string;
  /** a deciding vote; false — an advisory one, as the regulation says */
  voting: boolean;
  elected: boolean;
  electionId: string | null;
  hasAccount: boolean;
  isYou: boolean;
  /** the coordinator's view: a seat invitation not yet accepted */
  invitation: { state: 'pending' | 'expired'; email: string; lastSentAt: string } | null;
  createdAt: string;
  removedAt: string | null;
}

export type ElectionState = 'nominating' | 'voting' | 'closed' | 'cancelled';

export interface Election {
  id: string;
  networkId: string;
  title: string;
  seats: number;
  state: ElectionState;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
  candidates: { id: string; organizationId: string; organizationName: string; fullName: string; position: string; nominatedByYou: boolean; canWithdraw: boolean }[];
  votedOrganizations: number;
  yourBallots: { organizationId: string; nominationIds: string[] }[];
  ballots: { organizationId: string; organizationName: string; nominationIds: string[] }[] | null;
  result: {
    eligible: number;
    voted: number;
    quorum: boolean;
    quorumPercent: number;
    counts: { candidate: string; votes: number }[];
    elected: string[];
    tied: string[];
    vacant: number;
    outcome: 'elected' | 'no_quorum';
  } | null;
  minutes: string | null;
  permissions: { canNominate: boolean; canVoteFor: string[]; canOpen: boolean; canClose: boolean; canCancel: boolean };
}

export interface Council {
  networkId: string;
  state: {
    formed: boolean;
    chair: { id: string; fullName: string } | null;
    secretary: { id: string; fullName: string } | null;
    members: number;
    organizations: number;
    missing: string[];
  };
  rules: VotingRules & { admission: AdmissionMode };
  members: CouncilMember[];
  permissions: { canManage: boolean; canScheduleMeeting: boolean; canRunElection: boolean };
}

export interface CouncilCandidate {
  organizationId: string;
  organizationName: string;
  accounts: { userId: string; fullName: string; role: MembershipRole }[];
}

export interface MeetingListItem {
  id: string;
  title: string;
  startsAt: string;
  place: string;
  state: MeetingState;
  minutesApprovedAt: string | null;
}

export interface Tally {
  eligible: number;
  /** Absent from tallies recorded before the regulation's settings (they counted every member organisation). */
  present?: number;
  notCounted?: number;
  quorumBasis?: QuorumBasis;
  voteUnit?: VoteUnit;
  chairCastingVote?: boolean;
  castingVote?: 'for' | 'against' | null;
  voted: number;
  for: number;
  against: number;
  abstain: number;
  quorumPercent: number;
  majority: Majority;
  quorum: boolean;
  outcome: 'adopted' | 'rejected';
  reason: 'no_quorum' | 'no_majority' | null;
}

export interface Decision {
  id: string;
  meetingId: string;
  title: string;
  text: string;
  state: DecisionState;
  result: Tally | null;
  rules: VotingRules | null;
  subject: { kind: 'admission'; networkMemberId: string; organizationId: string } | null;
  openedAt: string | null;
  closedAt: string | null;
  votedOrganizations: number;
  yourVotes: { organizationId: string; choice: VoteChoice; castByYou: boolean }[];
  votes: { organizationId: string | null; councilMemberId: string; organizationName: string; seatName: string | null; choice: VoteChoice; castAt: string }[] | null;
}

export interface Meeting {
  id: string;
  networkId: string;
  networkName: string;
  title: string;
  startsAt: string;
  place: string;
  agenda: string[];
  state: MeetingState;
  minutes: string | null;
  minutesVisible: boolean;
  minutesVersion: number;
  minutesApprovedAt: string | null;
  createdAt: string;
  attendance: {
    councilMemberId: string;
    fullName: string;
    position: string;
    role: CouncilRole;
    organizationId: string;
    organizationName: string;
    invitedAt: string;
    attended: boolean | null;
    isYou: boolean;
  }[];
  decisions: Decision[];
  permissions: {
    canRecordAttendance: boolean;
    canHold: boolean;
    canCancel: boolean;
    canEditMinutes: boolean;
    canApprove: boolean;
    canAddDecision: boolean;
    canRunVoting: boolean;
    canVote: boolean;
  };
}

// ── Documents (server/src/modules/documents) ──

export type DocumentState = 'draft' | 'signing' | 'signed';

export interface DocumentListItem {
  id: string;
  kind: string;
  kindLabel: string;
  title: string;
  state: DocumentState;
  currentVersion: number;
  parentDocumentId: string | null;
  accedingOrganizationId: string | null;
  accedingOrganizationName: string | null;
  partyScope: PartyScope;
  /** Named parties or the issuing authority (short names); empty for a whole-network document. */
  partyNames: string[];
  hasAnnex: boolean;
  signedCount: number;
  requiredCount: number;
  createdAt: string;
  updatedAt: string;
}

export type PartyScope = 'members' | 'named' | 'authority';

/** A plan (or its sections) as an agreement's annex, exactly as the version carries it. */
export interface PlanAnnex {
  planId: string;
  title: string;
  periodStart: string | null;
  periodEnd: string | null;
  itemIds: string[] | null;
  items: { number: string; depth: number; activity: string; startsOn: string | null; endsOn: string | null; responsible: string[]; responsiblePeople: string; expectedResult: string }[];
}

export interface DocumentTemplate {
  kind: string;
  label: string;
  parties: 'members' | 'members_or_named' | 'authority' | 'authority_and_managing';
  annex: boolean;
  baseSchool: boolean;
}

export interface DocumentPartyChoices {
  managingOrganizationId: string;
  organizations: { organizationId: string; shortName: string; school: boolean; baseSchoolSince: string | null }[];
  authorities: { organizationId: string; shortName: string }[];
}

export interface DocumentVersion {
  id: string;
  version: number;
  title: string;
  body: string;
  annex: PlanAnnex | null;
  sha256: string;
  createdAt: string;
}

export interface DocumentSignature {
  id: string;
  versionId: string;
  version: number | null;
  organizationId: string;
  organizationName: string;
  signerId: string;
  signerName: string;
  versionSha256: string;
  signedAt: string;
  previousHash: string;
  hash: string;
  voidedAt: string | null;
}

export interface NetworkDocument {
  id: string;
  networkId: string;
  networkName: string;
  kind: string;
  kindLabel: string;
  title: string;
  state: DocumentState;
  currentVersion: number;
  parent: { id: string; title: string } | null;
  accedingOrganizationId: string | null;
  accedingOrganizationName: string | null;
  partyScope: PartyScope;
  annex: { planId: string | null; annex: PlanAnnex; superseded: boolean; planDeleted: boolean } | null;
  act: { kind: 'base_school_register'; organizationId: string; organizationName: string; registeredOn: string | null } | null;
  createdAt: string;
  updatedAt: string;
  current: DocumentVersion;
  versions: DocumentVersion[];
  signatures: DocumentSignature[];
  parties: { organizationId: string; organizationName: string; signed: boolean; signerName: string | null; signedAt: string | null }[];
  accessions: { id: string; organizationId: string | null; organizationName: string; state: DocumentState }[];
  awaitingAccession: { organizationId: string; organizationName: string }[];
  permissions: {
    canEdit: boolean;
    canSend: boolean;
    canSign: boolean;
    signAs: { organizationId: string; organizationName: string }[];
    canCreateAccession: boolean;
    canRefreshAnnex: boolean;
  };
}

export interface DocumentVerification {
  intact: boolean;
  documents: number;
  versions: number;
  signatures: number;
  broken: { recordId: string; problem: string; detail: string }[];
}

// ── Plans (server/src/modules/plans) ──

export type PlanKind = 'network_plan' | 'roadmap' | 'joint_actions';
export type PlanItemState = 'planned' | 'in_progress' | 'done' | 'cancelled';
export type PlanItemStatus = PlanItemState | 'overdue';
export type EvidenceKind = 'event' | 'document' | 'file' | 'link';

export interface PlanSummary {
  items: number;
  byStatus: Record<PlanItemStatus, number>;
  progress: number;
}

export interface PlanListItem {
  id: string;
  networkId: string;
  kind: PlanKind;
  title: string;
  periodStart: string | null;
  periodEnd: string | null;
  createdAt: string;
  summary: PlanSummary;
}

export interface PlanItem {
  id: string;
  planId: string;
  parentId: string | null;
  position: number;
  activity: string;
  startsOn: string | null;
  endsOn: string | null;
  responsibleOrganizations: { id: string; shortName: string; activeMember: boolean }[];
  responsiblePeople: string;
  expectedResult: string;
  state: PlanItemState;
  status: PlanItemStatus;
  overdue: boolean;
  progress: number;
  evidence: { kind: EvidenceKind; reference: string } | null;
  /** Events held to fulfil the item (each names it), those the caller may see. */
  events: { id: string; title: string; startsAt: string; state: 'draft' | 'published' | 'finished' | 'cancelled' }[];
  version: number;
  updatedAt: string;
  number: string;
  depth: number;
  rolledUpProgress: number;
  outsideParentPeriod: boolean;
  outsidePlanPeriod: boolean;
  canReport: boolean;
  children: PlanItem[];
}

export interface Plan {
  id: string;
  networkId: string;
  networkName: string;
  kind: PlanKind;
  title: string;
  periodStart: string | null;
  periodEnd: string | null;
  createdAt: string;
  today: string;
  summary: PlanSummary;
  permissions: { canManage: boolean; canReport: boolean };
  items: PlanItem[];
}

export interface PlanImportPreview {
  planId: string;
  fileName: string;
  mode: 'append' | 'replace';
  total: number;
  rows: { row: number; number: string; depth: number; activity: string; startsOn: string | null; endsOn: string | null; status: PlanItemStatus }[];
  errors: { row: number; column: string; message: string }[];
  ignoredColumns: string[];
  existingItems: number;
  canCommit: boolean;
}
