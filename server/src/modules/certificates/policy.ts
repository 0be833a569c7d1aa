import type { Actor } from '../../platform/context';

/** A certificate's holder as the rules read it: the adult it names, or the child and the child's guardian. */
export interface CertificateHolder {
  userId: string | null;
  guardianUserId: string | null;
}

/**
 * Who may do what with certificates. Those who manage the source (an event's organisers: `managedEvents`, asked
 * in SQL by `sources.ts`) issue and revoke them and see the list; the person named, or a child's guardian,
 * downloads their own. Verifying one by its code is public and shows only what the paper says.
 */
export const certificatePolicy = {
  issue: (_actor: Actor, managesSource: boolean) => managesSource,
  revoke: (_actor: Actor, managesSource: boolean) => managesSource,
  list: (_actor: Actor, managesSource: boolean) => managesSource,
  download: (actor: Actor, holder: CertificateHolder, managesSource: boolean) =>
    managesSource || (!!holder.userId && holder.userId === actor.userId) || (!!holder.guardianUserId && holder.guardianUserId === actor.userId),
};
