import type { Database } from '../../platform/db/client';
import { type NotificationKind, notifications } from './schema';

export interface NotificationDraft {
  userId: string;
  kind: NotificationKind;
  title: string;
  body?: string;
  /** Where the web app should take the reader, e.g. /children/<id>. */
  link?: string;
  data?: Record<string, unknown>;
}

/** Leaves messages for people; call it inside the transaction that caused them so both commit or neither. */
export async function notify(db: Database, drafts: NotificationDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  await db.insert(notifications).values(drafts.map((d) => ({ ...d, body: d.body ?? '', link: d.link ?? null, data: d.data ?? null })));
}
