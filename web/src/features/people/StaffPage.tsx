import { useState } from 'react';
import { Anchor, Badge, Breadcrumbs, Button, CloseButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isStatus } from '../../shared/api/errors';
import type { MembershipRole } from '../../shared/api/types';
import { useAuth } from '../../shared/auth/AuthContext';
import { ErrorState, Forbidden, ListSkeleton } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useOrganization } from '../organizations/api';
import { useGrantableRoles, useOrganizationStaff } from './api';
import { BorderedList } from './BorderedList';
import { InvitationList } from './InvitationList';
import { DisabledBadge, lastSeenText } from './labels';
import { InviteModal } from './InviteModal';
import { GrantRoleModal, RevokeRoleModal } from './RoleChangeModals';
import { type AnyRole, MEMBERSHIP_ROLES, type NamedRef, type StaffMember } from './types';
import './strings';

type StaffOrganization = NamedRef & { municipalityId: string };

/**
 * /organizations/:id/staff: who works here and as what, the invitations still waiting, and «Пригласить сотрудника» —
 * for the organisation's head and staff admin, its authority and the operator.
 */
export function StaffPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const organization = useOrganization(id);
  const staff = useOrganizationStaff(id);
  const name = organization.data ? organization.data.shortName || organization.data.fullName : '';
  useDocumentTitle(name ? `${t('people.staff.title')} — ${name}` : t('people.staff.title'));
  const [inviting, setInviting] = useState(false);
  const org: StaffOrganization | null = organization.data ? { id, name, municipalityId: organization.data.municipalityId } : null;
  const grantable = useGrantableRoles(org ?? undefined);
  const roles = (org && grantable) || [];

  if (isStatus(staff.error, 403)) return <Forbidden text={t('people.staff.forbidden')} />;

  return (
    <Stack gap="lg">
      <Breadcrumbs separator="›" component="nav" aria-label={t('common.breadcrumbs')}>
        <Anchor component={Link} to="/organizations" size="sm">
          {t('nav.organizations')}
        </Anchor>
        <Anchor component={Link} to={`/organizations/${id}`} size="sm" lineClamp={1}>
          {name || t('people.staff.organization')}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t('people.staff.title')}
        </Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-end" gap="md">
        <div style={{ flex: '1 1 420px', minWidth: 0 }}>
          <Title order={1}>{t('people.staff.title')}</Title>
          <Text c="dimmed" mt={4} maw={760}>
            {t('people.staff.intro', { name: name || t('people.staff.organization') })}
          </Text>
        </div>
        {org && roles.length > 0 && (
          <Group gap="sm">
            <Button onClick={() => setInviting(true)}>{t('people.staff.invite')}</Button>
            <Button component={Link} to={`/organizations/${id}/staff/import`} variant="default">
              {t('people.staff.import')}
            </Button>
          </Group>
        )}
      </Group>

      {organization.isError || staff.isError ? (
        <ErrorState error={organization.error ?? staff.error} onRetry={() => void Promise.all([organization.refetch(), staff.refetch()])} />
      ) : !org || staff.isPending ? (
        <ListSkeleton rows={4} height={72} />
      ) : (
        <>
          <Stack gap="sm" component="section" aria-labelledby="staff-members">
            <Title order={2} size="h3" id="staff-members">
              {t('people.staff.members', { count: staff.data.members.length })}
            </Title>
            {staff.data.members.length === 0 ? (
              <Paper withBorder radius="md" p="lg">
                <Text c="dimmed" ta="center">
                  {t('people.staff.noMembers')}
                </Text>
              </Paper>
            ) : (
              <BorderedList items={activeFirst(staff.data.members)} keyOf={(m) => m.id} rowTestId="staff-row">
                {(member) => <MemberRow member={member} organization={org} grantable={roles} />}
              </BorderedList>
            )}
          </Stack>
          <Stack gap="sm" component="section" aria-labelledby="staff-invitations">
            <Title order={2} size="h3" id="staff-invitations">
              {t('people.staff.pending', { count: staff.data.invitations.length })}
            </Title>
            {staff.data.invitations.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('people.staff.noPending')}
              </Text>
            ) : (
              <InvitationList invitations={staff.data.invitations} showPlace={false} />
            )}
          </Stack>
        </>
      )}
      {inviting && org && <InviteModal organization={org} onClose={() => setInviting(false)} />}
    </Stack>
  );
}

/** Switched-off accounts after the working staff (each part keeps the server's order by name). */
function activeFirst(members: StaffMember[]): StaffMember[] {
  return [...members.filter((m) => !m.disabledAt), ...members.filter((m) => m.disabledAt)];
}

function MemberRow({ member, organization, grantable }: { member: StaffMember; organization: StaffOrganization; grantable: AnyRole[] }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [revoking, setRevoking] = useState<MembershipRole | null>(null);
  const { user } = useAuth();
  const self = member.id === user?.id;
  // one's own roles are not taken away here: a head would lock themselves out of this very page
  const revocable = (role: MembershipRole) => grantable.includes(role) && !self;
  const ordered = MEMBERSHIP_ROLES.filter((r) => member.roles.includes(r));
  // on one's own row only a higher role is new: those below one's own here add nothing one cannot do already
  const highestHeld = Math.min(...member.roles.map((r) => MEMBERSHIP_ROLES.indexOf(r)));
  const addable = MEMBERSHIP_ROLES.filter((r, rank) => grantable.includes(r) && !member.roles.includes(r) && (!self || rank < highestHeld));

  return (
    <Group justify="space-between" align="flex-start" gap="sm" p="md">
      <Stack gap={6} style={{ flex: '1 1 320px', minWidth: 0 }}>
        <Group gap="xs">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {member.fullName}
          </Text>
          <DisabledBadge disabledAt={member.disabledAt} />
        </Group>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {member.email} · {lastSeenText(t, member.lastSeenAt)}
        </Text>
        <Group gap={6}>
          {ordered.map((role) => (
            <Badge
              key={role}
              variant="light"
              tt="none"
              size="lg"
              pr={revocable(role) ? 3 : undefined}
              rightSection={
                revocable(role) && (
                  <CloseButton size="xs" onClick={() => setRevoking(role)} aria-label={t('people.staff.revokeLabel', { role: t(`roles.${role}`), name: member.fullName })} />
                )
              }
            >
              {t(`roles.${role}`)}
            </Badge>
          ))}
        </Group>
      </Stack>
      {addable.length > 0 && !member.disabledAt && (
        <Button size="xs" variant="light" onClick={() => setAdding(true)} aria-label={t('people.staff.addRoleLabel', { name: member.fullName })}>
          {t('people.staff.addRole')}
        </Button>
      )}
      {adding && <GrantRoleModal person={member} roles={addable} fixed={{ organization }} onClose={() => setAdding(false)} />}
      {revoking && (
        <RevokeRoleModal person={member} held={{ role: revoking, organizationId: organization.id, place: organization.name }} onClose={() => setRevoking(null)} />
      )}
    </Group>
  );
}
