import { useState } from 'react';
import { Anchor, Breadcrumbs, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { http } from '../../shared/api/client';
import { isStatus } from '../../shared/api/errors';
import type { OrganizationWithPermissions } from '../../shared/api/types';
import { useAuth } from '../../shared/auth/AuthContext';
import { ErrorState, Forbidden } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { NotFoundPage } from '../home/NotFoundPage';
import { orgApi, orgKeys, useOrganization } from './api';
import { changedFields, OrganizationForm, toFormValues, toPayload } from './OrganizationForm';
import './strings';

export function OrganizationCreatePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('form.createTitle'));
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { user } = useAuth();
  const lock = user?.platformRoles.includes('authority') ? user.municipalityId : null;

  return (
    <Stack gap="lg" maw={960}>
      <Breadcrumbs separator="›" component="nav" aria-label={t('common.breadcrumbs')}>
        <Anchor component={Link} to="/organizations" size="sm">
          {t('nav.organizations')}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t('form.createTitle')}
        </Text>
      </Breadcrumbs>
      <Title order={1}>{t('form.createTitle')}</Title>
      <OrganizationForm
        mode="create"
        municipalityLock={lock}
        onCancel={() => navigate('/organizations')}
        onSubmit={async (values) => {
          const created = await orgApi.create(toPayload(values));
          void qc.invalidateQueries({ queryKey: orgKeys.all });
          notifications.show({ color: 'green', message: t('form.created') });
          navigate(`/organizations/${created.id}`);
        }}
      />
    </Stack>
  );
}

export function OrganizationEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t('form.editTitle'));
  const org = useOrganization(id);

  if (org.isPending) return <Skeleton height={400} />;
  if (org.isError) {
    if (isStatus(org.error, 404)) return <NotFoundPage title={t('card.notFound')} text={t('card.notFoundText')} />;
    return <ErrorState error={org.error} onRetry={() => org.refetch()} />;
  }
  if (!org.data.permissions.canEdit) return <Forbidden text={t('errors.forbidden')} />;
  return <EditForm org={org.data} />;
}

function EditForm({ org }: { org: OrganizationWithPermissions }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { user } = useAuth();
  const name = org.shortName || org.fullName;
  const keepsRegistry =
    !!user?.platformRoles.includes('operator') || (!!user?.platformRoles.includes('authority') && user.municipalityId === org.municipalityId);
  // the version and values the user started editing from; replaced only on an explicit reload,
  // never by a background refetch (that would silently overwrite someone else's changes)
  const [base, setBase] = useState(() => ({ version: org.version, values: toFormValues(org) }));

  return (
    <Stack gap="lg" maw={960}>
      <Breadcrumbs separator="›" component="nav" aria-label={t('common.breadcrumbs')}>
        <Anchor component={Link} to="/organizations" size="sm">
          {t('nav.organizations')}
        </Anchor>
        <Anchor component={Link} to={`/organizations/${org.id}`} size="sm">
          {name}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t('form.editTitle')}
        </Text>
      </Breadcrumbs>
      <div>
        <Title order={1}>{t('form.editTitle')}</Title>
        <Text c="dimmed" mt={4}>
          {name}
        </Text>
      </div>
      <OrganizationForm
        mode="edit"
        initial={org}
        registryLocked={!keepsRegistry}
        municipalityLock={user?.platformRoles.includes('authority') ? user.municipalityId : null}
        onCancel={() => navigate(`/organizations/${org.id}`)}
        onSubmit={async (values) => {
          const changes = changedFields(base.values, values);
          if (Object.keys(changes).length === 0) {
            notifications.show({ message: t('form.noChanges') });
            navigate(`/organizations/${org.id}`);
            return;
          }
          const updated = await orgApi.update(org.id, { version: base.version, ...changes });
          qc.setQueryData<OrganizationWithPermissions>(orgKeys.one(org.id), (old) =>
            old ? { ...old, ...updated, permissions: old.permissions } : old,
          );
          void qc.invalidateQueries({ queryKey: orgKeys.all });
          notifications.show({ color: 'green', message: t('form.saved') });
          navigate(`/organizations/${org.id}`);
        }}
        onReloadLatest={async () => {
          const fresh = await qc.fetchQuery({
            queryKey: orgKeys.one(org.id),
            queryFn: () => http.get<OrganizationWithPermissions>(`/organizations/${encodeURIComponent(org.id)}`),
            staleTime: 0,
          });
          const next = { version: fresh.version, values: toFormValues(fresh) };
          setBase(next);
          return next.values;
        }}
      />
    </Stack>
  );
}
