import { useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isStatus } from '../../shared/api/errors';
import { ownActiveMember } from '../../shared/auth/administered';
import { useAuth } from '../../shared/auth/AuthContext';
import type { NetworkDetail } from '../networks/types';
import { inventoryTransferApi, useExchangePicture } from './api';
import { ExchangePicture, usePictureDistance } from './ExchangePicture';
import { InventoryImportModal } from './InventoryImportModal';
import './strings';

/**
 * The network page's «Обмен ресурсами» tab: the exchange picture of the network's members (what they
 * have and need, which needs someone in the network covers, the deficits nobody covers and the
 * resources nobody uses), and the whole network's inventory as a spreadsheet.
 */
export function ExchangeTab({ network }: { network: NetworkDetail }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [distance, setDistance] = usePictureDistance();
  const picture = useExchangePicture({ kind: 'network', id: network.id }, distance, !!user);
  const [importing, setImporting] = useState(false);
  // where «describe our resources» leads; only a head of an active member may import the network's file
  const ownMember = ownActiveMember(network.members, user);

  if (!user) {
    return (
      <Alert color="blue" variant="light" title={t('exchanges.picture.signInTitle')}>
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{t('exchanges.picture.signInText')}</Text>
          <Button component={Link} to={`/sign-in?next=${encodeURIComponent(`/networks/${network.id}/exchange`)}`} size="xs">
            {t('header.signIn')}
          </Button>
        </Stack>
      </Alert>
    );
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 360px' }}>
          {t('exchanges.picture.intro')}
        </Text>
        <Group gap="xs">
          {ownMember && (
            <Button component={Link} to={`/organizations/${ownMember.organizationId}/inventory`} size="sm">
              {t('exchanges.picture.describeOwn')}
            </Button>
          )}
          <Button component="a" href={inventoryTransferApi.exportUrl(network.id)} download variant="default" size="sm">
            {t('exchanges.picture.exportXlsx')}
          </Button>
          {ownMember && (
            <Button variant="default" size="sm" onClick={() => setImporting(true)}>
              {t('exchanges.picture.importXlsx')}
            </Button>
          )}
        </Group>
      </Group>

      <ExchangePicture
        query={picture}
        distance={distance}
        onDistanceChange={setDistance}
        explainError={(error) =>
          isStatus(error, 404) ? (
            <Alert color="gray" variant="light">
              {t('exchanges.picture.unavailable')}
            </Alert>
          ) : null
        }
      />

      {importing && <InventoryImportModal networkId={network.id} onClose={() => setImporting(false)} />}
    </Stack>
  );
}
