import type { CursorPage } from '../../shared/api/types';
import type { HighlightSegment } from '../../shared/components/Highlighted';

export const PRACTICE_LEVELS = ['preschool', 'primary', 'basic', 'secondary', 'supplementary', 'management'] as const;
export type PracticeLevel = (typeof PRACTICE_LEVELS)[number];
export const PRACTICE_AUDIENCES = ['students', 'teachers', 'heads', 'parents'] as const;
export type PracticeAudience = (typeof PRACTICE_AUDIENCES)[number];
export type PracticeState = 'draft' | 'submitted' | 'published' | 'archived';
export type ResourceCategory = 'staff' | 'information' | 'facilities' | 'methodical' | 'social';

export interface FacetValue {
  value: string;
  /** What to show where the value is an id (a municipality's name). */
  label?: string;
  count: number;
}

export interface PracticeSummary {
  id: string;
  state: PracticeState;
  title: string;
  direction: string;
  levels: PracticeLevel[];
  audiences: PracticeAudience[];
  description: string;
  tags: string[];
  publishedAt: string | null;
  organizations: { id: string; shortName: string }[];
  reviewStatus: ReviewStatus;
  /** The published composite, 0–100; null unless reviewed (never shown as a low score). */
  reviewScore: number | null;
  adoptionCount: number;
  highlight?: { title?: HighlightSegment[]; description?: HighlightSegment[] };
}

export const REVIEW_STATUSES = ['none', 'in_review', 'reviewed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const ADOPTION_BUCKETS = ['none', 'few', 'many'] as const;
export type AdoptionBucket = (typeof ADOPTION_BUCKETS)[number];
export const PRACTICE_SORTS = ['relevance', 'date', 'rating', 'adoptions'] as const;
export type PracticeSort = (typeof PRACTICE_SORTS)[number];

export interface PracticeList extends CursorPage<PracticeSummary> {
  facets: Record<'direction' | 'level' | 'audience' | 'municipality' | 'network' | 'review' | 'adoptions', FacetValue[]>;
}

export interface PracticeVersion {
  id: string;
  number: number;
  state: 'draft' | 'submitted' | 'published' | 'superseded';
  title: string;
  direction: string;
  levels: PracticeLevel[];
  audiences: PracticeAudience[];
  problem: string;
  description: string;
  conditions: { category: ResourceCategory; text: string }[];
  results: string;
  evidence: string;
  tags: string[];
  publishedAt: string | null;
}

export interface PracticeDetail {
  id: string;
  state: PracticeState;
  version: number;
  organizations: { id: string; shortName: string }[];
  authors: { userId: string | null; name: string }[];
  reviewStatus: ReviewStatus;
  reviewScore: number | null;
  published: PracticeVersion | null;
  working: PracticeVersion | null;
  versions: { id: string; number: number; state: PracticeVersion['state']; title: string; createdAt: string; submittedAt: string | null; publishedAt: string | null }[];
  attachments: PracticeAttachment[];
  canEdit: boolean;
  canPublish: boolean;
}

export interface PracticeAttachment {
  id: string;
  kind: 'file' | 'link' | 'video';
  title: string;
  url: string;
  fileName: string | null;
  contentType: string | null;
  byteSize: number | null;
  createdAt: string;
}

export const RESOURCE_CATEGORIES: readonly ResourceCategory[] = ['staff', 'information', 'facilities', 'methodical', 'social'];

/** What POST /api/practices takes (PATCH takes any part of it and the version). */
export interface PracticeInput {
  organizationIds: string[];
  authors: ({ userId: string } | { name: string })[];
  title: string;
  direction: string;
  levels: PracticeLevel[];
  audiences: PracticeAudience[];
  problem: string;
  description: string;
  conditions: { category: ResourceCategory; text: string }[];
  results: string;
  evidence: string;
  tags: string[];
}
