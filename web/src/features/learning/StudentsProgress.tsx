import { Anchor, Badge, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../shared/components/States';
import { useStudentsProgress } from './api';
import { attendanceText } from './labels';
import { ResultBadge } from './ResultBadge';
import './strings';

/**
 * The home school's view (embedded on the school's students page): its confirmed students × the
 * programmes they take at other organisations, with attendance and results.
 */
export function StudentsProgress({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const progress = useStudentsProgress(organizationId);
  return (
    <Stack gap="md" component="section" aria-labelledby="students-progress-title">
      <div>
        <Title order={2} id="students-progress-title">
          {t('learning.progress.title')}
        </Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t('learning.progress.subtitle')}
        </Text>
      </div>
      {progress.isPending ? (
        <Skeleton height={160} />
      ) : progress.isError ? (
        <ErrorState error={progress.error} onRetry={() => progress.refetch()} />
      ) : progress.data.items.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Text fw={600}>{t('learning.progress.empty')}</Text>
          <Text size="sm" c="dimmed" mt={4}>
            {t('learning.progress.emptyHint')}
          </Text>
        </Paper>
      ) : (
        <>
          <Text size="sm">{t('learning.progress.summary', { confirmed: progress.data.confirmedStudents, active: progress.data.items.length })}</Text>
          <Table.ScrollContainer minWidth={760}>
            <Table withTableBorder verticalSpacing="xs" aria-label={t('learning.progress.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('learning.progress.student')}</Table.Th>
                  <Table.Th>{t('learning.progress.programme')}</Table.Th>
                  <Table.Th>{t('learning.progress.provider')}</Table.Th>
                  <Table.Th>{t('learning.progress.attendance')}</Table.Th>
                  <Table.Th>{t('learning.progress.result')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {progress.data.items.map((student) => (
                  <Fragment key={student.child.id}>
                    {student.programmes.map((entry, index) => (
                      <Table.Tr key={entry.enrolmentId} data-testid="progress-row">
                        {index === 0 && (
                          <Table.Td rowSpan={student.programmes.length} style={{ verticalAlign: 'top' }}>
                            <Anchor component={Link} to={`/children/${student.child.id}`} fw={600}>
                              {student.child.fullName}
                            </Anchor>
                            {student.child.grade !== null && (
                              <Text size="xs" c="dimmed">
                                {t('learning.progress.gradeValue', { grade: student.child.grade })}
                              </Text>
                            )}
                          </Table.Td>
                        )}
                        <Table.Td>
                          <Anchor component={Link} to={`/programmes/${entry.programme.id}`} size="sm">
                            {entry.programme.title}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{entry.provider.shortName}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{attendanceText(entry.attendance, t)}</Text>
                          {entry.attendance.total > 0 && (
                            <Text size="xs" c="dimmed">
                              {Math.round((100 * entry.attendance.present) / entry.attendance.total)}%
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          {entry.result ? (
                            <Stack gap={2} align="flex-start">
                              <ResultBadge result={entry.result} />
                              {entry.resultNote && (
                                <Text size="xs" c="dimmed">
                                  {entry.resultNote}
                                </Text>
                              )}
                            </Stack>
                          ) : (
                            <Badge color="blue" variant="light" tt="none">
                              {t('learning.progress.inProgress')}
                            </Badge>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
