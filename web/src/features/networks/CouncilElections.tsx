import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Code, Group, Modal, NumberInput, Paper, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorMessage } from '../../shared/api/errors';
import { requiredProps } from '../../shared/components/required';
import { ErrorState } from '../../shared/components/States';
import { formatDateTime } from '../../shared/dates';
import { councilApi, networkKeys, useElections } from './api';
import { Section } from './AboutTab';
import type { Election, ElectionState, NetworkDetail } from './types';
import './strings';
import { ModalActions } from '../../shared/components/ModalActions';

const STATE_COLORS: Record<ElectionState, string> = { nominating: 'blue', voting: 'yellow', closed: 'green', cancelled: 'gray' };

/**
 * Elections of the council (seed 001: «для управления округом избирается совет»): the coordinator starts one,
 * heads of member organisations put candidates forward, each organisation's head casts one ballot, the
 * coordinator closes it — the result is written into the election's minutes and the elected take their seats.
 */
export function CouncilElections({ network }: { network: NetworkDetail }) {
  const { t } = useTranslation();
  const elections = useElections(network.id);
  const [creating, setCreating] = useState(false);
  if (elections.isPending) return <Skeleton height={80} />;
  if (elections.isError) return <ErrorState error={elections.error} onRetry={() => elections.refetch()} />;
  const { items, permissions } = elections.data;
  const running = items.some((e) => e.state === 'nominating' || e.state === 'voting');
  if (!items.length && !permissions.canCreate) return null;
  return (
    <Section title={t('council.election.title')} actions={permissions.canCreate && !running ? <Button variant="light" onClick={() => setCreating(true)}>{t('council.election.start')}</Button> : undefined}>
      <Stack gap="md">
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('council.election.none')}
          </Text>
        ) : (
          items.map((e) => <ElectionCard key={e.id} network={network} election={e} />)
        )}
      </Stack>
      {creating && <CreateElectionModal network={network} onClose={() => setCreating(false)} />}
    </Section>
  );
}

function useElectionAction(network: NetworkDetail) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: networkKeys.elections(network.id) });
      void qc.invalidateQueries({ queryKey: networkKeys.council(network.id) });
      void qc.invalidateQueries({ queryKey: networkKeys.launchPath(network.id) });
    },
    onError: (err) => notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(err, t), autoClose: 8000 }),
  });
}

function ElectionCard({ network, election }: { network: NetworkDetail; election: Election }) {
  const { t } = useTranslation();
  const action = useElectionAction(network);
  const [nominating, setNominating] = useState(false);
  const [ballotFor, setBallotFor] = useState<string | null>(null);
  const p = election.permissions;
  const votesOf = (id: string) => election.result?.counts.find((c) => c.candidate === id)?.votes;
  const resultOf = (id: string) =>
    !election.result ? null : election.result.elected.includes(id) ? 'elected' : election.result.tied.includes(id) ? 'tied' : 'notElected';
  const memberName = (organizationId: string) => network.members.find((m) => m.organizationId === organizationId)?.organizationName ?? '';
  return (
    <Paper withBorder radius="md" p="md" component="article" aria-label={election.title}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2} style={{ flex: '1 1 260px', minWidth: 0 }}>
            <Text fw={700}>{election.title}</Text>
            <Text size="sm" c="dimmed">
              {t('council.election.seatsLine', { count: election.seats })}
              {election.state === 'voting' || election.state === 'closed' ? ` · ${t('council.election.voted', { count: election.votedOrganizations })}` : ''}
              {election.closedAt ? ` · ${formatDateTime(election.closedAt)}` : ''}
            </Text>
          </Stack>
          <Badge color={STATE_COLORS[election.state]} variant="light" tt="none" className="orbita-badge">
            {t(`council.election.state.${election.state}`)}
          </Badge>
        </Group>

        {election.candidates.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('council.election.noCandidates')}
          </Text>
        ) : (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('council.election.candidates')}>
            {election.candidates.map((c) => {
              const outcome = resultOf(c.id);
              return (
                <Group key={c.id} component="li" justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm" style={{ minWidth: 0 }}>
                    <Text span fw={600}>
                      {c.fullName}
                    </Text>
                    {` · ${[c.position, c.organizationName].filter(Boolean).join(', ')}`}
                  </Text>
                  <Group gap={6} wrap="nowrap">
                    {votesOf(c.id) !== undefined && (
                      <Text size="sm" c="dimmed">
                        {t('council.election.votes', { count: votesOf(c.id) })}
                      </Text>
                    )}
                    {outcome && (
                      <Badge size="sm" variant="light" tt="none" color={outcome === 'elected' ? 'green' : outcome === 'tied' ? 'orange' : 'gray'} className="orbita-badge">
                        {t(`council.election.outcome.${outcome}`)}
                      </Badge>
                    )}
                    {c.canWithdraw && (
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => action.mutate(() => councilApi.withdrawNomination(c.id))} aria-label={`${t('council.election.withdraw')}: ${c.fullName}`}>
                        {t('council.election.withdraw')}
                      </Button>
                    )}
                  </Group>
                </Group>
              );
            })}
          </Stack>
        )}

        {election.yourBallots.length > 0 && (
          <Text size="sm" c="teal.8">
            {t('council.election.yourBallot', { organization: election.yourBallots.map((b) => memberName(b.organizationId)).join(', ') })}
          </Text>
        )}
        {election.result && (
          <Alert color={election.result.outcome === 'elected' ? 'green' : 'orange'} variant="light">
            <Text size="sm">
              {election.result.outcome === 'no_quorum'
                ? t('council.election.noQuorum', { voted: election.result.voted, eligible: election.result.eligible, quorum: election.result.quorumPercent })
                : t('council.election.summary', { elected: election.result.elected.length, vacant: election.result.vacant, voted: election.result.voted, eligible: election.result.eligible })}
            </Text>
          </Alert>
        )}
        {election.minutes && (
          <details>
            <summary style={{ cursor: 'pointer' }}>
              <Text span size="sm" fw={600}>
                {t('council.election.minutes')}
              </Text>
            </summary>
            <Code block mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
              {election.minutes}
            </Code>
          </details>
        )}

        <Group gap="sm">
          {p.canNominate && (
            <Button size="sm" variant="light" onClick={() => setNominating(true)}>
              {t('council.election.nominate')}
            </Button>
          )}
          {p.canVoteFor.map((organizationId) => (
            <Button key={organizationId} size="sm" onClick={() => setBallotFor(organizationId)}>
              {p.canVoteFor.length > 1 ? t('council.election.voteFor', { organization: memberName(organizationId) }) : t('council.election.vote')}
            </Button>
          ))}
          {p.canOpen && (
            <Button size="sm" loading={action.isPending} onClick={() => action.mutate(() => councilApi.openElection(election.id))} disabled={!election.candidates.length}>
              {t('council.election.open')}
            </Button>
          )}
          {p.canClose && (
            <Button size="sm" loading={action.isPending} onClick={() => action.mutate(() => councilApi.closeElection(election.id))}>
              {t('council.election.close')}
            </Button>
          )}
          {p.canCancel && (
            <Button size="sm" variant="subtle" color="red" onClick={() => action.mutate(() => councilApi.cancelElection(election.id))}>
              {t('council.election.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
      {nominating && <NominateModal network={network} election={election} onClose={() => setNominating(false)} />}
      {ballotFor && <BallotModal network={network} election={election} organizationId={ballotFor} onClose={() => setBallotFor(null)} />}
    </Paper>
  );
}

function CreateElectionModal({ network, onClose }: { network: NetworkDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const action = useElectionAction(network);
  const [title, setTitle] = useState(t('council.election.defaultTitle'));
  const [seats, setSeats] = useState<number>(Math.min(Math.max(network.members.filter((m) => m.state === 'active').length, 1), 15));
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened onClose={onClose} title={t('council.election.start')} centered>
      <Stack>
        <Text size="sm">{t('council.election.startIntro')}</Text>
        <TextInput label={t('council.election.name')} {...requiredProps} value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-autofocus />
        <NumberInput label={t('council.election.seats')} description={t('council.election.seatsHint')} {...requiredProps} min={1} max={100} value={seats} onChange={(v) => setSeats(Number(v) || 1)} />
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <ModalActions onCancel={onClose}>
          <Button
            loading={action.isPending}
            onClick={() =>
              action.mutate(() => councilApi.createElection(network.id, { title: title.trim(), seats }), {
                onSuccess: onClose,
                onError: (err) => setError(errorMessage(err, t)),
              })
            }
          >
            {t('council.election.startSubmit')}
          </Button>
        </ModalActions>
      </Stack>
    </Modal>
  );
}

function NominateModal({ network, election, onClose }: { network: NetworkDetail; election: Election; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const { register, handleSubmit, setError: setFieldError, formState } = useForm<{ fullName: string; position: string }>({ defaultValues: { fullName: '', position: '' }, mode: 'onTouched' });
  const active = network.members.filter((m) => m.state === 'active');
  const submit = handleSubmit(async (v) => {
    setError(null);
    if (!organizationId) return setError(t('networks.members.organizationRequired'));
    try {
      await councilApi.nominate(election.id, { organizationId, fullName: v.fullName.trim(), position: v.position.trim() });
      notifications.show({ color: 'green', message: t('council.election.nominated', { name: v.fullName.trim() }) });
      void qc.invalidateQueries({ queryKey: networkKeys.elections(network.id) });
      onClose();
    } catch (err) {
      const rest = applyFieldErrors(err, setFieldError, ['fullName', 'position']);
      setError(rest.length ? rest.join('; ') : errorMessage(err, t));
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('council.election.nominate')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label={t('networks.members.organization')}
            description={t('council.organizationHint')}
            {...requiredProps}
            data={active.map((m) => ({ value: m.organizationId, label: m.organizationName }))}
            searchable
            value={organizationId}
            onChange={setOrganizationId}
            data-autofocus
          />
          <TextInput
            label={t('council.fullName')}
            {...requiredProps}
            {...register('fullName', { validate: (v) => v.trim().length >= 3 || t('council.fullNameRequired') })}
            error={formState.errors.fullName?.message}
          />
          <TextInput label={t('council.position')} placeholder={t('council.positionPlaceholder')} {...register('position')} />
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={formState.isSubmitting}>
              {t('council.election.nominateSubmit')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

function BallotModal({ network, election, organizationId, onClose }: { network: NetworkDetail; election: Election; organizationId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const action = useElectionAction(network);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const organization = network.members.find((m) => m.organizationId === organizationId)?.organizationName ?? '';
  return (
    <Modal opened onClose={onClose} title={t('council.election.ballotTitle', { organization })} centered>
      <Stack>
        <Text size="sm">{t('council.election.ballotIntro', { count: election.seats })}</Text>
        <Checkbox.Group value={chosen} onChange={setChosen} label={t('council.election.candidates')}>
          <Stack gap="xs" mt="xs">
            {election.candidates.map((c) => (
              <Checkbox
                key={c.id}
                value={c.id}
                label={`${c.fullName} · ${[c.position, c.organizationName].filter(Boolean).join(', ')}`}
                disabled={!chosen.includes(c.id) && chosen.length >= election.seats}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        {chosen.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('council.election.againstAll')}
          </Text>
        )}
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <ModalActions onCancel={onClose}>
          <Button
            loading={action.isPending}
            onClick={() =>
              action.mutate(() => councilApi.castBallot(election.id, chosen, organizationId), {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: t('council.election.ballotCast') });
                  onClose();
                },
                onError: (err) => setError(errorMessage(err, t)),
              })
            }
          >
            {t('council.election.ballotSubmit')}
          </Button>
        </ModalActions>
      </Stack>
    </Modal>
  );
}
