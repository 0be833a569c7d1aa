import type { Me } from '../../../shared/api/types';
import { administeredOrganizationIds } from '../../../shared/auth/administered';
import { useNetworkList } from '../../networks/api';
import { mayEditReviews } from './review-roles';

/** The networks the person may keep rubrics and rounds for: every one to the operator, else the ones their organisation manages. */
export function useManagedNetworks(user: Me | null | undefined) {
  const networks = useNetworkList({}, mayEditReviews(user));
  const operator = !!user?.platformRoles.includes('operator');
  const headed = new Set(administeredOrganizationIds(user));
  return {
    isPending: networks.isPending,
    operator,
    items: (networks.data ?? []).filter((n) => operator || headed.has(n.managingOrganizationId)).map((n) => ({ id: n.id, name: n.name })),
  };
}
