import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage, isStatus } from '../../shared/api/errors';
import { ActionFailure, type Failure } from '../../shared/components/ActionFailure';
import { ModalActions } from '../../shared/components/ModalActions';
import { formatDate } from '../../shared/dates';
import { practiceApi, practiceKeys, usePracticeVersion } from './api';
import type { PracticeDetail, PracticeVersion } from './types';
import './strings';

type Step = 'submit' | 'publish' | 'archive';

const stateColors: Record<PracticeDetail['state'], string> = { draft: 'gray', submitted: 'yellow', published: 'green', archived: 'dark' };

/**
 * The version the card shows: the one named in `?version=` (a draft, a submitted or a superseded one, to those who
 * work on it), else the published one, else — a practice never published — the one being drafted.
 */
export function useShownVersion(practice: PracticeDetail | undefined) {
  const [params] = useSearchParams();
  const asked = params.get('version');
  const other = asked && practice && asked !== practice.published?.id && asked !== practice.working?.id ? asked : null;
  const loaded = usePracticeVersion(practice?.id ?? '', other);
  if (!practice) return { shown: null, pending: false };
  if (asked && asked === practice.working?.id) return { shown: practice.working, pending: false };
  if (other) return { shown: loaded.data ?? null, pending: loaded.isPending && !loaded.isError, error: loaded.error };
  return { shown: practice.published ?? practice.working, pending: false };
}

/** The practice's state, and what the caller may do with it: edit, submit for review, publish without review, archive. */
export function PracticeActions({ practice }: { practice: PracticeDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [asking, setAsking] = useState<Step | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const run = useMutation({
    mutationFn: (step: Step) => practiceApi[step](practice.id, practice.version),
    onSuccess: (saved, step) => {
      setFailure(null);
      qc.setQueryData(practiceKeys.one(practice.id), saved);
      void qc.invalidateQueries({ queryKey: practiceKeys.all });
      notifications.show({ color: 'green', message: t(`practices.workflow.done.${step}`) });
    },
    onError: (err) => setFailure({ conflict: isStatus(err, 409), message: errorMessage(err, t) }),
    onSettled: () => setAsking(null),
  });
  const draft = practice.working?.state === 'draft';
  const archived = practice.state === 'archived';
  const steps: Step[] = [
    ...(practice.canEdit && draft && !archived ? (['submit'] as const) : []),
    ...(practice.canPublish && practice.working && !archived ? (['publish'] as const) : []),
    ...(practice.canPublish && !archived ? (['archive'] as const) : []),
  ];
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="wrap">
        <Badge color={stateColors[practice.state]} variant="light" tt="none" size="lg">
          {t(`practices.practiceStates.${practice.state}`)}
        </Badge>
        {practice.canEdit && !archived && (
          <Button component={Link} to={`/practices/${practice.id}/edit`} size="xs" variant="light">
            {practice.working?.state === 'draft' ? t('practices.workflow.edit') : t('practices.workflow.editNewVersion')}
          </Button>
        )}
        {steps.map((step) => (
          <Button key={step} size="xs" variant={step === 'archive' ? 'default' : 'filled'} color={step === 'archive' ? 'gray' : undefined} onClick={() => setAsking(step)}>
            {t(`practices.workflow.${step}`)}
          </Button>
        ))}
      </Group>
      <ActionFailure failure={failure} conflictTitle={t('practices.workflow.notDone')} onReload={() => qc.invalidateQueries({ queryKey: practiceKeys.one(practice.id) })} />
      {asking && (
        <Modal opened onClose={() => setAsking(null)} title={t(`practices.workflow.confirmTitle.${asking}`)}>
          <Stack gap="md">
            <Text size="sm">{t(`practices.workflow.confirmText.${asking}`, { number: practice.working?.number ?? '' })}</Text>
            <ModalActions onCancel={() => setAsking(null)}>
              <Button color={asking === 'archive' ? 'red' : undefined} loading={run.isPending} onClick={() => run.mutate(asking)}>
                {t(`practices.workflow.${asking}`)}
              </Button>
            </ModalActions>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}

/**
 * Which version the reader is looking at: a banner over the published card when a new version is being prepared (with
 * a link to it), and over any other version a note with the way back to the published one.
 */
export function VersionBanner({ practice, shown }: { practice: PracticeDetail; shown: PracticeVersion }) {
  const { t } = useTranslation();
  const base = `/practices/${practice.id}`;
  if (practice.published && shown.id !== practice.published.id) {
    return (
      <Alert color="yellow" variant="light" title={t('practices.workflow.viewingTitle', { number: shown.number, state: t(`practices.states.${shown.state}`) })}>
        <Anchor component={Link} to={base} size="sm">
          {t('practices.workflow.toPublished')}
        </Anchor>
      </Alert>
    );
  }
  if (practice.published && practice.working) {
    return (
      <Alert color="blue" variant="light" title={t('practices.workflow.draftBanner')}>
        <Stack gap={4} align="flex-start">
          <Text size="sm">{t('practices.workflow.draftBannerText', { number: practice.working.number, state: t(`practices.states.${practice.working.state}`) })}</Text>
          <Anchor component={Link} to={`${base}?version=${practice.working.id}`} size="sm">
            {t('practices.workflow.openDraft')}
          </Anchor>
        </Stack>
      </Alert>
    );
  }
  return null;
}

/** Every version of the practice, newest first, each a link to read it (for those who work on it). */
export function PracticeVersions({ practice, shownId }: { practice: PracticeDetail; shownId: string }) {
  const { t } = useTranslation();
  if (!practice.versions.length) return null;
  return (
    <section aria-labelledby="practice-versions">
      <Title order={2} size="h4" mb={4} id="practice-versions">
        {t('practices.versions')}
      </Title>
      <List spacing={4}>
        {practice.versions.map((v) => {
          const when = v.publishedAt ?? v.submittedAt ?? v.createdAt;
          const label = `${t('practices.versionLine', { number: v.number })} — ${t(`practices.states.${v.state}`)}, ${formatDate(when)}`;
          return (
            <List.Item key={v.id}>
              {v.id === shownId ? (
                <Text span fw={600} aria-current="true">
                  {label}
                </Text>
              ) : (
                <Anchor component={Link} to={v.id === practice.published?.id ? `/practices/${practice.id}` : `/practices/${practice.id}?version=${v.id}`}>
                  {label}
                </Anchor>
              )}
            </List.Item>
          );
        })}
      </List>
    </section>
  );
}
