import type { ComponentType } from 'react';
import type { Me } from '../api/types';
import { administeredOrganizationIds } from '../auth/administered';
import { ExchangesNavBadge } from '../../features/exchanges/ExchangesNavBadge';
import { DeskNavBadge } from '../../features/desk/DeskNavBadge';
import { seesReviews } from '../../features/practices/review/review-roles';

/**
 * The main navigation. Modules add one entry each when they ship
 * (Практики, Мониторинг come later).
 */
export interface NavEntry {
  /** route path, also the link target */
  path: string;
  /** i18n key of the label */
  labelKey: string;
  /** who sees the entry; omitted = everyone */
  visible?: (user: Me | null) => boolean;
  /** entries of the same group are shown together under a heading */
  group?: 'main' | 'admin';
  /** drawn after the label, e.g. a count of things waiting for the user */
  badge?: ComponentType;
}

export const NAV_ENTRIES: NavEntry[] = [
  { path: '/desk', labelKey: 'nav.desk', visible: (u) => !!u, badge: DeskNavBadge },
  { path: '/organizations', labelKey: 'nav.organizations' },
  { path: '/networks', labelKey: 'nav.networks' },
  { path: '/resources', labelKey: 'nav.resources' },
  { path: '/exchanges', labelKey: 'nav.exchanges', visible: (u) => administeredOrganizationIds(u).length > 0, badge: ExchangesNavBadge },
  { path: '/consultations', labelKey: 'nav.consultations', visible: (u) => (u?.memberships.length ?? 0) > 0 || !!u?.platformRoles.includes('operator') },
  { path: '/exchange-picture', labelKey: 'nav.municipalityExchange', visible: (u) => !!u?.platformRoles.some((r) => r === 'authority' || r === 'operator') },
  { path: '/programmes', labelKey: 'nav.programmes' },
  { path: '/children', labelKey: 'nav.children', visible: (u) => !!u?.platformRoles.includes('guardian') },
  { path: '/campaigns', labelKey: 'nav.campaigns', visible: (u) => !!u },
  { path: '/events', labelKey: 'nav.events' },
  { path: '/practices', labelKey: 'nav.practices' },
  { path: '/reviews', labelKey: 'nav.reviews', visible: seesReviews },
  // { path: '/monitoring', labelKey: 'nav.monitoring' },
  { path: '/admin', labelKey: 'nav.sectionAdmin', group: 'admin', visible: (u) => !!u?.platformRoles.some((r) => r === 'operator' || r === 'authority') },
  { path: '/audit', labelKey: 'nav.audit', group: 'admin', visible: (u) => !!u?.platformRoles.includes('operator') },
  { path: '/admin/outbox', labelKey: 'nav.outbox', group: 'admin', visible: (u) => !!u?.platformRoles.includes('operator') },
];
