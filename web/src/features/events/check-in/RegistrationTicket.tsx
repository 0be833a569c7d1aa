import { Box, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/dates';
import { checkInApi } from './api';
import './strings';

/**
 * A registration's ticket for the person's page (and a guardian's, a school's): the QR code the door's phone scans
 * and the short code to tell when the camera cannot read it. The server draws the QR (SVG of its own making: no
 * markup from elsewhere), so the web app carries no QR library.
 */
export function RegistrationTicket({ registrationId }: { registrationId: string }) {
  const { t } = useTranslation();
  const ticket = useQuery({ queryKey: ['event-ticket', registrationId], queryFn: ({ signal }) => checkInApi.ticket(registrationId, signal), staleTime: 60_000 });
  if (ticket.isError) return null;
  return (
    <Paper withBorder p="md" radius="md" data-testid="registration-ticket">
      <Stack gap="xs" align="center">
        <Title order={3} size="h4">
          {t('ticket.title')}
        </Title>
        {ticket.isPending ? (
          <Skeleton width={200} height={200} />
        ) : (
          <>
            <Box
              role="img"
              aria-label={t('ticket.qrAlt', { code: ticket.data.code })}
              w={200}
              h={200}
              style={{ lineHeight: 0 }}
              // The SVG comes from our own server's QR writer (paths and rectangles only).
              dangerouslySetInnerHTML={{ __html: ticket.data.svg }}
            />
            <Text size="sm">
              {t('ticket.code')}: <strong style={{ fontFamily: 'monospace', fontSize: '1.25rem', letterSpacing: '0.1em' }}>{ticket.data.code.replace(/^(.{4})/, '$1-')}</strong>
            </Text>
            <Text size="sm" c="dimmed" ta="center">
              {ticket.data.checkedInAt ? t('ticket.checkedIn', { time: formatDateTime(ticket.data.checkedInAt) }) : t('ticket.hint')}
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}
