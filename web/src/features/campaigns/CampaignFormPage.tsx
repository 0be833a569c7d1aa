import { useState } from 'react';
import { Alert, Button, Group, NumberInput, Select, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { useRegion } from '../../shared/api/queries';
import { useAuth } from '../../shared/auth/AuthContext';
import { QueryDetail } from '../../shared/components/QueryDetail';
import { requiredProps } from '../../shared/components/required';
import { Forbidden } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useActingOrganization } from '../people/actingOrganization';
import { useCampaign, useCreateCampaign, useUpdateCampaign } from './api';
import { type Campaign, type CampaignInput, PRIORITY_RULES } from './types';
import './strings';

/** /campaigns/new: the organiser (a head of an organisation) drafts a campaign. */
export function CampaignCreatePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('campaigns.newTitle'));
  const { user } = useAuth();
  const navigate = useNavigate();
  const create = useCreateCampaign();
  const organisations = (user?.memberships ?? []).filter((m) => m.role === 'org_admin');
  const { acting } = useActingOrganization();
  if (!organisations.length) return <Forbidden text={t('campaigns.notOrganizer')} />;
  const start = dayjs().add(1, 'day').startOf('hour');
  return (
    <Stack gap="lg" maw={720}>
      <Title order={1}>{t('campaigns.newTitle')}</Title>
      <CampaignForm
        initial={{
          organizerOrganizationId: acting?.id ?? organisations[0].organizationId,
          title: '',
          description: '',
          opensAt: start.toISOString(),
          closesAt: start.add(14, 'day').toISOString(),
          maxChoices: 3,
          priorityRule: 'none',
        }}
        organisations={organisations.map((m) => ({ value: m.organizationId, label: m.organizationName }))}
        pending={create.isPending}
        error={create.error}
        cancelTo="/campaigns"
        onSubmit={(input) => create.mutate(input, { onSuccess: (campaign) => navigate(`/campaigns/${campaign.id}`) })}
      />
    </Stack>
  );
}

/** /campaigns/:id/edit: the terms of a draft. */
export function CampaignEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t('campaigns.editTitle'));
  const query = useCampaign(id);
  return (
    <QueryDetail query={query} backTo={`/campaigns/${id}`} backLabel={t('campaigns.back')} skeletonHeight={420}>
      {(campaign) => <EditForm campaign={campaign} />}
    </QueryDetail>
  );
}

function EditForm({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const update = useUpdateCampaign(campaign.id);
  if (!campaign.canManage) return <Forbidden />;
  if (campaign.state !== 'draft') return <Alert color="gray">{t('campaigns.draftOnly')}</Alert>;
  return (
    <Stack gap="lg" maw={720}>
      <Title order={1}>{t('campaigns.editTitle')}</Title>
      <CampaignForm
        initial={{ ...campaign, organizerOrganizationId: campaign.organizer.id }}
        organisations={[{ value: campaign.organizer.id, label: campaign.organizer.shortName }]}
        pending={update.isPending}
        error={update.error}
        cancelTo={`/campaigns/${campaign.id}`}
        onSubmit={(input) => update.mutate({ ...input, version: campaign.version }, { onSuccess: () => navigate(`/campaigns/${campaign.id}`) })}
      />
    </Stack>
  );
}

/** The pickers show and take the region's local time, whatever the browser's zone. */
function useRegionTime() {
  const timezone = useRegion().data?.timezone;
  return {
    toPicker: (iso: string) => (timezone ? dayjs(iso).tz(timezone) : dayjs(iso)).format('YYYY-MM-DD HH:mm:ss'),
    fromPicker: (local: string) => (timezone ? dayjs.tz(local, timezone) : dayjs(local)).toISOString(),
  };
}

function CampaignForm({
  initial,
  organisations,
  pending,
  error,
  cancelTo,
  onSubmit,
}: {
  initial: CampaignInput;
  organisations: { value: string; label: string }[];
  pending: boolean;
  error: unknown;
  cancelTo: string;
  onSubmit: (input: CampaignInput) => void;
}) {
  const { t } = useTranslation();
  const { toPicker, fromPicker } = useRegionTime();
  const [values, setValues] = useState({ ...initial, opensAt: toPicker(initial.opensAt), closesAt: toPicker(initial.closesAt) });
  const [touched, setTouched] = useState(false);
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues((v) => ({ ...v, [key]: value }));
  const serverErrors = error instanceof ApiError ? Object.fromEntries(error.fieldErrors.map((e) => [e.field.split('.').pop(), e.message])) : {};
  // A draft whose window already opened keeps it; a newly set opening may not lie before today, as the server says too.
  const openingMoved = values.opensAt !== toPicker(initial.opensAt);
  const localErrors: Record<string, string | undefined> = {
    title: !values.title.trim() ? t('campaigns.required') : values.title.trim().length < 3 ? t('campaigns.titleTooShort') : undefined,
    opensAt: !values.opensAt ? t('campaigns.required') : openingMoved && values.opensAt.slice(0, 10) < toPicker(new Date().toISOString()).slice(0, 10) ? t('campaigns.opensInPast') : undefined,
    closesAt: !values.closesAt ? t('campaigns.required') : values.opensAt && !dayjs(values.closesAt).isAfter(dayjs(values.opensAt)) ? t('campaigns.windowOrder') : undefined,
  };
  const fieldError = (name: string) => (touched ? localErrors[name] : undefined) ?? serverErrors[name];
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (Object.values(localErrors).some(Boolean)) return;
        onSubmit({ ...values, opensAt: fromPicker(values.opensAt), closesAt: fromPicker(values.closesAt) });
      }}
    >
      <Stack gap="md">
        {organisations.length > 1 && (
          <Select label={t('campaigns.fieldOrganizer')} data={organisations} value={values.organizerOrganizationId} onChange={(v) => v && set('organizerOrganizationId', v)} allowDeselect={false} />
        )}
        <TextInput label={t('campaigns.fieldTitle')} placeholder={t('campaigns.fieldTitlePlaceholder')} {...requiredProps} value={values.title} onChange={(e) => set('title', e.currentTarget.value)} error={fieldError('title')} />
        <Textarea label={t('campaigns.fieldDescription')} autosize minRows={3} value={values.description} onChange={(e) => set('description', e.currentTarget.value)} error={fieldError('description')} />
        <Group grow align="flex-start">
          <DateTimePicker label={t('campaigns.fieldOpensAt')} valueFormat="DD.MM.YYYY HH:mm" value={values.opensAt} onChange={(v) => set('opensAt', v ?? '')} {...requiredProps} error={fieldError('opensAt')} />
          <DateTimePicker label={t('campaigns.fieldClosesAt')} valueFormat="DD.MM.YYYY HH:mm" value={values.closesAt} onChange={(v) => set('closesAt', v ?? '')} {...requiredProps} error={fieldError('closesAt')} />
        </Group>
        <NumberInput label={t('campaigns.fieldMaxChoices')} min={1} max={10} value={values.maxChoices} onChange={(v) => set('maxChoices', Number(v) || 1)} error={fieldError('maxChoices')} w={260} />
        <Select
          label={t('campaigns.fieldPriority')}
          data={PRIORITY_RULES.map((rule) => ({ value: rule, label: t(`campaigns.priorityRules.${rule}`) }))}
          value={values.priorityRule}
          onChange={(v) => v && set('priorityRule', v as CampaignInput['priorityRule'])}
          allowDeselect={false}
          error={fieldError('priorityRule')}
        />
        {error != null && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(error, t)}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={pending}>
            {t('campaigns.saveDraft')}
          </Button>
          <Button variant="default" component={Link} to={cancelTo}>
            {t('campaigns.cancelEdit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
