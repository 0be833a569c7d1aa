import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';

/** The kinds of work a desk shows, in the order it shows them. */
export const deskKinds = [
  'signatures',
  'votes',
  'minutes',
  'meetings',
  'exchanges',
  'memberships',
  'plan_items',
  'clashes',
  'waitlist',
  'campaigns',
  'campaign_results',
  'classes_today',
  'attendance',
  'event_requests',
] as const;
export type DeskKind = (typeof deskKinds)[number];

/**
 * One thing awaiting the person: what it is (`title`: the document's, question's, programme's own name),
 * whose or where (`object`: the network, the child, the other organisation), by when, and where in the web
 * app it is done. `detail` carries what the web app needs for its wording of this kind.
 */
export interface DeskItem {
  id: string;
  title: string;
  object: string;
  /** An ISO date (YYYY-MM-DD) or instant, when the work has one. */
  due: string | null;
  link: string;
  detail?: Record<string, string | number | boolean | null>;
}

/** What every part of the desk reads: the database, the person, and the region's today. */
export interface DeskScope {
  db: Database;
  actor: Actor;
  today: string;
  timeZone: string;
}

export type DeskPart = Partial<Record<DeskKind, DeskItem[]>>;
