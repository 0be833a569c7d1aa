// Types of the inventory API (resources, needs, the catalogue and suggestions). Keep in step with the contract.

import type { HighlightSegment } from '../../shared/components/Highlighted';

/** The five kinds of resources: кадровые, информационные, материально-технические, учебно-методические, социальные. */
export const RESOURCE_CATEGORIES = ['staff', 'information', 'facilities', 'methodical', 'social'] as const;
export type ResourceCategory = (typeof RESOURCE_CATEGORIES)[number];

export const RESOURCE_CONDITIONS = ['free', 'exchange', 'paid'] as const;
export type ResourceConditions = (typeof RESOURCE_CONDITIONS)[number];

export const RESOURCE_MOBILITIES = ['on_site', 'travels', 'remote'] as const;
export type ResourceMobility = (typeof RESOURCE_MOBILITIES)[number];

export const NEED_PRIORITIES = ['high', 'medium', 'low'] as const;
export type NeedPriority = (typeof NEED_PRIORITIES)[number];

/** ISO weekdays, Monday = 1. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export type InventoryState = 'active' | 'archived';

export interface OrganizationRef {
  id: string;
  shortName: string;
  municipalityName: string;
  lat: number | null;
  lon: number | null;
}

export interface Offer {
  id: string;
  organizationId: string;
  category: ResourceCategory;
  title: string;
  description: string;
  tags: string[];
  conditions: ResourceConditions;
  mobility: ResourceMobility;
  /** empty: any day */
  weekdays: number[];
  /** YYYY-MM-DD */
  availableFrom: string | null;
  availableTo: string | null;
  capacity: number | null;
  state: InventoryState;
  version: number;
  updatedAt: string;
}

export interface Need {
  id: string;
  organizationId: string;
  category: ResourceCategory;
  title: string;
  description: string;
  tags: string[];
  priority: NeedPriority;
  neededFrom: string | null;
  neededTo: string | null;
  state: InventoryState;
  version: number;
  updatedAt: string;
}

export type InventoryKind = 'offer' | 'need';
export type InventoryItem = Offer | Need;

export interface Inventory {
  organization: OrganizationRef;
  offers: Offer[];
  /** [] for anonymous callers */
  needs: Need[];
  permissions: { edit: boolean };
}

export type CatalogueOffer = Offer & { organization: OrganizationRef; highlight?: { title?: HighlightSegment[]; description?: HighlightSegment[] } };

export interface CataloguePage {
  items: CatalogueOffer[];
  total: number;
  /** The total is the server's estimate (above a thousand offers): shown as «около N». */
  totalIsEstimate?: boolean;
}

export interface SuggestionReasons {
  sharedTags: string[];
  /** 0..1 */
  textSimilarity: number;
  sharedNetworkIds: string[];
  availability: 'full' | 'partial' | 'unknown';
  proximity: number;
  parts: { relevance: number; proximity: number; network: number; availability: number };
}

export interface Suggestion {
  offer: Offer;
  organization: OrganizationRef;
  /** 0..1 */
  score: number;
  distanceKm: number | null;
  reasons: SuggestionReasons;
  /** Russian sentences explaining the rank */
  explanation: string[];
  /** the caller's organisation has already asked for this offer */
  exchange: { id: string; state: string } | null;
}

export interface SuggestionsResponse {
  need: Need & { organization: OrganizationRef };
  options: { maxDistanceKm: number | null; sameNetworkOnly: boolean; limit: number };
  suggestions: Suggestion[];
}
