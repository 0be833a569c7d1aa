import { useState } from 'react';
import { Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Switch, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../shared/auth/AuthContext';
import { ErrorState } from '../../shared/components/States';
import { useInventory } from './api';
import { InventoryItemModal } from './InventoryItemModal';
import { InventoryItemCard, ItemActions } from './InventoryItemView';
import { RESOURCE_CATEGORIES, type InventoryItem, type InventoryKind } from './types';
import './strings';

/** The «Ресурсы и потребности» section of an organisation's card. */
export function OrganizationInventory({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [showArchived, setShowArchived] = useState(false);
  const [tab, setTab] = useState<InventoryKind>('offer');
  const [adding, setAdding] = useState<InventoryKind | null>(null);
  const inventory = useInventory(organizationId, showArchived);
  const canEdit = inventory.data?.permissions.edit ?? false;

  let body;
  if (inventory.isError) {
    body = <ErrorState error={inventory.error} onRetry={() => inventory.refetch()} />;
  } else if (inventory.isPending) {
    body = (
      <Stack gap="xs" aria-busy="true">
        <Skeleton height={36} />
        <Skeleton height={80} />
      </Stack>
    );
  } else {
    const { offers, needs } = inventory.data;
    const activeOffers = offers.filter((o) => o.state === 'active').length;
    const activeNeeds = needs.filter((n) => n.state === 'active').length;
    const offersList = (
      <CategoryGroups
        kind="offer"
        items={offers}
        organizationId={organizationId}
        canEdit={canEdit}
        empty={canEdit ? t('inventory.noOffersEditor') : t('inventory.noOffers')}
      />
    );
    body = user ? (
      <Tabs value={tab} onChange={(v) => setTab((v as InventoryKind) ?? 'offer')} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="offer" rightSection={<CountBadge count={activeOffers} />}>
            {t('inventory.offersTab')}
          </Tabs.Tab>
          <Tabs.Tab value="need" rightSection={<CountBadge count={activeNeeds} />}>
            {t('inventory.needsTab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="offer">{offersList}</Tabs.Panel>
        <Tabs.Panel value="need">
          <CategoryGroups
            kind="need"
            items={needs}
            organizationId={organizationId}
            canEdit={canEdit}
            empty={canEdit ? t('inventory.noNeedsEditor') : t('inventory.noNeeds')}
          />
        </Tabs.Panel>
      </Tabs>
    ) : (
      <Stack gap="md">
        {offersList}
        <Text size="xs" c="dimmed">
          {t('inventory.needsAfterSignIn')}
        </Text>
      </Stack>
    );
  }

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="org-inventory-title">
      <Group justify="space-between" align="flex-start" gap="sm" mb="md">
        <div style={{ flex: '1 1 280px', minWidth: 0 }}>
          <Title order={2} size="h4" id="org-inventory-title">
            {t('inventory.sectionTitle')}
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            {t('inventory.sectionIntro')}
          </Text>
        </div>
        {canEdit && (
          <Group gap="xs">
            <Button size="sm" variant="light" component={Link} to={`/organizations/${organizationId}/inventory`}>
              {t('inventory.guided')}
            </Button>
            <Button size="sm" variant="default" onClick={() => setAdding('offer')}>
              {t('inventory.addOffer')}
            </Button>
            <Button size="sm" variant="default" onClick={() => setAdding('need')}>
              {t('inventory.addNeed')}
            </Button>
          </Group>
        )}
      </Group>
      {body}
      {canEdit && (
        <Switch mt="md" label={t('inventory.showArchived')} checked={showArchived} onChange={(e) => setShowArchived(e.currentTarget.checked)} />
      )}
      {adding && (
        <InventoryItemModal
          kind={adding}
          organizationId={organizationId}
          item={null}
          onClose={() => setAdding(null)}
          onSaved={() => setTab(adding)}
        />
      )}
    </Paper>
  );
}

function CountBadge({ count }: { count: number }) {
  return (
    <Badge size="sm" variant="light" color="gray" aria-hidden>
      {count}
    </Badge>
  );
}

/** Rows grouped under the five categories, each with its one-line hint; empty categories are left out. */
function CategoryGroups({
  kind,
  items,
  organizationId,
  canEdit,
  empty,
}: {
  kind: InventoryKind;
  items: readonly InventoryItem[];
  organizationId: string;
  canEdit: boolean;
  empty: string;
}) {
  const { t } = useTranslation();
  const groups = RESOURCE_CATEGORIES.map((category) => ({ category, rows: items.filter((i) => i.category === category) })).filter(
    (g) => g.rows.length > 0,
  );
  if (groups.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Stack gap="lg">
      {groups.map(({ category, rows }) => (
        <section key={category} aria-labelledby={`inventory-${kind}-${category}`}>
          <Group gap={8} mb={8} align="baseline">
            <Title order={3} size="h5" id={`inventory-${kind}-${category}`}>
              {t(`inventory.categories.${category}`)}
            </Title>
            <Text size="xs" c="dimmed">
              {t(`inventory.categoryHints.${category}`)}
            </Text>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {rows.map((row) => (
              <InventoryItemCard
                key={row.id}
                kind={kind}
                item={row}
                actions={canEdit ? <ItemActions kind={kind} item={row} organizationId={organizationId} /> : undefined}
              />
            ))}
          </SimpleGrid>
        </section>
      ))}
    </Stack>
  );
}
