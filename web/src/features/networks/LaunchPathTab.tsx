import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Progress, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage, isStatus } from '../../shared/api/errors';
import { ownActiveMember } from '../../shared/auth/administered';
import { useAuth } from '../../shared/auth/AuthContext';
import { ErrorState } from '../../shared/components/States';
import { formatDate } from '../../shared/dates';
import { networkApi, networkKeys, useLaunchPath } from './api';
import { stepHint, stepTitle } from './launch-path-words';
import { LaunchPathEditor, PathHistory } from './LaunchPathEditor';
import type { LaunchPath, LaunchPathStep, LaunchStep, NetworkDetail, NetworkKind } from './types';
import './strings';
import '../exchanges/strings';
import '../organizations/strings';
import { ModalActions } from '../../shared/components/ModalActions';

/** Where the work behind a step is done, when that part of the network page exists. */
export type StepTarget = 'council' | 'documents' | 'plan' | 'exchange' | 'members';
const STEP_TARGET: Partial<Record<LaunchStep, StepTarget>> = {
  council: 'council',
  agreement: 'documents',
  regulation: 'documents',
  inventory: 'exchange',
  plan: 'plan',
  roadmap: 'plan',
  joint_events: 'plan',
  leader_strengths: 'exchange',
  satellite_needs: 'exchange',
  members: 'members',
};
/** Steps every member works on (its own resources and needs): they keep their links once done. */
const MEMBERS_WORK = new Set<LaunchStep>(['inventory', 'satellite_needs', 'leader_strengths']);

export function LaunchPathTab({ network, availableTabs = [] }: { network: NetworkDetail; availableTabs?: readonly string[] }) {
  const { t } = useTranslation();
  const path = useLaunchPath(network.id);

  if (path.isPending) {
    return (
      <Stack gap="sm" aria-busy="true">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} height={56} />
        ))}
      </Stack>
    );
  }
  if (path.isError) {
    if (isStatus(path.error, 404)) {
      return (
        <Alert color="gray" variant="light">
          {t('networks.launch.unavailable')}
        </Alert>
      );
    }
    return <ErrorState error={path.error} onRetry={() => path.refetch()} />;
  }
  return <LaunchPathView network={network} path={path.data} availableTabs={availableTabs} />;
}

function LaunchPathView({ network, path, availableTabs }: { network: NetworkDetail; path: LaunchPath; availableTabs: readonly string[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { user } = useAuth();
  const canManage = network.permissions.canManage;
  // the inventory step is every member's work and never quite over (resources change): it keeps its
  // links once done — to the network's exchange picture and to the user's own organisation's form
  const ownMember = ownActiveMember(network.members, user);
  const [marking, setMarking] = useState<LaunchPathStep | null>(null);
  const [launchOpen, setLaunchOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const kind = path.kind ?? network.kind;
  const gated = path.gated ?? path.steps.some((s) => s.step === 'launch');
  const gate = path.steps.findIndex((s) => s.step === 'launch');
  // the user's organisation describes its own resources or needs for these steps
  const ownsWork = (step: LaunchStep, member: { organizationId: string; role: string }) =>
    step === 'inventory' || (step === 'satellite_needs' && member.role === 'satellite') || (step === 'leader_strengths' && member.organizationId === network.managingOrganizationId);
  const titleOf = (s: LaunchPathStep) => stepTitle(t, kind, { key: s.step, title: s.title });
  const total = path.steps.length;
  const done = path.completed ?? path.steps.filter((s) => s.done).length;
  const current = path.current !== undefined ? path.current : (path.steps.find((s) => !s.done)?.step ?? null);

  // the button that opened a dialog disappears once the step changes: keep keyboard users on the step
  const focusStep = (step: LaunchStep) => setTimeout(() => document.getElementById(`launch-step-${step}`)?.focus(), 150);
  const onPath = (fresh: unknown) => {
    if (fresh && typeof fresh === 'object' && 'steps' in fresh) {
      qc.setQueryData<LaunchPath>(networkKeys.launchPath(network.id), (old) => ({ ...(old as LaunchPath), ...(fresh as LaunchPath) }));
    }
    void qc.invalidateQueries({ queryKey: networkKeys.launchPath(network.id) });
  };
  const onError = (err: unknown) => {
    notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(err, t), autoClose: 8000 });
    void qc.invalidateQueries({ queryKey: networkKeys.launchPath(network.id) });
  };

  const unmark = useMutation({
    mutationFn: (step: LaunchStep) => networkApi.markStep(network.id, step, { done: false }),
    onSuccess: (fresh, step) => {
      onPath(fresh);
      focusStep(step);
      notifications.show({ message: t('networks.launch.unmarked') });
    },
    onError,
  });
  const launch = useMutation({
    mutationFn: () => networkApi.launch(network.id),
    onSuccess: (fresh) => {
      setLaunchOpen(false);
      onPath(fresh);
      focusStep('launch');
      void qc.invalidateQueries({ queryKey: networkKeys.all });
      notifications.show({ color: 'green', message: t('networks.launch.launched') });
    },
    onError: (err) => {
      setLaunchOpen(false);
      onError(err);
    },
  });

  return (
    <Stack gap="lg" maw={880}>
      {path.launchedAt ? (
        <Alert color="green" variant="light" title={t('networks.launch.launchedTitle', { date: formatDate(path.launchedAt) })}>
          {current ? t('networks.launch.launchedTextAfter', { step: titleOf(path.steps.find((s) => s.step === current)!) }) : t('networks.launch.launchedText')}
        </Alert>
      ) : (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <Stack gap="xs">
            <Group justify="space-between" gap="sm">
              <Title order={2} size="h4">
                {t('networks.launch.progress', { done, total })}
              </Title>
              {current && (
                <Text size="sm">
                  {t('networks.launch.nowAt')}{' '}
                  <Text span fw={700}>
                    {titleOf(path.steps.find((s) => s.step === current)!)}
                  </Text>
                </Text>
              )}
            </Group>
            <Progress
              value={total ? (done / total) * 100 : 0}
              size="lg"
              color="teal"
              aria-label={t('networks.launch.progress', { done, total })}
            />
            <Text size="sm" c="dimmed">
              {gated
                ? canManage
                  ? t('networks.launch.introCoordinator')
                  : t('networks.launch.intro')
                : t('networks.launch.introUngated', { kind: t(`networkKinds.${kind}`) })}
            </Text>
          </Stack>
        </Paper>
      )}

      <Group justify="space-between" gap="sm" align="center">
        <Group gap="xs">
          <Text size="sm">
            {path.adapted ? t('networks.path.adaptedFrom', { template: t(`networks.path.template.${path.template ?? 'district'}`) }) : t('networks.path.onTemplate', { template: t(`networks.path.template.${path.template ?? 'district'}`) })}
          </Text>
          {path.adapted && (
            <Badge size="sm" variant="light" color="violet" tt="none" className="orbita-badge">
              {t('networks.path.adapted')}
            </Badge>
          )}
        </Group>
        {path.canAdapt && (
          <Button size="xs" variant="default" onClick={() => setEditing(true)}>
            {t('networks.path.edit')}
          </Button>
        )}
      </Group>

      <ol className="orbita-steps" aria-label={t('networks.tab.launch')}>
        {path.steps.map((s, i) => {
          const isCurrent = s.step === current;
          const afterLaunch = gate >= 0 && i > gate;
          const target = STEP_TARGET[s.step];
          const state = s.done ? 'done' : isCurrent ? 'current' : 'todo';
          return (
            <li key={s.step} className="orbita-step" data-state={state} aria-current={isCurrent ? 'step' : undefined}>
              <span className="orbita-step-marker" aria-hidden>
                {s.done ? '✓' : i + 1}
              </span>
              <div className="orbita-step-body">
                <Group gap="xs" align="center">
                  <Title order={3} size="h5" id={`launch-step-${s.step}`} tabIndex={-1}>
                    {titleOf(s)}
                  </Title>
                  <Badge
                    size="sm"
                    variant={s.done ? 'light' : 'outline'}
                    color={s.done ? 'green' : isCurrent ? 'blue' : 'gray'}
                    tt="none"
                  >
                    {s.done
                      ? s.source === 'manual'
                        ? t('networks.launch.doneManual')
                        : t('networks.launch.doneData')
                      : isCurrent
                        ? t('networks.launch.current')
                        : t('networks.launch.notDone')}
                  </Badge>
                </Group>
                {afterLaunch && (
                  <Text size="xs" c="dimmed" mt={2}>
                    {t('networks.path.afterLaunch')}
                  </Text>
                )}
                {stepHint(t, kind, s.step) && (
                  <Text size="sm" c="dimmed" mt={4}>
                    {stepHint(t, kind, s.step)}
                  </Text>
                )}
                {s.detail && (
                  <Text size="sm" mt={6} style={{ whiteSpace: 'pre-line' }}>
                    {s.source === 'manual' ? (
                      <>
                        <Text span fw={600}>
                          {t('networks.launch.note')}:
                        </Text>{' '}
                        {s.detail}
                      </>
                    ) : (
                      s.detail
                    )}
                  </Text>
                )}
                {!s.done && !s.markable && s.step !== 'launch' && (
                  <Text size="xs" c="dimmed" mt={4}>
                    {t('networks.launch.automatic')}
                  </Text>
                )}
                <Group gap="sm" mt="sm">
                  {target && availableTabs.includes(target) && (!s.done || MEMBERS_WORK.has(s.step)) && (
                    <Anchor component={Link} to={`/networks/${network.id}/${target}`} size="sm">
                      {t(`networks.launch.goto.${target}`)}
                    </Anchor>
                  )}
                  {ownMember && ownsWork(s.step, ownMember) && (
                    <Anchor component={Link} to={`/organizations/${ownMember.organizationId}/inventory`} size="sm">
                      {t('exchanges.picture.describeOwn')}
                    </Anchor>
                  )}
                  {canManage && s.markable && !s.done && (
                    <Button size="xs" variant="light" onClick={() => setMarking(s)}>
                      {t('networks.launch.mark')}
                    </Button>
                  )}
                  {canManage && s.markable && s.done && s.source === 'manual' && (!path.launchedAt || afterLaunch) && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="gray"
                      onClick={() => unmark.mutate(s.step)}
                      loading={unmark.isPending && unmark.variables === s.step}
                    >
                      {t('networks.launch.unmark')}
                    </Button>
                  )}
                  {s.step === 'launch' && !path.launchedAt && canManage && (
                    path.canLaunch ? (
                      <Button color="green" onClick={() => setLaunchOpen(true)}>
                        {t('networks.launch.launch')}
                      </Button>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('networks.launch.launchLater')}
                      </Text>
                    )
                  )}
                </Group>
              </div>
            </li>
          );
        })}
      </ol>

      {path.history && path.history.length > 0 && <PathHistory kind={kind} history={path.history} />}

      {editing && (
        <LaunchPathEditor
          network={network}
          path={path}
          onClose={() => setEditing(false)}
          onSaved={(fresh) => {
            setEditing(false);
            onPath(fresh);
            void qc.invalidateQueries({ queryKey: networkKeys.all });
            notifications.show({ color: 'green', message: t('networks.path.saved') });
          }}
        />
      )}

      {marking && (
        <MarkStepModal
          networkId={network.id}
          kind={kind}
          step={marking}
          onClose={() => setMarking(null)}
          onDone={(fresh) => {
            const step = marking.step;
            setMarking(null);
            onPath(fresh);
            focusStep(step);
            notifications.show({ color: 'green', message: t('networks.launch.marked') });
          }}
        />
      )}

      <Modal opened={launchOpen} onClose={() => setLaunchOpen(false)} title={t('networks.launch.confirmTitle')} centered>
        <Stack>
          <Text size="sm">{t('networks.launch.confirmText', { name: network.name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setLaunchOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="green" loading={launch.isPending} onClick={() => launch.mutate()}>
              {t('networks.launch.launch')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function MarkStepModal({
  networkId,
  kind,
  step,
  onClose,
  onDone,
}: {
  networkId: string;
  kind: NetworkKind;
  step: LaunchPathStep;
  onClose: () => void;
  onDone: (fresh: unknown) => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mark = useMutation({
    mutationFn: () => networkApi.markStep(networkId, step.step, { done: true, note: note.trim() || undefined }),
    onSuccess: onDone,
    onError: (err) => setError(errorMessage(err, t)),
  });
  const tooLong = note.length > 1000;
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('networks.launch.markTitle', { step: stepTitle(t, kind, { key: step.step, title: step.title }) })}
      centered
      size="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!tooLong) mark.mutate();
        }}
      >
        <Stack>
          {stepHint(t, kind, step.step) && <Text size="sm">{stepHint(t, kind, step.step)}</Text>}
          <Textarea
            label={t('networks.launch.noteLabel')}
            description={t('networks.launch.noteHint')}
            autosize
            minRows={3}
            maxRows={8}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={tooLong ? t('form.tooLong', { max: 1000 }) : undefined}
            data-autofocus
          />
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={mark.isPending} disabled={tooLong}>
              {t('networks.launch.markConfirm')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}
