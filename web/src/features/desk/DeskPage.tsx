import { Anchor, Badge, Box, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../shared/auth/AuthContext';
import { EmptyList, ErrorState } from '../../shared/components/States';
import { formatDateTime, formatDayShort } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { timeRange } from '../learning/labels';
import { type DeskItem, type DeskKind, useDesk } from './api';
import '../learning/strings';
import './strings';

const num = (value: unknown) => Number(value ?? 0);

/** The line under an item's title: what kind of step it is and by when, in the interface's language. */
function itemLine(kind: DeskKind, item: DeskItem, t: TFunction): string {
  const d = item.detail ?? {};
  switch (kind) {
    case 'signatures':
      return item.object;
    case 'votes':
      return `${item.object} · ${t('desk.item.meeting', { meeting: d.meeting })}`;
    case 'minutes':
      return `${item.object} · ${t('desk.item.heldAt', { date: formatDayShort(String(d.heldAt)) })}`;
    case 'meetings':
      return [item.object, formatDateTime(item.due), d.place ? String(d.place) : null].filter(Boolean).join(' · ');
    case 'exchanges':
      return [t(d.state === 'countered' ? 'desk.item.counterFrom' : 'desk.item.requestFrom', { organization: item.object }), item.due ? t('desk.item.from', { date: formatDayShort(item.due) }) : null]
        .filter(Boolean)
        .join(' · ');
    case 'memberships':
      return d.direction === 'invitation' ? t('desk.item.invitation', { organization: item.object }) : t('desk.item.request', { network: item.object });
    case 'plan_items':
      return `${item.object} · ${t('desk.item.dueOn', { date: formatDayShort(item.due) })}`;
    case 'clashes':
      return `${item.object} · ${t(`learning.weekdays.every.${num(d.weekday)}`)} ${timeRange({ startMinute: num(d.startMinute), endMinute: num(d.endMinute) })}`;
    case 'waitlist':
      return `${item.object} · ${t('desk.item.position', { position: d.position })}`;
    case 'campaigns':
      return `${item.object} · ${t(d.saved ? 'desk.item.saved' : 'desk.item.notSaved', { date: formatDateTime(item.due) })}`;
    case 'campaign_results':
      return `${item.object} · ${d.programme ? t('desk.item.assigned', { programme: d.programme, rank: d.choiceRank }) : t('desk.item.unassigned')}`;
    case 'classes_today':
      return [item.object, t('desk.item.today', { time: timeRange({ startMinute: num(d.startMinute), endMinute: num(d.endMinute) }), enrolled: d.enrolled }), d.marked ? t('desk.item.marked') : null]
        .filter(Boolean)
        .join(' · ');
    case 'attendance':
      return `${item.object} · ${t('desk.item.unmarked', { count: num(d.classes), date: formatDayShort(item.due) })}`;
    case 'event_requests':
      return `${item.object} · ${formatDateTime(item.due)} · ${t('desk.item.requests', { count: num(d.pending) })}`;
  }
}

/** Titles of two programmes that clash read better as the sentence the child's page uses. */
function itemTitle(kind: DeskKind, item: DeskItem, t: TFunction): string {
  if (kind === 'clashes') return t('learning.path.clash', { first: item.detail?.first, second: item.detail?.second, weekday: '', time: '' }).trim();
  return item.title;
}

function DeskGroup({ kind, count, items }: { kind: DeskKind; count: number; items: DeskItem[] }) {
  const { t } = useTranslation();
  const headingId = `desk-${kind}`;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Box>
          <Group gap="xs" wrap="nowrap" align="center">
            <Title order={2} size="h4" id={headingId} style={{ overflowWrap: 'anywhere' }}>
              {t(`desk.groups.${kind}`)}
            </Title>
            <Badge color="orange" variant="filled" size="md" circle={count < 10}>
              {count}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t(`desk.hints.${kind}`)}
          </Text>
        </Box>
        <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((item) => (
            <Box component="li" key={item.id} py={8} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
              <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
                <Box style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={item.link} fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {itemTitle(kind, item, t)}
                  </Anchor>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {itemLine(kind, item, t)}
                  </Text>
                </Box>
                {item.detail?.overdue === true && (
                  <Badge color="red" variant="light" style={{ flexShrink: 0 }}>
                    {t('desk.overdue')}
                  </Badge>
                )}
              </Group>
            </Box>
          ))}
        </Stack>
        {count > items.length && (
          <Text size="sm" c="dimmed">
            {t('desk.shownOf', { shown: items.length, count })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** «Мой кабинет»: what awaits the signed-in person, grouped by kind; where people land after signing in. */
export function DeskPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  useDocumentTitle(t('desk.title'));
  const desk = useDesk();

  return (
    <Stack gap="lg">
      <Box>
        <Title order={1}>{t('desk.title')}</Title>
        {user && (
          <Text c="dimmed" size="sm">
            {user.fullName || user.email}
          </Text>
        )}
        <Text mt="xs" maw={760}>
          {desk.data && desk.data.total > 0 ? t('nav.deskAwaiting', { count: desk.data.total }) : t('desk.lead')}
        </Text>
      </Box>
      {desk.isPending ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Skeleton height={160} radius="md" />
          <Skeleton height={160} radius="md" />
        </SimpleGrid>
      ) : desk.isError ? (
        <ErrorState error={desk.error} onRetry={() => void desk.refetch()} />
      ) : desk.data.groups.length === 0 ? (
        <EmptyList title={t('desk.emptyTitle')} hint={t('desk.emptyHint')} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="md">
          {desk.data.groups.map((group) => (
            <DeskGroup key={group.kind} {...group} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
