import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { managesEvent } from '../events/access';
import type { CertificateSourceKind } from './schema';

/**
 * Whether the actor manages what a certificate was issued for, by the source's own rule: for an event, THE rule of
 * events/access.ts. A new kind of source (a practice, a competition) adds its line here and nothing else.
 */
export async function managesSource(db: Database, actor: Actor, kind: CertificateSourceKind, sourceId: string): Promise<boolean> {
  switch (kind) {
    case 'event':
      return managesEvent(db, actor, sourceId);
  }
}
