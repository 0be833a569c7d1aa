import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../shared/auth/AuthContext';
import { administeredOrganizationIds } from '../../shared/auth/administered';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { EventsCalendar } from './EventsCalendar';
import { PersonalFeedPanel } from './FeedPanel';
import './strings';

/** /events: the region's events calendar (month, week, list) with its filters; a signed-in person's calendar feed below. */
export function CalendarPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('calendar.title'));
  const { user } = useAuth();
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('calendar.title')}</Title>
          <Text c="dimmed" mt={4} maw={820}>
            {t('calendar.subtitle')}
          </Text>
        </div>
        {administeredOrganizationIds(user).length > 0 && (
          <Button component={Link} to="/events/new">
            {t('calendar.create')}
          </Button>
        )}
      </Group>
      <EventsCalendar />
      {user && <PersonalFeedPanel />}
    </Stack>
  );
}
