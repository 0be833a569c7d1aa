import type { Actor } from '../../platform/context';

/** Notifications are personal: each person reads and marks only their own; to anyone else one does not exist (404). */
export const notificationPolicy = {
  readOwn: (actor: Actor, recipientUserId: string) => actor.userId === recipientUserId,
};
