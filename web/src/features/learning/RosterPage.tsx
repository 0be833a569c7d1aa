import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, Modal, Paper, Radio, Skeleton, Stack, Table, Tabs, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage, isStatus } from '../../shared/api/errors';
import { useAuth } from '../../shared/auth/AuthContext';
import { DateField } from '../../shared/components/DateField';
import { ErrorState } from '../../shared/components/States';
import { formatDate, formatDay, formatDayShort } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useAttendance, useRecordAttendance, useRecordResult, useRemoveEnrolment, useRoster } from './api';
import { ResultBadge } from './ResultBadge';
import { ENROLMENT_RESULTS, type AttendanceSheet, type EnrolmentResult, type RosterRow } from './types';
import './strings';
import { ModalActions } from '../../shared/components/ModalActions';

const TABS = ['enrolled', 'waitlist', 'attendance'] as const;
type Tab = (typeof TABS)[number];

/**
 * /programmes/:id/roster, for the provider's staff: who is enrolled (with removal and results), the
 * waitlist in the order seats will go, and the attendance register.
 */
export function RosterPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = TABS.find((x) => x === searchParams.get('tab')) ?? 'enrolled';
  // The register names the programme and its provider, and answers 403 to anyone who does not keep its records.
  const sheet = useAttendance(id);
  useDocumentTitle(sheet.data ? `${t('learning.roster.title')}: ${sheet.data.programme.title}` : t('learning.roster.title'));

  const back = (
    <Anchor component={Link} to={`/programmes/${id}`} size="sm">
      ← {t('learning.roster.back')}
    </Anchor>
  );
  if (sheet.isPending) return <Skeleton height={420} />;
  if (sheet.isError) {
    return (
      <Stack gap="md">
        {back}
        {isStatus(sheet.error, 403) ? (
          <Alert color="gray" variant="light" title={t('learning.roster.forbiddenTitle')}>
            {t('learning.roster.forbidden')}
          </Alert>
        ) : (
          <ErrorState error={sheet.error} onRetry={isStatus(sheet.error, 404) ? undefined : () => sheet.refetch()} />
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      {back}
      <div>
        <Text c="dimmed" size="sm">
          {t('learning.roster.title')}
        </Text>
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {sheet.data.programme.title}
        </Title>
      </div>
      <Tabs
        value={tab}
        onChange={(value) => value && setSearchParams(value === 'enrolled' ? {} : { tab: value }, { replace: true })}
        variant="outline"
        keepMounted={false}
      >
        <Tabs.List aria-label={t('learning.roster.tabsLabel')} className="orbita-tabs-list">
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x} className="orbita-tab">
              {t(`learning.roster.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="enrolled" pt="md">
          <EnrolledTab programmeId={id} sheet={sheet.data} />
        </Tabs.Panel>
        <Tabs.Panel value="waitlist" pt="md">
          <WaitlistTab programmeId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="attendance" pt="md">
          <AttendanceTab sheet={sheet.data} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function EnrolledTab({ programmeId, sheet }: { programmeId: string; sheet: AttendanceSheet }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const roster = useRoster(programmeId);
  const [resultFor, setResultFor] = useState<RosterRow | null>(null);
  const [removing, setRemoving] = useState<RosterRow | null>(null);
  // Removal is the provider's head's decision; teachers record attendance and results.
  const heads = (user?.memberships ?? []).some((m) => m.organizationId === sheet.programme.organizationId && m.role === 'org_admin');

  if (roster.isPending) return <Skeleton height={200} />;
  if (roster.isError) return <ErrorState error={roster.error} onRetry={() => roster.refetch()} />;
  const rows = roster.data.enrolled;
  if (rows.length === 0) return <EmptyNote text={t('learning.roster.emptyEnrolled')} />;
  return (
    <Stack gap="sm">
      <Text fw={600}>{t('learning.roster.enrolledCount', { count: rows.length })}</Text>
      <Table.ScrollContainer minWidth={720}>
        <Table withTableBorder verticalSpacing="xs" aria-label={t('learning.roster.tabs.enrolled')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('learning.roster.child')}</Table.Th>
              <Table.Th>{t('learning.roster.grade')}</Table.Th>
              <Table.Th>{t('learning.roster.homeSchool')}</Table.Th>
              <Table.Th>{t('learning.roster.enrolledAt')}</Table.Th>
              <Table.Th>{t('learning.roster.result')}</Table.Th>
              <Table.Th>{t('learning.roster.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.enrolmentId} data-testid="roster-row">
                <Table.Td fw={600}>{row.child.fullName}</Table.Td>
                <Table.Td>{row.child.grade ?? '—'}</Table.Td>
                <Table.Td>{row.homeSchool?.shortName ?? t('learning.roster.noHomeSchool')}</Table.Td>
                <Table.Td>{formatDate(row.enrolledAt)}</Table.Td>
                <Table.Td>
                  {row.result ? (
                    <ResultBadge result={row.result} />
                  ) : (
                    <Badge color="blue" variant="light" tt="none">
                      {t('learning.roster.noResult')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Button size="xs" variant="light" onClick={() => setResultFor(row)}>
                      {row.result ? t('learning.roster.changeResult') : t('learning.roster.recordResult')}
                    </Button>
                    {heads && row.state === 'enrolled' && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(row)}>
                        {t('learning.roster.remove')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {resultFor && (
        <ResultModal
          programmeId={programmeId}
          row={resultFor}
          note={sheet.rows.find((r) => r.enrolmentId === resultFor.enrolmentId)?.resultNote ?? ''}
          onClose={() => setResultFor(null)}
        />
      )}
      {removing && <RemoveModal programmeId={programmeId} row={removing} onClose={() => setRemoving(null)} />}
    </Stack>
  );
}

function ResultModal({ programmeId, row, note: recordedNote, onClose }: { programmeId: string; row: RosterRow; note: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<EnrolmentResult>(row.result ?? 'credit');
  const [note, setNote] = useState(recordedNote);
  const record = useRecordResult(programmeId);
  const save = () =>
    record.mutate(
      { enrolmentId: row.enrolmentId, version: row.version, result, note },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('learning.roster.resultSaved') });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={t('learning.roster.resultDialog', { name: row.child.fullName })} size="lg">
      <Stack gap="md">
        <Radio.Group label={t('learning.roster.resultLabel')} value={result} onChange={(value) => setResult(value as EnrolmentResult)}>
          <Group gap="lg" mt={6}>
            {ENROLMENT_RESULTS.map((value) => (
              <Radio key={value} value={value} label={t(`learning.results.${value}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label={t('learning.roster.resultNote')}
          description={t('learning.roster.resultNoteHint')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={1000}
          autosize
          minRows={2}
        />
        {row.state === 'enrolled' && (
          <Text size="sm" c="dimmed">
            {t('learning.roster.resultWarning')}
          </Text>
        )}
        {record.isError && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(record.error, t)}
          </Alert>
        )}
        <ModalActions onCancel={onClose}>
          <Button onClick={save} loading={record.isPending}>
            {t('learning.roster.save')}
          </Button>
        </ModalActions>
      </Stack>
    </Modal>
  );
}

function RemoveModal({ programmeId, row, onClose }: { programmeId: string; row: RosterRow; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const remove = useRemoveEnrolment(programmeId);
  const confirm = () => {
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    remove.mutate(
      { enrolmentId: row.enrolmentId, version: row.version, reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('learning.roster.removed') });
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('learning.roster.removeDialog', { name: row.child.fullName })} size="lg">
      <Stack gap="md">
        <Text size="sm">{t('learning.roster.removeText')}</Text>
        <Textarea
          label={t('learning.roster.removeReason')}
          description={t('learning.roster.removeReasonHint')}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? t('learning.roster.reasonRequired') : undefined}
          maxLength={1000}
          autosize
          minRows={2}
          required
          data-autofocus
        />
        {remove.isError && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(remove.error, t)}
          </Alert>
        )}
        <ModalActions onCancel={onClose}>
          <Button color="red" onClick={confirm} loading={remove.isPending}>
            {t('learning.roster.removeConfirm')}
          </Button>
        </ModalActions>
      </Stack>
    </Modal>
  );
}

function WaitlistTab({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const roster = useRoster(programmeId);
  if (roster.isPending) return <Skeleton height={160} />;
  if (roster.isError) return <ErrorState error={roster.error} onRetry={() => roster.refetch()} />;
  const rows = roster.data.waitlist;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('learning.roster.waitlistHint')}
      </Text>
      {rows.length === 0 ? (
        <EmptyNote text={t('learning.roster.emptyWaitlist')} />
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table withTableBorder verticalSpacing="xs" aria-label={t('learning.roster.tabs.waitlist')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={120}>{t('learning.roster.position')}</Table.Th>
                <Table.Th>{t('learning.roster.child')}</Table.Th>
                <Table.Th>{t('learning.roster.grade')}</Table.Th>
                <Table.Th>{t('learning.roster.homeSchool')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.enrolmentId} data-testid="waitlist-row">
                  <Table.Td fw={700}>{row.queuePosition}</Table.Td>
                  <Table.Td>{row.child.fullName}</Table.Td>
                  <Table.Td>{row.child.grade ?? '—'}</Table.Td>
                  <Table.Td>{row.homeSchool?.shortName ?? t('learning.roster.noHomeSchool')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

const RECENT_CLASSES = 10;

/** The class to mark: today's when there is one, else the latest still unmarked, else the latest class day up to today, else today within the programme's dates. */
function defaultClassDate(sheet: AttendanceSheet): string {
  if (sheet.dates.includes(sheet.today)) return sheet.today;
  const unmarked = sheet.unmarkedDates.at(-1);
  if (unmarked) return unmarked;
  const last = sheet.dates.filter((d) => d <= sheet.today).at(-1);
  if (last) return last;
  return sheet.today < sheet.programme.startsOn ? '' : sheet.today > sheet.programme.endsOn ? sheet.programme.endsOn : sheet.today;
}

/** How many unmarked past classes are offered as buttons; the title counts them all. */
const UNMARKED_SHOWN = 8;

function AttendanceTab({ sheet }: { sheet: AttendanceSheet }) {
  const { t } = useTranslation();
  const [classDate, setClassDate] = useState(() => defaultClassDate(sheet));
  const latestDay = sheet.today < sheet.programme.endsOn ? sheet.today : sheet.programme.endsOn;
  // Today's class is still being taken: only earlier ones are overdue.
  const overdue = sheet.unmarkedDates.filter((date) => date < sheet.today);
  if (sheet.rows.length === 0) return <EmptyNote text={t('learning.roster.attendance.nobody')} />;
  return (
    <Stack gap="md">
      {overdue.length > 0 && (
        <Alert color="orange" variant="light" title={t('learning.roster.attendance.unmarkedTitle', { count: overdue.length })} data-testid="unmarked-classes">
          <Stack gap="xs">
            <Text size="sm">{t('learning.roster.attendance.unmarkedHint')}</Text>
            <Group gap={6}>
              {overdue
                .slice(-UNMARKED_SHOWN)
                .reverse()
                .map((date) => (
                  <Button key={date} size="compact-sm" variant={date === classDate ? 'filled' : 'light'} color="orange" onClick={() => setClassDate(date)} aria-pressed={date === classDate}>
                    {formatDay(date)}
                  </Button>
                ))}
            </Group>
          </Stack>
        </Alert>
      )}
      <Group align="flex-end" gap="md">
        <DateField
          label={t('learning.roster.attendance.date')}
          description={t('learning.roster.attendance.dateHint')}
          value={classDate}
          onChange={setClassDate}
          minDate={sheet.programme.startsOn}
          maxDate={latestDay}
          clearable={false}
          w={300}
          maw="100%"
        />
      </Group>
      {/* A fresh sheet for every chosen date or saved change, so the ticks start from what is stored. */}
      <MarkSheet key={`${classDate}|${JSON.stringify(sheet.rows.map((r) => r.marks[classDate]))}`} sheet={sheet} classDate={classDate} />
    </Stack>
  );
}

function MarkSheet({ sheet, classDate }: { sheet: AttendanceSheet; classDate: string }) {
  const { t } = useTranslation();
  const record = useRecordAttendance(sheet.programme.id);
  // A class before a child was enrolled is not theirs to have attended or missed.
  const markable = sheet.rows.filter((row) => row.canMark && (!row.enrolledOn || row.enrolledOn <= classDate));
  const markableIds = new Set(markable.map((row) => row.enrolmentId));
  // An unmarked class starts with nobody ticked: a mark says the teacher saw the child, never a default.
  const [present, setPresent] = useState<Record<string, boolean>>(() => Object.fromEntries(markable.map((row) => [row.enrolmentId, row.marks[classDate] ?? false])));
  const isMobile = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const allDates = classDate && !sheet.dates.includes(classDate) ? [...sheet.dates, classDate].sort() : sheet.dates;
  // The chosen class and the ones just before it fit on a screen; the totals column counts them all.
  const recent = allDates.filter((date) => !classDate || date <= classDate).slice(-RECENT_CLASSES);
  // On a phone the class being marked comes first, beside the names, and earlier ones follow newest first.
  const dates = isMobile ? [...recent].reverse() : recent;
  const unmarked = new Set(sheet.unmarkedDates);

  const save = () =>
    record.mutate(
      { classDate, marks: markable.map((row) => ({ enrolmentId: row.enrolmentId, present: present[row.enrolmentId] ?? false })) },
      { onSuccess: () => notifications.show({ color: 'green', message: t('learning.roster.attendance.saved', { date: formatDay(classDate) }) }) },
    );

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center">
        <Text size="sm">{t('learning.roster.attendance.instruction')}</Text>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setPresent(Object.fromEntries(markable.map((row) => [row.enrolmentId, true])))} disabled={!classDate}>
            {t('learning.roster.attendance.allPresent')}
          </Button>
          <Button onClick={save} loading={record.isPending} disabled={!classDate || markable.length === 0}>
            {t('learning.roster.attendance.save')}
          </Button>
        </Group>
      </Group>
      {record.isError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(record.error, t)}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={Math.max(480, 260 + dates.length * 64)}>
        <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm" aria-label={t('learning.roster.attendance.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={{ position: 'sticky', left: 0, background: 'var(--mantine-color-body)', zIndex: 1 }}>{t('learning.roster.child')}</Table.Th>
              {dates.map((date) => (
                <Table.Th key={date} ta="center" bg={date === classDate ? 'var(--mantine-color-blue-0)' : undefined}>
                  <time dateTime={date}>{formatDayShort(date).slice(0, 5)}</time>
                  {unmarked.has(date) && date < sheet.today && (
                    <Text span c="orange.9" fw={700} title={t('learning.roster.attendance.unmarkedDay')} ml={2}>
                      <span aria-hidden="true">!</span>
                      <VisuallyHidden>{t('learning.roster.attendance.unmarkedDay')}</VisuallyHidden>
                    </Text>
                  )}
                </Table.Th>
              ))}
              <Table.Th ta="center">{t('learning.roster.attendance.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sheet.rows.map((row) => (
              <Table.Tr key={row.enrolmentId} data-testid="attendance-row">
                <Table.Td style={{ position: 'sticky', left: 0, background: 'var(--mantine-color-body)', zIndex: 1 }}>
                  <Text size="sm" fw={600}>
                    {row.child.fullName}
                  </Text>
                  {!row.canMark ? (
                    <Text size="xs" c="dimmed">
                      {row.state === 'completed' ? t('learning.roster.attendance.finished') : t('learning.roster.attendance.left')}
                    </Text>
                  ) : (
                    !markableIds.has(row.enrolmentId) &&
                    row.enrolledOn && (
                      <Text size="xs" c="dimmed">
                        {t('learning.roster.attendance.joinedLater', { date: formatDay(row.enrolledOn) })}
                      </Text>
                    )
                  )}
                </Table.Td>
                {dates.map((date) => (
                  <Table.Td key={date} ta="center" bg={date === classDate ? 'var(--mantine-color-blue-0)' : undefined}>
                    {date === classDate && markableIds.has(row.enrolmentId) ? (
                      <Checkbox
                        checked={present[row.enrolmentId] ?? false}
                        onChange={(e) => setPresent({ ...present, [row.enrolmentId]: e.currentTarget.checked })}
                        aria-label={`${row.child.fullName}: ${t('learning.roster.attendance.present')}`}
                        style={{ display: 'inline-block' }}
                      />
                    ) : (
                      <MarkCell value={row.marks[date]} />
                    )}
                  </Table.Td>
                ))}
                <Table.Td ta="center">
                  {row.attendance.present}/{row.attendance.total}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" c="dimmed">
        {sheet.dates.length === 0 ? t('learning.roster.attendance.noDates') : t('learning.roster.attendance.recent', { count: dates.length })}
      </Text>
    </Stack>
  );
}

function MarkCell({ value }: { value: boolean | undefined }) {
  const { t } = useTranslation();
  if (value === undefined) return <span aria-label={t('learning.roster.attendance.notMarked')}>·</span>;
  return value ? (
    <Text span c="green.8" fw={700} aria-label={t('learning.roster.attendance.wasPresent')}>
      ✓
    </Text>
  ) : (
    <Text span c="red.7" fw={700} aria-label={t('learning.roster.attendance.wasAbsent')}>
      ✗
    </Text>
  );
}

function EmptyNote({ text }: { text: string }) {
  return (
    <Paper withBorder radius="md" p="lg">
      <Text>{text}</Text>
    </Paper>
  );
}
