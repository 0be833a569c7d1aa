import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyList, ErrorState, ListSkeleton } from '../../shared/components/States';
import { isoString } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useMyRegistrations } from './api';
import { RegistrationTicket } from './check-in/RegistrationTicket';
import { REGISTRATION_COLORS, eventWhen } from './labels';
import type { MyRegistration } from './types';
import './strings';

/** /events/mine: where a person finds their registrations and their children's — coming ones first, with the code for the door. */
export function MyRegistrationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('events.mine.title'));
  const list = useMyRegistrations();
  const now = Date.now();
  const coming = (list.data?.items ?? []).filter((r) => new Date(r.event.endsAt).getTime() >= now).reverse();
  const past = (list.data?.items ?? []).filter((r) => new Date(r.event.endsAt).getTime() < now);
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/events" size="sm">
        ← {t('events.toList')}
      </Anchor>
      <Title order={1}>{t('events.mine.title')}</Title>
      {list.isPending ? (
        <ListSkeleton rows={3} height={90} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyList title={t('events.mine.empty')} hint={t('events.mine.emptyHint')} />
      ) : (
        <>
          <Section title={t('events.mine.coming')} items={coming} id="mine-coming" />
          {past.length > 0 && <Section title={t('events.mine.past')} items={past} id="mine-past" />}
        </>
      )}
    </Stack>
  );
}

function Section({ title, items, id }: { title: string; items: MyRegistration[]; id: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed">{t('events.mine.nothingComing')}</Text>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((r) => (
            <Paper key={r.id} component="li" withBorder radius="md" p="md">
              <Stack gap={6}>
                <Group gap="xs">
                  <Badge color={REGISTRATION_COLORS[r.state]} variant="light">
                    {r.state === 'waitlisted' && r.waitlistPosition !== null ? t('events.roster.inLine', { position: r.waitlistPosition }) : t(`events.registrationStates.${r.state}`)}
                  </Badge>
                  {r.event.state === 'cancelled' && (
                    <Badge color="red" variant="light">
                      {t('events.states.cancelled')}
                    </Badge>
                  )}
                  <Text size="sm" fw={600}>
                    {r.childName ?? t('events.register.you')}
                  </Text>
                </Group>
                <Anchor component={Link} to={`/events/${r.event.id}`} fw={600}>
                  {r.event.title}
                </Anchor>
                <Text size="sm">
                  <time dateTime={isoString(r.event.startsAt)}>{eventWhen(r.event)}</time>
                  {' · '}
                  {r.event.format === 'online' ? t('events.formats.online') : r.event.address}
                  {r.section ? ` · ${r.section}` : ''}
                </Text>
                <Text size="sm" c="dimmed">
                  {r.event.organization}
                </Text>
                {r.state === 'registered' && r.event.state !== 'cancelled' && r.event.state !== 'finished' && <RegistrationTicket registrationId={r.id} />}
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
