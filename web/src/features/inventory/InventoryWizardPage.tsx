import { useState } from 'react';
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { errorMessage, isStatus } from '../../shared/api/errors';
import { ErrorState, Forbidden } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { NotFoundPage } from '../home/NotFoundPage';
import { inventoryApi, inventoryKeys, useInventory } from './api';
import { InventoryItemModal, emptyValues, toPayload, type ItemValues } from './InventoryItemModal';
import { InventoryItemCard, ItemActions } from './InventoryItemView';
import { RESOURCE_CATEGORIES, type Inventory, type InventoryKind, type ResourceCategory } from './types';
import './strings';
import '../organizations/strings';

/**
 * The guided inventory (step 3 of a network's launch path): one step per category, each asking
 * «what we have» and «what we lack», rows added inline, then a summary.
 */
export function InventoryWizardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const inventory = useInventory(id);
  const name = inventory.data?.organization.shortName;
  useDocumentTitle(name ? `${t('inventory.wizardTitle')}: ${name}` : t('inventory.wizardTitle'));

  if (inventory.isPending) return <Skeleton height={420} />;
  if (inventory.isError) {
    if (isStatus(inventory.error, 404) || isStatus(inventory.error, 400)) {
      return <NotFoundPage title={t('card.notFound')} text={t('card.notFoundText')} />;
    }
    return <ErrorState error={inventory.error} onRetry={() => inventory.refetch()} />;
  }
  if (!inventory.data.permissions.edit) return <Forbidden text={t('inventory.wizardForbidden')} />;
  return <Wizard inventory={inventory.data} />;
}

const SUMMARY_STEP = RESOURCE_CATEGORIES.length;

function Wizard({ inventory }: { inventory: Inventory }) {
  const { t } = useTranslation();
  const isMobile = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [active, setActive] = useState(0);
  const org = inventory.organization;
  const stepCounts = (category: ResourceCategory) =>
    t('inventory.stepCounts', {
      offers: inventory.offers.filter((o) => o.category === category && o.state === 'active').length,
      needs: inventory.needs.filter((n) => n.category === category && n.state === 'active').length,
    });
  const go = (step: number) => {
    setActive(step);
    // keyboard and screen-reader users land on the new step's heading
    setTimeout(() => document.getElementById('inventory-step-title')?.focus(), 0);
  };

  return (
    <Stack gap="lg">
      <Breadcrumbs separator="›" component="nav" aria-label={t('common.breadcrumbs')}>
        <Anchor component={Link} to="/organizations" size="sm">
          {t('nav.organizations')}
        </Anchor>
        <Anchor component={Link} to={`/organizations/${org.id}`} size="sm">
          {org.shortName}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t('inventory.wizardTitle')}
        </Text>
      </Breadcrumbs>
      <div>
        <Title order={1}>{t('inventory.wizardTitle')}</Title>
        <Text c="dimmed" mt={4}>
          {org.shortName}
        </Text>
        <Text mt="sm" maw={820}>
          {t('inventory.wizardIntro')}
        </Text>
      </div>

      <Grid gap="xl">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Stepper
            active={active}
            onStepClick={go}
            allowNextStepsSelect
            size={isMobile ? 'xs' : 'sm'}
            wrap={false}
            orientation={isMobile ? 'horizontal' : 'vertical'}
            aria-label={t('inventory.wizardSteps')}
          >
            {RESOURCE_CATEGORIES.map((category, step) => (
              <Stepper.Step
                key={category}
                label={isMobile ? undefined : t(`inventory.categories.${category}`)}
                description={isMobile ? undefined : stepCounts(category)}
                aria-label={t(`inventory.categories.${category}`)}
                // a step passed is not a step done: keep the number instead of a tick
                completedIcon={step + 1}
              />
            ))}
            <Stepper.Step
              label={isMobile ? undefined : t('inventory.summary')}
              aria-label={t('inventory.summary')}
              completedIcon={SUMMARY_STEP + 1}
            />
          </Stepper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Stack gap="lg">
            {active < SUMMARY_STEP ? (
              <CategoryStep inventory={inventory} category={RESOURCE_CATEGORIES[active]} step={active} />
            ) : (
              <Summary inventory={inventory} onOpenStep={go} />
            )}

            <Group justify="space-between">
              <Button variant="default" onClick={() => go(active - 1)} disabled={active === 0}>
                {t('common.back')}
              </Button>
              {active < SUMMARY_STEP ? (
                <Button onClick={() => go(active + 1)}>
                  {active === SUMMARY_STEP - 1 ? t('inventory.toSummary') : t('inventory.next')}
                </Button>
              ) : (
                <Button component={Link} to={`/organizations/${org.id}`}>
                  {t('inventory.toCard')}
                </Button>
              )}
            </Group>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function CategoryStep({ inventory, category, step }: { inventory: Inventory; category: ResourceCategory; step: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <div>
        <Text size="sm" c="dimmed">
          {t('inventory.stepOf', { step: step + 1, total: SUMMARY_STEP + 1 })}
        </Text>
        <Title order={2} size="h3" id="inventory-step-title" tabIndex={-1}>
          {t(`inventory.categories.${category}`)}
        </Title>
        <Text size="sm" c="dimmed">
          {t(`inventory.categoryHints.${category}`)}
        </Text>
      </div>
      <KindColumn inventory={inventory} category={category} kind="offer" />
      <KindColumn inventory={inventory} category={category} kind="need" />
    </Stack>
  );
}

/** «Что у нас есть» or «Чего нам не хватает» of one category: the rows so far and an inline row to add one. */
function KindColumn({ inventory, category, kind }: { inventory: Inventory; category: ResourceCategory; kind: InventoryKind }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const orgId = inventory.organization.id;
  const rows = (kind === 'offer' ? inventory.offers : inventory.needs).filter((r) => r.category === category && r.state === 'active');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [detailed, setDetailed] = useState<ItemValues | null>(null);
  const headingId = `inventory-${kind}-${category}-title`;
  const inputLabel = kind === 'offer' ? t('inventory.quickOffer') : t('inventory.quickNeed');

  const addInline = async () => {
    if (title.trim().length < 3) {
      setError(t('inventory.titleRequired'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await inventoryApi.create(kind, orgId, toPayload(kind, emptyValues(category, title)));
      setTitle('');
      notifications.show({ color: 'green', message: kind === 'offer' ? t('inventory.offerAdded') : t('inventory.needAdded') });
      await qc.invalidateQueries({ queryKey: inventoryKeys.all });
    } catch (err) {
      // the typed title stays in the box; the server's message about it goes under it
      const titleError = err instanceof ApiError ? err.fieldErrors.find((f) => f.field.split('.').includes('title')) : undefined;
      setError(titleError?.message ?? errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={headingId}>
      <Title order={3} size="h5" id={headingId}>
        {kind === 'offer' ? t('inventory.haveTitle') : t('inventory.lackTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {kind === 'offer' ? t('inventory.haveHint') : t('inventory.lackHint')}
      </Text>
      {rows.length > 0 ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} mb="sm">
          {rows.map((row) => (
            <InventoryItemCard key={row.id} kind={kind} item={row} actions={<ItemActions kind={kind} item={row} organizationId={orgId} />} />
          ))}
        </SimpleGrid>
      ) : (
        <Text size="sm" c="dimmed" mb="sm">
          {t('inventory.nothingYet')}
        </Text>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void addInline();
        }}
      >
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            aria-label={inputLabel}
            placeholder={t(`inventory.examples.${kind}.${category}`)}
            value={title}
            onChange={(e) => {
              setTitle(e.currentTarget.value);
              if (error) setError(null);
            }}
            error={error}
            style={{ flex: 1 }}
          />
          <Button type="submit" loading={saving} variant="light">
            {t('inventory.add')}
          </Button>
        </Group>
      </form>
      <Anchor component="button" type="button" size="xs" mt={6} onClick={() => setDetailed(emptyValues(category, title))}>
        {t('inventory.addDetailed')}
      </Anchor>
      {detailed && (
        <InventoryItemModal
          kind={kind}
          organizationId={orgId}
          item={null}
          initial={detailed}
          onClose={() => setDetailed(null)}
          onSaved={() => setTitle('')}
        />
      )}
    </Paper>
  );
}

function Summary({ inventory, onOpenStep }: { inventory: Inventory; onOpenStep: (step: number) => void }) {
  const { t } = useTranslation();
  const offers = inventory.offers.filter((o) => o.state === 'active');
  const needs = inventory.needs.filter((n) => n.state === 'active');
  const emptyCategories = RESOURCE_CATEGORIES.filter((c) => !offers.some((o) => o.category === c) && !needs.some((n) => n.category === c));
  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3" id="inventory-step-title" tabIndex={-1}>
          {t('inventory.summaryTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('inventory.summaryIntro')}
        </Text>
      </div>
      <Table withTableBorder bg="white" verticalSpacing="sm" maw={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('inventory.category')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('inventory.summaryHave')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('inventory.summaryLack')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {RESOURCE_CATEGORIES.map((c, step) => (
            <Table.Tr key={c}>
              <Table.Th scope="row" fw={500} ta="left">
                <Anchor component="button" type="button" size="sm" onClick={() => onOpenStep(step)}>
                  {t(`inventory.categories.${c}`)}
                </Anchor>
              </Table.Th>
              <Table.Td ta="right">{offers.filter((o) => o.category === c).length}</Table.Td>
              <Table.Td ta="right">{needs.filter((n) => n.category === c).length}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {emptyCategories.length > 0 && (
        <Alert color="yellow" variant="light">
          {t('inventory.summaryEmptyCategories', {
            categories: emptyCategories.map((c) => t(`inventory.categories.${c}`).toLowerCase()).join(', '),
          })}
        </Alert>
      )}
      <Title order={3} size="h4">
        {t('inventory.summaryNeedsTitle')}
      </Title>
      {needs.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('inventory.summaryNoNeeds')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {needs.map((need) => (
            <InventoryItemCard
              key={need.id}
              kind="need"
              item={need}
              actions={
                <Group mt={4}>
                  <Button size="xs" component={Link} to={`/needs/${need.id}/suggestions`}>
                    {t('inventory.findPartners')}
                  </Button>
                </Group>
              }
            />
          ))}
        </SimpleGrid>
      )}
      <Group gap="sm">
        <Button variant="default" component={Link} to="/resources">
          {t('inventory.toCatalogue')}
        </Button>
      </Group>
    </Stack>
  );
}
