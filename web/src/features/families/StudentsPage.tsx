import { Anchor, Badge, Breadcrumbs, Button, Group, Paper, SegmentedControl, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../shared/api/errors';
import { useAuth } from '../../shared/auth/AuthContext';
import { ErrorState } from '../../shared/components/States';
import { formatDate } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { StudentsProgress } from '../learning/StudentsProgress';
import { useOrganization } from '../organizations/api';
import { type Student, useConfirmStudent, useStudents } from './api';
import { gradeText } from './labels';
import './strings';

const FILTERS = ['all', 'waiting', 'confirmed'] as const;
type Filter = (typeof FILTERS)[number];

/** /organizations/:id/students: children whose parents named the school, for its staff to confirm; then their progress. */
export function StudentsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const organization = useOrganization(id);
  const students = useStudents(id);
  const [params, setParams] = useSearchParams();
  const filter = FILTERS.find((f) => f === params.get('show')) ?? 'all';
  const name = organization.data ? organization.data.shortName || organization.data.fullName : '';
  useDocumentTitle(name ? `${t('families.students.title')} — ${name}` : t('families.students.title'));
  // On a phone the three filters do not fit in a row: stack them.
  const narrow = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
  const isHead = !!user?.memberships.some((m) => m.organizationId === id && m.role === 'org_admin');

  const shown = (students.data?.items ?? []).filter((s) => (filter === 'all' ? true : filter === 'confirmed' ? s.confirmed : !s.confirmed));

  return (
    <Stack gap="lg">
      <Breadcrumbs separator="›" component="nav" aria-label={t('common.breadcrumbs')}>
        <Anchor component={Link} to={`/organizations/${id}`} size="sm">
          {name || t('families.students.back')}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t('families.students.title')}
        </Text>
      </Breadcrumbs>
      <div>
        <Title order={1}>{t('families.students.title')}</Title>
        <Text c="dimmed" mt={4} maw={760}>
          {t('families.students.intro')}
        </Text>
      </div>

      {students.isError ? (
        <ErrorState error={students.error} onRetry={() => students.refetch()} />
      ) : students.isPending ? (
        <Skeleton height={240} aria-busy="true" />
      ) : (
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end" gap="sm">
            <Text fw={600} role="status" aria-live="polite">
              {t('families.students.total', { count: students.data.total })}
              {students.data.unconfirmed > 0 && ` · ${t('families.students.waitingCount', { count: students.data.unconfirmed })}`}
            </Text>
            <SegmentedControl
              aria-label={t('families.students.filterLabel')}
              orientation={narrow ? 'vertical' : 'horizontal'}
              fullWidth={narrow}
              w={narrow ? '100%' : undefined}
              value={filter}
              onChange={(value) => setParams(value === 'all' ? {} : { show: value }, { replace: true })}
              data={[
                { value: 'all', label: t('families.students.filterAll') },
                { value: 'waiting', label: t('families.students.filterWaiting') },
                { value: 'confirmed', label: t('families.students.filterConfirmed') },
              ]}
            />
          </Group>
          {shown.length === 0 ? (
            <Paper withBorder radius="md" p="xl">
              <Text ta="center" c="dimmed">
                {students.data.total === 0 ? t('families.students.empty') : t('families.students.emptyFiltered')}
              </Text>
            </Paper>
          ) : (
            <Paper withBorder radius="md">
              <Table.ScrollContainer minWidth={520}>
                <Table verticalSpacing="sm" highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('families.students.name')}</Table.Th>
                      <Table.Th>{t('families.students.grade')}</Table.Th>
                      <Table.Th>{t('families.students.state')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.map((student) => (
                      <StudentRow key={student.id} student={student} organizationId={id} isHead={isHead} />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
          )}
          {!isHead && students.data.unconfirmed > 0 && (
            <Text size="sm" c="dimmed">
              {t('families.students.headOnly')}
            </Text>
          )}
        </Stack>
      )}

      <StudentsProgress organizationId={id} />
    </Stack>
  );
}

function StudentRow({ student, organizationId, isHead }: { student: Student; organizationId: string; isHead: boolean }) {
  const { t } = useTranslation();
  const confirm = useConfirmStudent(organizationId);
  const onConfirm = async () => {
    try {
      await confirm.mutateAsync(student);
      notifications.show({ color: 'green', message: t('families.students.confirmedNow', { name: student.fullName }) });
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err, t) });
    }
  };
  return (
    <Table.Tr data-testid="student-row">
      <Table.Td>
        <Anchor component={Link} to={`/children/${student.id}`} size="sm">
          {student.fullName}
        </Anchor>
      </Table.Td>
      <Table.Td>{student.grade !== null ? gradeText(student.grade, t) : t('families.students.noGrade')}</Table.Td>
      <Table.Td>
        {student.confirmed ? (
          <Badge variant="light" color="green" tt="none">
            {t('families.students.confirmed', { date: formatDate(student.confirmedAt) })}
          </Badge>
        ) : isHead ? (
          <Button size="xs" onClick={onConfirm} loading={confirm.isPending} aria-label={t('families.students.confirmLabel', { name: student.fullName })}>
            {t('families.students.confirm')}
          </Button>
        ) : (
          <Badge variant="light" color="gray" tt="none">
            {t('families.students.waiting')}
          </Badge>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
