import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Organization } from '../../shared/api/types';
import { useGrantableRoles, useOrganizationStaff } from './api';
import './strings';

/** On an organisation's card, for whoever manages its staff: the way to «Сотрудники», with how many invitations wait. */
export function OrganizationStaffLink({ organization }: { organization: Pick<Organization, 'id' | 'municipalityId'> }) {
  const roles = useGrantableRoles({ id: organization.id, municipalityId: organization.municipalityId });
  if (!roles?.length) return null;
  return <StaffLinkCard organizationId={organization.id} />;
}

function StaffLinkCard({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const staff = useOrganizationStaff(organizationId);
  const title = t('people.staff.title');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Stack gap={6}>
        <Title order={2} size="h4">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {t('people.staff.linkText')}
        </Text>
        {staff.data && (
          <Text size="sm">
            {t('people.staff.linkCount', { count: staff.data.members.length })}
            {staff.data.invitations.length > 0 && ` · ${t('people.staff.linkPending', { count: staff.data.invitations.length })}`}
          </Text>
        )}
        <Anchor component={Link} to={`/organizations/${organizationId}/staff`} size="sm" fw={600}>
          {t('people.staff.open')}
        </Anchor>
      </Stack>
    </Paper>
  );
}
