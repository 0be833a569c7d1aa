import { useState } from 'react';
import { Accordion, Alert, Anchor, Badge, Button, Group, Modal, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRegion } from '../../shared/api/queries';
import { SelectField } from '../../shared/components/SelectField';
import { EmptyList, ErrorState, ListSkeleton } from '../../shared/components/States';
import { requiredProps } from '../../shared/components/required';
import { formatDate } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { AdminPageTitle } from './AdminSection';
import {
  useArchiveMunicipality,
  useCreateMunicipality,
  useInvitations,
  useManagedMunicipalities,
  usePeople,
  useRenameMunicipality,
  useRestoreMunicipality,
} from './api';
import { BorderedList } from './BorderedList';
import { ConfirmModal } from './ConfirmModal';
import { submitFailure } from './formErrors';
import { InvitationList } from './InvitationList';
import { InviteModal } from './InviteModal';
import type { ManagedMunicipality, MunicipalityInput } from './types';
import { ModalActions } from './ModalActions';
import { placeName } from '../../shared/i18n/place-names';
import './strings';

/** /admin/municipalities (operator): the region's municipalities and the authority staff of each. */
export function MunicipalitiesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('people.municipalities.title'));
  const municipalities = useManagedMunicipalities();
  const [creating, setCreating] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="md">
        <AdminPageTitle title={t('people.municipalities.title')} intro={t('people.municipalities.intro')} />
        <Button onClick={() => setCreating(true)}>{t('people.municipalities.create')}</Button>
      </Group>
      {municipalities.isError ? (
        <ErrorState error={municipalities.error} onRetry={() => municipalities.refetch()} />
      ) : municipalities.isPending ? (
        <ListSkeleton rows={6} height={56} />
      ) : municipalities.data.length === 0 ? (
        <EmptyList title={t('people.municipalities.empty')} hint={t('people.municipalities.emptyHint')} />
      ) : (
        <Accordion variant="contained" radius="md" order={2} value={opened} onChange={setOpened} bg="var(--mantine-color-body)">
          {municipalities.data.map((m) => (
            <Accordion.Item key={m.id} value={m.id} data-testid="municipality-item">
              <Accordion.Control>
                <Group gap="xs">
                  <Text fw={600}>{placeName(m.name)}</Text>
                  <Text size="sm" c="dimmed">
                    {t(`people.municipalities.kinds.${m.kind}`)}
                    {m.subjectName ? ` · ${placeName(m.subjectName)}` : ''}
                  </Text>
                  {m.archivedAt && (
                    <Badge color="gray" variant="light" tt="none">
                      {t('people.municipalities.archived')}
                    </Badge>
                  )}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>{opened === m.id && <MunicipalityPanel municipality={m} />}</Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
      {creating && <MunicipalityFormModal municipality={null} onClose={() => setCreating(false)} />}
    </Stack>
  );
}

/** An opened municipality: its authority staff and their pending invitations, then its own changes. */
function MunicipalityPanel({ municipality }: { municipality: ManagedMunicipality }) {
  const { t } = useTranslation();
  const staff = usePeople({ q: '', municipalityId: municipality.id, organizationId: null, role: 'authority', state: null, page: 1 });
  const invitations = useInvitations({ municipalityId: municipality.id, state: 'pending', page: 1 });
  const pendingAuthority = (invitations.data?.items ?? []).filter((i) => i.role === 'authority');
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const archived = !!municipality.archivedAt;

  return (
    <Stack gap="md">
      {archived && (
        <Alert color="gray" variant="light">
          {t('people.municipalities.archivedNotice', { date: formatDate(municipality.archivedAt) })}
        </Alert>
      )}
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h5">
          {t('people.municipalities.staff')}
        </Title>
        {!archived && (
          <Button size="xs" onClick={() => setInviting(true)}>
            {t('people.municipalities.inviteAuthority')}
          </Button>
        )}
      </Group>
      {staff.isError ? (
        <ErrorState error={staff.error} onRetry={() => staff.refetch()} />
      ) : staff.isPending ? (
        <ListSkeleton rows={2} height={48} />
      ) : staff.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {archived ? t('people.municipalities.noStaffArchived') : t('people.municipalities.noStaff')}
        </Text>
      ) : (
        <BorderedList items={staff.data.items} keyOf={(p) => p.id}>
          {(person) => (
            <Group justify="space-between" gap="xs" p="sm">
              <Anchor component={Link} to={`/admin/people/${person.id}`} size="sm" fw={600}>
                {person.fullName}
              </Anchor>
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {person.email}
              </Text>
            </Group>
          )}
        </BorderedList>
      )}
      {pendingAuthority.length > 0 && (
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('people.municipalities.pending')}
          </Title>
          <InvitationList invitations={pendingAuthority} showPlace={false} />
        </Stack>
      )}
      <Group gap="sm">
        <Button variant="default" size="xs" onClick={() => setEditing(true)}>
          {t('people.municipalities.edit')}
        </Button>
        <Button variant="subtle" color={archived ? 'blue' : 'red'} size="xs" onClick={() => setArchiving(true)}>
          {archived ? t('people.municipalities.restore') : t('people.municipalities.archive')}
        </Button>
      </Group>
      {inviting && <InviteModal municipality={municipality} onClose={() => setInviting(false)} />}
      {editing && <MunicipalityFormModal municipality={municipality} onClose={() => setEditing(false)} />}
      {archiving && <ArchiveModal municipality={municipality} onClose={() => setArchiving(false)} />}
    </Stack>
  );
}

function ArchiveModal({ municipality, onClose }: { municipality: ManagedMunicipality; onClose: () => void }) {
  const { t } = useTranslation();
  const archive = useArchiveMunicipality(municipality.id);
  const restore = useRestoreMunicipality(municipality.id);
  const archived = !!municipality.archivedAt;
  return (
    <ConfirmModal
      title={archived ? t('people.municipalities.restoreTitle') : t('people.municipalities.archiveTitle')}
      text={t(archived ? 'people.municipalities.restoreText' : 'people.municipalities.archiveText', { name: municipality.name })}
      confirmLabel={archived ? t('people.municipalities.restore') : t('people.municipalities.archive')}
      color={archived ? 'blue' : 'red.9'}
      doneMessage={t(archived ? 'people.municipalities.restored' : 'people.municipalities.archivedNow', { name: municipality.name })}
      onConfirm={() => (archived ? restore : archive).mutateAsync()}
      onClose={onClose}
    />
  );
}

type MunicipalityValues = Omit<MunicipalityInput, 'centerLat' | 'centerLon'> & { centerLat: number | string; centerLon: number | string };
const MUNICIPALITY_FIELDS = ['name', 'kind', 'subjectName', 'centerLat', 'centerLon'] as const;

/** Creates a municipality or corrects one (its name above all); the map centre defaults to the region's. */
function MunicipalityFormModal({ municipality, onClose }: { municipality: ManagedMunicipality | null; onClose: () => void }) {
  const { t } = useTranslation();
  const region = useRegion();
  const create = useCreateMunicipality();
  const rename = useRenameMunicipality(municipality?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<MunicipalityValues>({
    defaultValues: {
      name: municipality?.name ?? '',
      kind: municipality?.kind ?? 'district',
      subjectName: municipality?.subjectName ?? '',
      centerLat: municipality?.centerLat ?? region.data?.centerLat ?? '',
      centerLon: municipality?.centerLon ?? region.data?.centerLon ?? '',
    },
  });

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const input: MunicipalityInput = { ...values, name: values.name.trim(), subjectName: values.subjectName.trim(), centerLat: Number(values.centerLat), centerLon: Number(values.centerLon) };
    try {
      const saved = municipality ? await rename.mutateAsync(input) : await create.mutateAsync(input);
      notifications.show({ color: 'green', message: t(municipality ? 'people.municipalities.saved' : 'people.municipalities.created', { name: saved.name }) });
      onClose();
    } catch (err) {
      setError(submitFailure(err, setFieldError, MUNICIPALITY_FIELDS, t));
    }
  });

  const coordinate = (name: 'centerLat' | 'centerLon', min: number, max: number) => (
    <Controller
      control={control}
      name={name}
      rules={{ validate: (v) => (v !== '' && Number(v) >= min && Number(v) <= max) || t('people.municipalities.coordinateRange', { min, max }) }}
      render={({ field, fieldState }) => (
        <NumberInput
          label={t(`people.municipalities.${name}`)}
          decimalScale={5}
          decimalSeparator=","
          min={min}
          max={max}
          hideControls
          {...requiredProps}
          value={field.value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          ref={field.ref}
          error={fieldState.error?.message}
          miw={160}
        />
      )}
    />
  );

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} title={municipality ? t('people.municipalities.editTitle', { name: municipality.name }) : t('people.municipalities.createTitle')} size="lg" centered>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('people.municipalities.name')}
            data-autofocus
            {...requiredProps}
            {...register('name', { validate: (v) => v.trim().length >= 2 || t('people.municipalities.nameRequired') })}
            error={errors.name?.message}
          />
          <SelectField
            control={control}
            name="kind"
            label={t('people.municipalities.kind')}
            data={(['district', 'city'] as const).map((k) => ({ value: k, label: t(`people.municipalities.kinds.${k}`) }))}
            {...requiredProps}
          />
          <TextInput label={t('people.municipalities.subjectName')} description={t('people.municipalities.subjectNameHint')} {...register('subjectName')} error={errors.subjectName?.message} />
          <Group grow align="flex-start" wrap="wrap">
            {coordinate('centerLat', -90, 90)}
            {coordinate('centerLon', -180, 180)}
          </Group>
          <Text size="xs" c="dimmed">
            {t('people.municipalities.centerHint')}
          </Text>
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={isSubmitting}>
              {municipality ? t('common.save') : t('people.municipalities.create')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}
