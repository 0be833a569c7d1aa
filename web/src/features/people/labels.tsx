import { Badge, Group } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/dates';
import type { InvitationState, Person, RoleGrant } from './types';
import './strings';

/** One role a person holds and where: what the card lists and what revoke sends back. */
export interface HeldRole extends RoleGrant {
  /** the organisation's or municipality's name; null for a role across the region */
  place: string | null;
}

/** A person's roles, platform roles first, each with its place. */
export function heldRoles(person: Pick<Person, 'platformRoles' | 'municipality' | 'memberships'>): HeldRole[] {
  const platform = person.platformRoles.map<HeldRole>((role) =>
    role === 'authority' && person.municipality
      ? { role, municipalityId: person.municipality.id, place: person.municipality.name }
      : { role, place: null },
  );
  const inOrganizations = person.memberships.map<HeldRole>((m) => ({ role: m.role, organizationId: m.organizationId, place: m.organizationName }));
  return [...platform, ...inOrganizations];
}

/** «Педагог · Школа № 5», «Оператор платформы». */
export function roleText(t: TFunction, role: string, place: string | null | undefined): string {
  return place ? `${t(`roles.${role}`)} · ${place}` : t(`roles.${role}`);
}

export function RoleBadges({ roles, none }: { roles: HeldRole[]; none?: string }) {
  const { t } = useTranslation();
  if (!roles.length) return none ? <Badge variant="outline" color="gray" tt="none">{none}</Badge> : null;
  return (
    <Group gap={6}>
      {roles.map((r) => (
        <Badge key={`${r.role}:${r.organizationId ?? r.municipalityId ?? ''}`} variant="light" color={r.organizationId ? 'blue' : 'grape'} tt="none" maw="100%" style={{ whiteSpace: 'normal', height: 'auto' }}>
          {roleText(t, r.role, r.place)}
        </Badge>
      ))}
    </Group>
  );
}

const STATE_COLORS: Record<InvitationState, string> = { pending: 'blue', expired: 'orange', accepted: 'green', revoked: 'gray' };

export function InvitationStateBadge({ state }: { state: InvitationState }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATE_COLORS[state]} tt="none">
      {t(`people.invitations.state.${state}`)}
    </Badge>
  );
}

/** «Отключена» beside the name of a switched-off account; nothing for a working one. */
export function DisabledBadge({ disabledAt, size }: { disabledAt: string | null; size?: 'sm' | 'lg' }) {
  const { t } = useTranslation();
  if (!disabledAt) return null;
  return (
    <Badge color="red" variant="light" tt="none" size={size}>
      {t('people.person.disabled')}
    </Badge>
  );
}

/** «заходил(а) 06.12.2026 23:35» or «ещё не входил(а)». */
export function lastSeenText(t: TFunction, lastSeenAt: string | null): string {
  return lastSeenAt ? t('people.person.lastSeen', { date: formatDateTime(lastSeenAt) }) : t('people.person.neverSeen');
}
