import { Anchor, Breadcrumbs, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../shared/auth/AuthContext';
import { Forbidden } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { networkApi, networkKeys } from './api';
import { NetworkForm, toNetworkFormValues, toNetworkPayload } from './NetworkForm';
import { mayFoundNetworks } from './NetworksPage';
import { useActingOrganization } from '../people/actingOrganization';
import './strings';

export function NetworkCreatePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('networks.form.createTitle'));
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { user } = useAuth();
  const { organizations: own, acting } = useActingOrganization();

  if (!mayFoundNetworks(user)) return <Forbidden text={t('networks.form.forbiddenText')} />;

  // a director founds a network of their own school (the one they act for): offer it straight away
  const initial = toNetworkFormValues(null, user?.platformRoles.length ? null : acting);
  if (!!user?.platformRoles.includes('authority') && user.municipalityId) initial.municipalityIds = [user.municipalityId];

  return (
    <Stack gap="lg" maw={960}>
      <Breadcrumbs separator="›" component="nav" aria-label={t('common.breadcrumbs')}>
        <Anchor component={Link} to="/networks" size="sm">
          {t('nav.networks')}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t('networks.form.createTitle')}
        </Text>
      </Breadcrumbs>
      <div>
        <Title order={1}>{t('networks.form.createTitle')}</Title>
        <Text c="dimmed" mt={4}>
          {t('networks.form.createIntro')}
        </Text>
      </div>
      <NetworkForm
        mode="create"
        initial={initial}
        suggestions={own}
        forbiddenHint={t('networks.form.forbiddenHint')}
        onCancel={() => navigate('/networks')}
        onSubmit={async (values) => {
          const created = await networkApi.create(toNetworkPayload(values));
          void qc.invalidateQueries({ queryKey: networkKeys.all });
          notifications.show({ color: 'green', message: t('networks.form.created') });
          navigate(`/networks/${created.id}`);
        }}
      />
    </Stack>
  );
}
