import { useState } from 'react';
import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, Modal, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage, isStatus } from '../../shared/api/errors';
import { ErrorState } from '../../shared/components/States';
import { formatDate, formatDay } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { NotFoundPage } from '../home/NotFoundPage';
import { ChildEnrolments } from '../enrolments/ChildEnrolments';
import { LearningPath } from '../learning/LearningPath';
import { type Child, downloadChildExport, useChild, useDeleteChild } from './api';
import { ChildFormModal } from './ChildFormModal';
import { ConsentBlock } from './ConsentBlock';
import { ageOf, gradeText } from './labels';
import './strings';

/** /children/:id: the child's data, consent, programmes and timetable; export and deletion for the guardian. */
export function ChildPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const child = useChild(id);
  useDocumentTitle(child.data?.fullName ?? t('families.child.data'));

  if (child.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <Skeleton height={20} width={160} />
        <Skeleton height={40} width="50%" />
        <Skeleton height={200} />
      </Stack>
    );
  }
  if (child.isError) {
    if (isStatus(child.error, 404) || isStatus(child.error, 400)) return <NotFoundPage title={t('families.child.notFound')} text={t('families.child.notFoundText')} />;
    return <ErrorState error={child.error} onRetry={() => child.refetch()} />;
  }
  return <ChildCard child={child.data} />;
}

function ChildCard({ child }: { child: Child }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const isGuardian = child.relation === 'guardian';

  return (
    <Stack gap="lg">
      {isGuardian && (
        <Breadcrumbs separator="›" component="nav" aria-label={t('common.breadcrumbs')}>
          <Anchor component={Link} to="/children" size="sm">
            {t('families.child.back')}
          </Anchor>
          <Text size="sm" c="dimmed" lineClamp={1}>
            {child.fullName}
          </Text>
        </Breadcrumbs>
      )}
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={6}>
          {!isGuardian && (
            <Badge variant="outline" tt="none">
              {t(`families.child.relation.${child.relation}`)}
            </Badge>
          )}
          <Title order={1}>{child.fullName}</Title>
        </Stack>
        {isGuardian && (
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('families.child.edit')}
          </Button>
        )}
      </Group>

      <Paper withBorder radius="md" p="md" component="section" aria-label={t('families.child.data')}>
        <dl className="orbita-dl">
          <dt>{t('families.child.gradeLabel')}</dt>
          <dd>{child.grade !== null ? gradeText(child.grade, t) : t('families.child.notGiven')}</dd>
          <dt>{t('families.child.birthDate')}</dt>
          <dd>{child.birthDate ? `${formatDay(child.birthDate)} (${t('families.child.age', { count: ageOf(child.birthDate) })})` : t('families.child.notGiven')}</dd>
          <dt>{t('families.child.school')}</dt>
          <dd>
            {child.homeSchool ? (
              <Group gap={8}>
                <Anchor component={Link} to={`/organizations/${child.homeSchool.id}`} size="sm">
                  {child.homeSchool.shortName}
                </Anchor>
                <Badge size="lg" fw={600} variant="light" color={child.homeSchoolConfirmedAt ? 'green' : 'gray'} tt="none" className="orbita-badge-wrap">
                  {child.homeSchoolConfirmedAt ? `${t('families.child.confirmed')} ${formatDate(child.homeSchoolConfirmedAt)}` : t('families.child.unconfirmed')}
                </Badge>
              </Group>
            ) : (
              t('families.child.noSchool')
            )}
          </dd>
        </dl>
      </Paper>

      {isGuardian && <ConsentBlock child={child} />}
      <ChildEnrolments childId={child.id} />
      <LearningPath childId={child.id} />
      {isGuardian && <ChildDataActions child={child} />}

      {editing && <ChildFormModal child={child} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

/** The guardian's rights over the data: a full export and a deletion that cannot be undone. */
function ChildDataActions({ child }: { child: Child }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteChild(child.id);
  const [exporting, setExporting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const exportData = async () => {
    setError(null);
    setExporting(true);
    try {
      await downloadChildExport(child);
      notifications.show({ color: 'green', message: t('families.data.exported') });
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setExporting(false);
    }
  };
  const confirmDeletion = async () => {
    setError(null);
    try {
      await remove.mutateAsync();
      notifications.show({ color: 'green', message: t('families.data.deleted') });
      navigate('/children', { replace: true });
    } catch (err) {
      setConfirming(false);
      setError(errorMessage(err, t));
    }
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="child-data-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="child-data-title">
          {t('families.data.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('families.data.exportHint')}
        </Text>
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Group gap="sm">
          <Button variant="default" onClick={exportData} loading={exporting}>
            {t('families.data.export')}
          </Button>
          <Button variant="outline" color="red" onClick={() => setConfirming(true)}>
            {t('families.data.delete')}
          </Button>
        </Group>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('families.data.deleteTitle')} centered>
        <Stack gap="md">
          <Text size="sm">{t('families.data.deleteText')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('families.data.cancel')}
            </Button>
            <Button color="red" onClick={confirmDeletion} loading={remove.isPending}>
              {t('families.data.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
