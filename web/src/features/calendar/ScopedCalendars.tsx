import { Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EventsCalendar } from './EventsCalendar';
import { NetworkFeedPanel } from './FeedPanel';
import './strings';

/** The network's tab «Мероприятия»: its calendar, and the public address of its feed. */
export function NetworkEvents({ networkId, isPublic }: { networkId: string; isPublic: boolean }) {
  return (
    <Stack gap="lg">
      <EventsCalendar scope={{ networkId }} headingLevel={2} />
      {isPublic && <NetworkFeedPanel networkId={networkId} />}
    </Stack>
  );
}

/** The organisation card's section of its events (held by it alone or with others). */
export function OrganizationEvents({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="organization-events">
      <Title order={2} size="h4" id="organization-events" mb="md">
        {t('calendar.organizationTitle')}
      </Title>
      <EventsCalendar scope={{ organizationId }} headingLevel={3} />
    </Paper>
  );
}
