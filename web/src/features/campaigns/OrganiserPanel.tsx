import { useState } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { errorMessage, isStaleVersion } from '../../shared/api/errors';
import { ConflictAlert } from '../../shared/components/ConflictAlert';
import { formatDateTime } from '../../shared/dates';
import { useAddProgramme, useAllocateCampaign, useCancelCampaign, useCandidateProgrammes, useCampaign, useOpenCampaign } from './api';
import type { Campaign } from './types';
import './strings';

type Step = 'open' | 'allocate' | 'cancel';

// A 409 with a `code` says the step is not possible now (no programmes, the window still open); without one, someone changed the campaign meanwhile.

/** The organiser's controls: add programmes to a draft, open it, allocate after (or before) the close, cancel — each with a confirmation. */
export function OrganiserPanel({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<Step | null>(null);
  const refresh = useCampaign(campaign.id);
  const open = useOpenCampaign(campaign.id);
  const allocate = useAllocateCampaign(campaign.id);
  const cancel = useCancelCampaign(campaign.id);
  const stillOpen = new Date(campaign.closesAt) > new Date();
  const steps: Record<Step, { title: string; text: string; run: () => void; pending: boolean; color?: string }> = {
    open: { title: t('campaigns.openConfirmTitle'), text: t('campaigns.openConfirm', { from: formatDateTime(campaign.opensAt), to: formatDateTime(campaign.closesAt) }), run: () => open.mutate(campaign.version, { onSettled: () => setAsking(null) }), pending: open.isPending },
    allocate: {
      title: t('campaigns.allocateConfirmTitle'),
      text: `${stillOpen ? `${t('campaigns.allocateEarly', { date: formatDateTime(campaign.closesAt) })} ` : ''}${t('campaigns.allocateConfirm')}`,
      run: () => allocate.mutate(stillOpen, { onSettled: () => setAsking(null) }),
      pending: allocate.isPending,
    },
    cancel: { title: t('campaigns.cancelConfirmTitle'), text: t('campaigns.cancelConfirm'), run: () => cancel.mutate(campaign.version, { onSettled: () => setAsking(null) }), pending: cancel.isPending, color: 'red' },
  };
  const failure = open.error ?? allocate.error ?? cancel.error;

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">
            {t('campaigns.manage')}
          </Title>
          {campaign.applicants !== null && <Text c="dimmed">{t('campaigns.applicants', { count: campaign.applicants })}</Text>}
        </Group>
        {campaign.state === 'draft' && <AddProgrammeForm campaign={campaign} />}
        {failure &&
          (isStaleVersion(failure) && !(failure instanceof ApiError && 'code' in failure.problem) ? (
            <ConflictAlert title={t('campaigns.stale')} onReload={() => refresh.refetch()}>
              <Text size="sm">{errorMessage(failure, t)}</Text>
            </ConflictAlert>
          ) : (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(failure, t)}
            </Alert>
          ))}
        <Group>
          {campaign.state === 'draft' && (
            <>
              <Button onClick={() => setAsking('open')}>{t('campaigns.open')}</Button>
              <Button variant="default" component={Link} to={`/campaigns/${campaign.id}/edit`}>
                {t('campaigns.edit')}
              </Button>
            </>
          )}
          {campaign.state === 'open' && <Button onClick={() => setAsking('allocate')}>{stillOpen ? t('campaigns.allocateNow') : t('campaigns.allocate')}</Button>}
          {(campaign.state === 'draft' || campaign.state === 'open') && (
            <Button variant="subtle" color="red" onClick={() => setAsking('cancel')}>
              {t('campaigns.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
      <Modal opened={asking !== null} onClose={() => setAsking(null)} title={asking ? steps[asking].title : ''}>
        {asking && (
          <Stack>
            <Text size="sm">{steps[asking].text}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(null)}>
                {t('campaigns.keep')}
              </Button>
              <Button color={steps[asking].color} loading={steps[asking].pending} onClick={steps[asking].run}>
                {t('campaigns.confirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}

function AddProgrammeForm({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const candidates = useCandidateProgrammes(campaign, true);
  const add = useAddProgramme(campaign.id);
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const [seats, setSeats] = useState<number | string>(10);
  const choosable = (candidates.data ?? []).filter((p) => !campaign.programmes.some((c) => c.id === p.id));
  const chosen = choosable.find((p) => p.id === programmeId);
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('campaigns.addProgramme')}</Text>
      <Text size="sm" c="dimmed">
        {candidates.data && choosable.length === 0 ? t('campaigns.noCandidates') : t('campaigns.addProgrammeHint')}
      </Text>
      <Group align="flex-end">
        <Select
          label={t('campaigns.chooseProgramme')}
          placeholder={t('campaigns.chooseProgrammePlaceholder')}
          data={choosable.map((p) => ({ value: p.id, label: `${p.title} (${p.capacity - p.seatsTaken})` }))}
          value={programmeId}
          onChange={(value) => {
            setProgrammeId(value);
            const picked = choosable.find((p) => p.id === value);
            if (picked) setSeats(picked.capacity - picked.seatsTaken);
          }}
          searchable
          w={360}
        />
        <NumberInput label={t('campaigns.seatsField')} min={1} max={chosen ? chosen.capacity - chosen.seatsTaken : undefined} value={seats} onChange={setSeats} w={200} />
        <Button
          variant="light"
          disabled={!programmeId}
          loading={add.isPending}
          onClick={() => programmeId && add.mutate({ programmeId, seats: Number(seats) }, { onSuccess: () => setProgrammeId(null) })}
        >
          {t('campaigns.add')}
        </Button>
      </Group>
      {add.isError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(add.error, t)}
          {add.error instanceof ApiError && add.error.fieldErrors.map((e) => ` ${e.message}.`).join('')}
        </Alert>
      )}
    </Stack>
  );
}
