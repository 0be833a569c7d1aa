import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../shared/api/errors';
import { ErrorState, PageLoader } from '../../shared/components/States';
import { formatDate, periodText } from '../../shared/dates';
import { useLearningPath } from '../learning/api';
import { ResultBadge } from '../learning/ResultBadge';
import { enrolmentApi, invalidateAfterEnrolment, useChildEnrolments } from './api';
import type { ChildEnrolment, EnrolmentState } from './types';
import './strings';

const stateColor: Record<EnrolmentState, string> = { enrolled: 'teal', waitlisted: 'blue', completed: 'grape', withdrawn: 'gray', removed: 'red' };

/** A child's programmes and places in line on the child's page, with «Отказаться» for the family. */
export function ChildEnrolments({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const enrolments = useChildEnrolments(childId);
  // A finished programme is dated by the programme itself, as the learning path below (same query, same cache) has it.
  const path = useLearningPath(childId);
  const programmePeriod = (enrolmentId: string) => {
    const item = path.data?.items.find((i) => i.enrolmentId === enrolmentId);
    const period = item && periodText(item.startsOn, item.endsOn, t);
    return period ? t('enrolments.programmeDates', { period }) : '';
  };
  const [withdrawing, setWithdrawing] = useState<ChildEnrolment | null>(null);
  const isMobile = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  /** The line under the status: place in line, the programme's dates once finished, or since / until when. */
  const noteOf = (e: ChildEnrolment) =>
    e.state === 'waitlisted'
      ? t('enrolments.queuePlace', { position: e.waitlistPosition })
      : e.state === 'completed'
        ? programmePeriod(e.id)
        : [e.enrolledAt && `${t('enrolments.since')} ${formatDate(e.enrolledAt)}`, e.endedAt && t('enrolments.endedOn', { date: formatDate(e.endedAt) })].filter(Boolean).join(' ');

  return (
    <Stack gap="sm" component="section" aria-labelledby="child-enrolments-title">
      <Title order={2} size="h3" id="child-enrolments-title">
        {t('enrolments.listTitle')}
      </Title>
      {enrolments.isPending ? (
        <PageLoader />
      ) : enrolments.isError ? (
        <ErrorState error={enrolments.error} onRetry={() => void enrolments.refetch()} />
      ) : enrolments.data.length === 0 ? (
        <Stack gap="xs" align="flex-start">
          <Text c="dimmed">{t('enrolments.listEmpty')}</Text>
          <Button component={Link} to="/programmes" variant="light" size="sm">
            {t('enrolments.toCatalogue')}
          </Button>
        </Stack>
      ) : isMobile ? (
        // On a phone each programme is a card of its own: status and «Отказаться» in sight, no sideways scrolling.
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {enrolments.data.map((e) => (
            <Paper key={e.id} withBorder radius="md" p="sm" component="li" data-testid="child-enrolment">
              <Stack gap={6}>
                <Anchor component={Link} to={`/programmes/${e.programme.id}`} fw={600}>
                  {e.programme.title}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {e.programme.provider.shortName}
                </Text>
                <Group justify="space-between" align="flex-end" gap="xs">
                  <StateCell enrolment={e} note={noteOf(e)} />
                  {e.canWithdraw && (
                    <Button size="xs" variant="light" color="red" onClick={() => setWithdrawing(e)}>
                      {t('enrolments.withdraw')}
                    </Button>
                  )}
                </Group>
              </Stack>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('enrolments.programme')}</Table.Th>
                <Table.Th>{t('enrolments.provider')}</Table.Th>
                <Table.Th>{t('enrolments.status')}</Table.Th>
                <Table.Th aria-label={t('enrolments.withdraw')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {enrolments.data.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/programmes/${e.programme.id}`}>
                      {e.programme.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{e.programme.provider.shortName}</Table.Td>
                  <Table.Td>
                    <StateCell enrolment={e} note={noteOf(e)} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {e.canWithdraw && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => setWithdrawing(e)}>
                        {t('enrolments.withdraw')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {withdrawing && <WithdrawModal enrolment={withdrawing} onClose={() => setWithdrawing(null)} />}
    </Stack>
  );
}

function StateCell({ enrolment, note }: { enrolment: ChildEnrolment; note: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Group gap={6}>
        <Badge color={stateColor[enrolment.state]} variant="light" tt="none">
          {t(`enrolments.state.${enrolment.state}`)}
        </Badge>
        {enrolment.result && <ResultBadge result={enrolment.result} />}
      </Group>
      <Text size="xs" c="dimmed">
        {note}
      </Text>
    </Stack>
  );
}

function WithdrawModal({ enrolment, onClose }: { enrolment: ChildEnrolment; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const title = enrolment.programme.title;
  const withdraw = useMutation({
    mutationFn: () => enrolmentApi.withdraw(enrolment.id, enrolment.version),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('enrolments.withdrawn', { title }) });
      onClose();
      await invalidateAfterEnrolment(qc);
    },
    // A 409 (already ended, or moved up from the line meanwhile): the list reloads so the family sees where things stand.
    onError: () => void invalidateAfterEnrolment(qc),
  });
  return (
    <Modal opened onClose={onClose} title={t('enrolments.withdrawTitle')} centered>
      <Stack>
        <Text size="sm">{enrolment.state === 'waitlisted' ? t('enrolments.withdrawWaitlisted', { title }) : t('enrolments.withdrawEnrolled', { title })}</Text>
        {withdraw.isError && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(withdraw.error, t)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={() => withdraw.mutate()} loading={withdraw.isPending}>
            {t('enrolments.withdrawConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
