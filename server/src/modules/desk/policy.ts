import type { Actor } from '../../platform/context';

/**
 * The desk is personal: it is built from the signed-in person's own organisations, council seats and
 * children, so nobody reads another person's desk — there is no route that names one. What each part may
 * show is decided by the owning module's rules (visibleNetworks, documentPolicy, councilPolicy,
 * learningPolicy, guardsChild), which the desk's queries use.
 */
export const deskPolicy = {
  readOwn: (actor: Actor | null): actor is Actor => actor !== null,
};
