import { useState, type ReactNode } from 'react';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage, isStatus } from '../../shared/api/errors';
import { periodText } from '../../shared/dates';
import { inventoryApi, inventoryKeys } from './api';
import { InventoryItemModal } from './InventoryItemModal';
import { CONDITIONS_COLORS, PRIORITY_COLORS, weekdaysText } from './labels';
import type { InventoryItem, InventoryKind, Need, Offer } from './types';
import './strings';

export function TagBadges({ tags, highlight = [] }: { tags: readonly string[]; highlight?: readonly string[] }) {
  const { t } = useTranslation();
  if (tags.length === 0) return null;
  return (
    <Group gap={4} component="ul" aria-label={t('inventory.tags')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {tags.map((tag) => (
        <Badge key={tag} component="li" size="sm" radius="sm" tt="none" variant={highlight.includes(tag) ? 'filled' : 'light'} color={highlight.includes(tag) ? 'blue' : 'gray'}>
          {tag}
        </Badge>
      ))}
    </Group>
  );
}

/** When and how much: «Пн–Пт · с 01.09.2025 по 31.05.2026 · вместимость: 25». */
export function offerAvailability(offer: Offer, t: TFunction): string {
  const parts = [weekdaysText(offer.weekdays, t), periodText(offer.availableFrom, offer.availableTo, t)];
  if (offer.capacity != null) parts.push(t('inventory.capacityValue', { count: offer.capacity }));
  return parts.filter(Boolean).join(' · ');
}

/** The badges of an offer's terms: conditions and where it is used. */
export function OfferTerms({ offer }: { offer: Offer }) {
  const { t } = useTranslation();
  return (
    <>
      <Badge size="sm" variant="light" color={CONDITIONS_COLORS[offer.conditions]} tt="none">
        {t(`inventory.conditions.${offer.conditions}`)}
      </Badge>
      <Badge size="sm" variant="outline" color="gray" tt="none">
        {t(`inventory.mobility.${offer.mobility}`)}
      </Badge>
    </>
  );
}

/** One offer or need: title, terms, description, tags and availability; `actions` below. */
export function InventoryItemCard({ kind, item, actions, extra }: { kind: InventoryKind; item: InventoryItem; actions?: ReactNode; extra?: ReactNode }) {
  const { t } = useTranslation();
  const need = kind === 'need' ? (item as Need) : null;
  const offer = kind === 'offer' ? (item as Offer) : null;
  const when = offer ? offerAvailability(offer, t) : periodText(need!.neededFrom, need!.neededTo, t);
  return (
    <Paper withBorder radius="md" p="sm" component="li" bg={item.state === 'archived' ? 'gray.0' : undefined}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {item.title}
          </Text>
          {item.state === 'archived' && (
            <Badge size="sm" color="dark" variant="light" tt="none" style={{ flex: 'none' }}>
              {t('inventory.archivedBadge')}
            </Badge>
          )}
        </Group>
        <Group gap={6}>
          {offer && <OfferTerms offer={offer} />}
          {need && (
            <Badge size="sm" variant="light" color={PRIORITY_COLORS[need.priority]} tt="none">
              {t(`inventory.priorityBadge.${need.priority}`)}
            </Badge>
          )}
        </Group>
        {item.description && (
          <Text size="sm" c="dimmed" lineClamp={3} style={{ whiteSpace: 'pre-line' }}>
            {item.description}
          </Text>
        )}
        <TagBadges tags={item.tags} />
        {when && (
          <Text size="xs" c="dimmed">
            {offer ? t('inventory.availability') : t('inventory.neededWhen')}: {when}
          </Text>
        )}
        {extra}
        {actions}
      </Stack>
    </Paper>
  );
}

/** What an editor can do with a row: edit, archive or restore, and for a need find partners. */
export function ItemActions({ kind, item, organizationId }: { kind: InventoryKind; item: InventoryItem; organizationId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const archived = item.state === 'archived';
  const toggle = useMutation({
    mutationFn: () => (archived ? inventoryApi.restore(kind, item.id, item.version) : inventoryApi.archive(kind, item.id, item.version)),
    onSuccess: () => {
      notifications.show({ color: 'green', message: archived ? t('inventory.restored') : t('inventory.archived') });
      void qc.invalidateQueries({ queryKey: inventoryKeys.all });
    },
    onError: (err) => {
      notifications.show({
        color: 'red',
        title: t('errors.title'),
        message: isStatus(err, 409) ? t('inventory.conflictTitle') : errorMessage(err, t),
        autoClose: 8000,
      });
      void qc.invalidateQueries({ queryKey: inventoryKeys.all });
    },
  });
  return (
    <Group gap="xs" mt={4} role="group" aria-label={t('inventory.itemActions', { title: item.title })}>
      {kind === 'need' && !archived && (
        <Button size="xs" component={Link} to={`/needs/${item.id}/suggestions`}>
          {t('inventory.findPartners')}
        </Button>
      )}
      {!archived && (
        <Button size="xs" variant="default" onClick={() => setEditing(true)}>
          {t('inventory.edit')}
        </Button>
      )}
      <Button size="xs" variant="subtle" color={archived ? 'blue' : 'gray'} loading={toggle.isPending} onClick={() => toggle.mutate()}>
        {archived ? t('inventory.restore') : t('inventory.archive')}
      </Button>
      {editing && <InventoryItemModal kind={kind} organizationId={organizationId} item={item} onClose={() => setEditing(false)} />}
    </Group>
  );
}
