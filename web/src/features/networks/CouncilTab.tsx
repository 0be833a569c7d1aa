import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Modal,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { applyFieldErrors, errorMessage } from '../../shared/api/errors';
import { requiredProps } from '../../shared/components/required';
import { ErrorState } from '../../shared/components/States';
import { formatDate, formatDateTime, regionLocalToIso } from '../../shared/dates';
import { councilApi, networkKeys, useCouncil, useCouncilCandidates, useMeetings } from './api';
import { Section } from './AboutTab';
import { MeetingView } from './MeetingView';
import type { Council, CouncilMember, MeetingState, NetworkDetail } from './types';
import './strings';
import '../organizations/strings';

export const MEETING_STATE_COLORS: Record<MeetingState, string> = {
  planned: 'blue',
  held: 'yellow',
  approved: 'green',
  cancelled: 'gray',
};

export function CouncilTab({ network, sub }: { network: NetworkDetail; sub?: string }) {
  if (sub) return <MeetingView network={network} meetingId={sub} />;
  return <CouncilOverview network={network} />;
}

function CouncilOverview({ network }: { network: NetworkDetail }) {
  const { t } = useTranslation();
  const council = useCouncil(network.id);
  if (council.isPending) return <Skeleton height={240} />;
  if (council.isError) return <ErrorState error={council.error} onRetry={() => council.refetch()} />;
  return (
    <Stack gap="lg">
      <Composition network={network} council={council.data} />
      <Meetings network={network} canSchedule={council.data.permissions.canScheduleMeeting} hasMembers={council.data.members.length > 0} />
      <Text size="xs" c="dimmed">
        {t('council.rulesLine', {
          quorum: council.data.rules.quorumPercent,
          majority: t(`council.majorityNeed.${council.data.rules.majority}`),
        })}
      </Text>
    </Stack>
  );
}

function Composition({ network, council }: { network: NetworkDetail; council: Council }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const isMobile = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [addOpen, setAddOpen] = useState(false);
  const [removing, setRemoving] = useState<CouncilMember | null>(null);
  const canManage = council.permissions.canManage;

  const remove = useMutation({
    mutationFn: (m: CouncilMember) => councilApi.removeMember(m.id),
    onSuccess: (_d, m) => {
      setRemoving(null);
      notifications.show({ color: 'green', message: t('council.removed', { name: m.fullName }) });
      void qc.invalidateQueries({ queryKey: networkKeys.council(network.id) });
      void qc.invalidateQueries({ queryKey: networkKeys.launchPath(network.id) });
    },
    onError: (err) => {
      setRemoving(null);
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(err, t), autoClose: 8000 });
    },
  });

  const roleBadge = (m: CouncilMember) => (
    <Badge variant={m.role === 'member' ? 'outline' : 'light'} color={m.role === 'chair' ? 'blue' : m.role === 'secretary' ? 'grape' : 'gray'} tt="none" className="orbita-badge">
      {t(`council.role.${m.role}`)}
    </Badge>
  );
  const name = (m: CouncilMember) => (
    <Group gap={6}>
      <Text size="sm" fw={600}>
        {m.fullName}
      </Text>
      {m.isYou && (
        <Badge size="xs" variant="filled" color="teal" tt="none">
          {t('council.you')}
        </Badge>
      )}
      {!m.organizationActive && (
        <Badge size="xs" variant="light" color="orange" tt="none">
          {t('council.orgLeft')}
        </Badge>
      )}
    </Group>
  );

  return (
    <Section
      title={t('council.compositionTitle')}
      actions={
        <Group gap="sm">
          <Badge color={council.state.formed ? 'green' : 'yellow'} variant="light" tt="none" size="lg" className="orbita-badge">
            {council.state.formed ? t('council.formed') : t('council.notFormed')}
          </Badge>
          {canManage && <Button onClick={() => setAddOpen(true)}>{t('council.add')}</Button>}
        </Group>
      }
    >
      <Stack gap="md">
        {!council.state.formed && (
          <Alert color="yellow" variant="light" title={t('council.missingTitle')}>
            <List size="sm" spacing={2}>
              {council.state.missing.map((m) => (
                <List.Item key={m}>{m}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {council.members.length === 0 ? (
          <Text size="sm" c="dimmed">
            {canManage ? t('council.emptyCoordinator') : t('council.empty')}
          </Text>
        ) : isMobile ? (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {council.members.map((m) => (
              <Paper key={m.id} withBorder radius="md" p="sm" component="li">
                <Stack gap={4}>
                  <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                    {name(m)}
                    {roleBadge(m)}
                  </Group>
                  <Text size="sm" c="dimmed">
                    {[m.position, m.organizationName].filter(Boolean).join(' · ')}
                  </Text>
                  {canManage && (
                    <Group>
                      <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(m)}>
                        {t('council.remove')}
                      </Button>
                    </Group>
                  )}
                </Stack>
              </Paper>
            ))}
          </Stack>
        ) : (
          <Table verticalSpacing="sm" highlightOnHover>
            <VisuallyHidden component="caption">{t('council.compositionTitle')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('council.fullName')}</Table.Th>
                <Table.Th scope="col">{t('council.position')}</Table.Th>
                <Table.Th scope="col">{t('networks.members.organization')}</Table.Th>
                <Table.Th scope="col">{t('council.roleLabel')}</Table.Th>
                {canManage && (
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('networks.members.actions')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {council.members.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{name(m)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{m.position || '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/organizations/${m.organizationId}`} size="sm">
                      {m.organizationName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{roleBadge(m)}</Table.Td>
                  {canManage && (
                    <Table.Td ta="right">
                      <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(m)}>
                        {t('council.remove')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>

      {addOpen && <AddMemberModal network={network} council={council} onClose={() => setAddOpen(false)} />}
      <Modal opened={!!removing} onClose={() => setRemoving(null)} title={t('council.removeTitle')} centered>
        {removing && (
          <Stack>
            <Text size="sm">{t('council.removeText', { name: removing.fullName })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)}>
                {t('common.cancel')}
              </Button>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(removing)}>
                {t('council.remove')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Section>
  );
}

interface MemberValues {
  organizationId: string;
  userId: string;
  fullName: string;
  position: string;
  role: string;
}

function AddMemberModal({ network, council, onClose }: { network: NetworkDetail; council: Council; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const candidates = useCouncilCandidates(network.id, true);
  const [error, setError] = useState<string | null>(null);
  const defaultRole = !council.state.chair ? 'chair' : !council.state.secretary ? 'secretary' : 'member';
  const { control, register, handleSubmit, setValue, watch, setError: setFieldError, formState } = useForm<MemberValues>({
    defaultValues: { organizationId: '', userId: '', fullName: '', position: '', role: defaultRole },
    mode: 'onTouched',
  });
  const organizationId = watch('organizationId');
  const org = candidates.data?.find((c) => c.organizationId === organizationId);
  const seated = new Set(council.members.map((m) => m.fullName));

  const submit = handleSubmit(async (v) => {
    setError(null);
    try {
      await councilApi.addMember(network.id, {
        organizationId: v.organizationId,
        userId: v.userId || null,
        fullName: v.fullName.trim(),
        position: v.position.trim(),
        role: v.role,
      });
      notifications.show({ color: 'green', message: t('council.added', { name: v.fullName.trim() }) });
      void qc.invalidateQueries({ queryKey: networkKeys.council(network.id) });
      void qc.invalidateQueries({ queryKey: networkKeys.launchPath(network.id) });
      onClose();
    } catch (err) {
      const rest = applyFieldErrors(err, setFieldError, ['organizationId', 'userId', 'fullName', 'position', 'role']);
      setError(rest.length ? rest.join('; ') : errorMessage(err, t));
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('council.addTitle')} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('council.addIntro')}</Text>
          <Controller
            name="organizationId"
            control={control}
            rules={{ required: t('networks.members.organizationRequired') }}
            render={({ field, fieldState }) => (
              <Select
                label={t('networks.members.organization')}
                description={t('council.organizationHint')}
                {...requiredProps}
                data={(candidates.data ?? []).map((c) => ({ value: c.organizationId, label: c.organizationName }))}
                searchable
                allowDeselect={false}
                value={field.value || null}
                onChange={(v) => {
                  field.onChange(v ?? '');
                  setValue('userId', '');
                }}
                onBlur={field.onBlur}
                ref={field.ref}
                name={field.name}
                error={fieldState.error?.message}
                nothingFoundMessage={candidates.isPending ? t('common.loading') : t('card.mergeNothing')}
                data-autofocus
              />
            )}
          />
          <Controller
            name="userId"
            control={control}
            render={({ field, fieldState }) => (
              <Select
                label={t('council.account')}
                description={t('council.accountHint')}
                data={[
                  { value: '', label: t('council.noAccount') },
                  ...(org?.accounts ?? []).map((a) => ({
                    value: a.userId,
                    label: `${a.fullName} · ${t(`roles.${a.role}`)}${seated.has(a.fullName) ? ` (${t('council.alreadySeated')})` : ''}`,
                  })),
                ]}
                disabled={!org}
                allowDeselect={false}
                value={field.value}
                onChange={(v) => {
                  field.onChange(v ?? '');
                  const account = org?.accounts.find((a) => a.userId === v);
                  if (account) setValue('fullName', account.fullName, { shouldValidate: true });
                }}
                onBlur={field.onBlur}
                ref={field.ref}
                name={field.name}
                error={fieldState.error?.message}
              />
            )}
          />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 7 }}>
              <TextInput
                label={t('council.fullName')}
                {...requiredProps}
                {...register('fullName', {
                  validate: (v) => v.trim().length >= 3 || t('council.fullNameRequired'),
                  maxLength: { value: 200, message: t('form.tooLong', { max: 200 }) },
                })}
                error={formState.errors.fullName?.message}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 5 }}>
              <Controller
                name="role"
                control={control}
                render={({ field, fieldState }) => (
                  <Select
                    label={t('council.roleLabel')}
                    data={(['chair', 'secretary', 'member'] as const).map((r) => ({ value: r, label: t(`council.role.${r}`) }))}
                    allowDeselect={false}
                    value={field.value}
                    onChange={(v) => field.onChange(v ?? 'member')}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    name={field.name}
                    error={fieldState.error?.message}
                  />
                )}
              />
            </Grid.Col>
          </Grid>
          <TextInput
            label={t('council.position')}
            placeholder={t('council.positionPlaceholder')}
            {...register('position', { maxLength: { value: 200, message: t('form.tooLong', { max: 200 }) } })}
            error={formState.errors.position?.message}
          />
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={formState.isSubmitting}>
              {t('council.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Meetings({ network, canSchedule, hasMembers }: { network: NetworkDetail; canSchedule: boolean; hasMembers: boolean }) {
  const { t } = useTranslation();
  const meetings = useMeetings(network.id);
  const [open, setOpen] = useState(false);
  return (
    <Section
      title={t('council.meetingsTitle')}
      actions={canSchedule && hasMembers ? <Button onClick={() => setOpen(true)}>{t('council.schedule')}</Button> : undefined}
    >
      {meetings.isPending ? (
        <Skeleton height={80} />
      ) : meetings.isError ? (
        <ErrorState error={meetings.error} onRetry={() => meetings.refetch()} />
      ) : meetings.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {canSchedule && !hasMembers ? t('council.noMeetingsNoMembers') : t('council.noMeetings')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {meetings.data.map((m) => (
            <Paper key={m.id} withBorder radius="md" p="sm" component="li">
              <Group justify="space-between" gap="sm" align="flex-start">
                <Stack gap={2} style={{ flex: '1 1 300px', minWidth: 0 }}>
                  <Anchor component={Link} to={`/networks/${network.id}/council/${m.id}`} className="orbita-row-link">
                    {m.title}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {formatDateTime(m.startsAt)}
                    {m.place ? ` · ${m.place}` : ''}
                  </Text>
                </Stack>
                <Stack gap={2} align="flex-end">
                  <Badge color={MEETING_STATE_COLORS[m.state]} variant="light" tt="none" className="orbita-badge">
                    {t(`council.meetingState.${m.state}`)}
                  </Badge>
                  {m.minutesApprovedAt && (
                    <Text size="xs" c="dimmed">
                      {t('council.minutesApprovedOn', { date: formatDate(m.minutesApprovedAt) })}
                    </Text>
                  )}
                </Stack>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {open && <ScheduleModal network={network} onClose={() => setOpen(false)} />}
    </Section>
  );
}

interface ScheduleValues {
  title: string;
  startsAt: string;
  place: string;
  agenda: string;
}

function ScheduleModal({ network, onClose }: { network: NetworkDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, setError: setFieldError, formState } = useForm<ScheduleValues>({
    defaultValues: { title: t('council.defaultMeetingTitle'), startsAt: '', place: '', agenda: '' },
    mode: 'onTouched',
  });
  const submit = handleSubmit(async (v) => {
    setError(null);
    try {
      const meeting = await councilApi.schedule(network.id, {
        title: v.title.trim(),
        startsAt: regionLocalToIso(v.startsAt),
        place: v.place.trim(),
        agenda: v.agenda
          .split('\n')
          .map((l) => l.replace(/^\s*\d+[.)]\s*/, '').trim())
          .filter(Boolean),
      });
      notifications.show({ color: 'green', message: t('council.scheduled') });
      void qc.invalidateQueries({ queryKey: networkKeys.meetings(network.id) });
      onClose();
      navigate(`/networks/${network.id}/council/${meeting.id}`);
    } catch (err) {
      const rest = applyFieldErrors(err, setFieldError, ['title', 'startsAt', 'place', 'agenda']);
      setError(rest.length ? rest.join('; ') : errorMessage(err, t));
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('council.scheduleTitle')} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('council.meetingTitle')}
            {...requiredProps}
            {...register('title', { validate: (v) => v.trim().length >= 3 || t('council.meetingTitleRequired') })}
            error={formState.errors.title?.message}
            data-autofocus
          />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                type="datetime-local"
                label={t('council.startsAt')}
                description={t('council.startsAtHint')}
                {...requiredProps}
                {...register('startsAt', { required: t('council.startsAtRequired') })}
                error={formState.errors.startsAt?.message}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('council.place')}
                description={t('council.placeHint')}
                {...register('place', { maxLength: { value: 300, message: t('form.tooLong', { max: 300 }) } })}
                error={formState.errors.place?.message}
              />
            </Grid.Col>
          </Grid>
          <Textarea
            label={t('council.agenda')}
            description={t('council.agendaHint')}
            autosize
            minRows={4}
            maxRows={12}
            {...register('agenda')}
            error={formState.errors.agenda?.message}
          />
          <Text size="xs" c="dimmed">
            {t('council.inviteAll')}
          </Text>
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={formState.isSubmitting}>
              {t('council.scheduleSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
