import type { Me } from '../../../shared/api/types';
import { administeredOrganizationIds } from '../../../shared/auth/administered';

/**
 * Who keeps rubrics and rounds: the operator (region-wide) and the coordinators of networks — the heads of a network's
 * managing organisation. The server decides for each network; this only chooses what the app offers.
 */
export function mayEditReviews(user: Me | null | undefined): boolean {
  return !!user && (user.platformRoles.includes('operator') || administeredOrganizationIds(user).length > 0);
}

/** Who has a use for «Экспертиза»: experts (their assignments) and editors. Light enough for the navigation to import. */
export function seesReviews(user: Me | null | undefined): boolean {
  return !!user?.platformRoles.includes('expert') || mayEditReviews(user);
}
