import type { Actor } from '../../platform/context';

/**
 * Calendars show what `visibleEvents` lets the caller see, so reading one needs no rule of its own. A personal feed is
 * the person's own: anyone signed in creates, replaces and revokes theirs, and no one else's (there is no route to).
 */
export const calendarPolicy = {
  manageOwnFeed: (_actor: Actor) => true,
};
