import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
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
import { CouncilElections } from './CouncilElections';
import { Section } from './AboutTab';
import { MeetingView } from './MeetingView';
import { rulesLine } from './councilRules';
import { type Council, type CouncilMember, type MeetingState, type NetworkDetail, SEAT_KINDS, type SeatKind } from './types';
import './strings';
import '../organizations/strings';
import { ModalActions } from '../../shared/components/ModalActions';

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
      <CouncilElections network={network} />
      <Meetings network={network} canSchedule={council.data.permissions.canScheduleMeeting} hasMembers={council.data.members.length > 0} />
      <Text size="xs" c="dimmed">
        {rulesLine(t, council.data.rules)}
        {council.data.rules.admission === 'council' && ` ${t('council.admissionByCouncil')}`}
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
  const [editing, setEditing] = useState<CouncilMember | null>(null);
  const [inviting, setInviting] = useState<CouncilMember | null>(null);
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
      {m.elected && (
        <Badge size="xs" variant="light" color="indigo" tt="none">
          {t('council.elected')}
        </Badge>
      )}
      {!m.voting && (
        <Badge size="xs" variant="outline" color="gray" tt="none">
          {t('council.seatVote.advisoryShort')}
        </Badge>
      )}
    </Group>
  );
  /** Whom the seat stands for: the member organisation (a link), or the kind of seat with its affiliation. */
  const represents = (m: CouncilMember) =>
    m.organizationId ? (
      <Anchor component={Link} to={`/organizations/${m.organizationId}`} size="sm">
        {m.organizationName}
      </Anchor>
    ) : (
      <Text size="sm">
        {t(`council.kind.${m.kind}`)}
        {m.affiliation ? ` · ${m.affiliation}` : ''}
      </Text>
    );
  const accountLine = (m: CouncilMember) =>
    canManage && !m.organizationId && !m.hasAccount ? (
      <Text size="xs" c={m.invitation?.state === 'expired' ? 'orange' : 'dimmed'}>
        {m.invitation
          ? t(m.invitation.state === 'expired' ? 'council.invitationExpired' : 'council.invitationPending', { email: m.invitation.email, date: formatDate(m.invitation.lastSentAt) })
          : t('council.noAccountYet')}
      </Text>
    ) : null;
  const actions = (m: CouncilMember) => (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      {!m.organizationId && !m.hasAccount && (
        <Button size="xs" variant="subtle" onClick={() => setInviting(m)} aria-label={`${t(m.invitation ? 'council.resend' : 'council.invite')}: ${m.fullName}`}>
          {t(m.invitation ? 'council.resend' : 'council.invite')}
        </Button>
      )}
      <Button size="xs" variant="subtle" onClick={() => setEditing(m)} aria-label={`${t('council.edit')}: ${m.fullName}`}>
        {t('council.edit')}
      </Button>
      <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(m)} aria-label={`${t('council.remove')}: ${m.fullName}`}>
        {t('council.remove')}
      </Button>
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
                  {m.position && (
                    <Text size="sm" c="dimmed">
                      {m.position}
                    </Text>
                  )}
                  {represents(m)}
                  {accountLine(m)}
                  {canManage && actions(m)}
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
                <Table.Th scope="col">{t('council.represents')}</Table.Th>
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
                  <Table.Td>
                    {name(m)}
                    {accountLine(m)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{m.position || '—'}</Text>
                  </Table.Td>
                  <Table.Td>{represents(m)}</Table.Td>
                  <Table.Td>{roleBadge(m)}</Table.Td>
                  {canManage && <Table.Td ta="right">{actions(m)}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>

      {addOpen && <AddMemberModal network={network} council={council} onClose={() => setAddOpen(false)} />}
      {editing && <EditMemberModal network={network} member={editing} onClose={() => setEditing(null)} />}
      {inviting && <InviteMemberModal network={network} member={inviting} onClose={() => setInviting(null)} />}
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
  kind: SeatKind;
  organizationId: string;
  userId: string;
  fullName: string;
  position: string;
  role: string;
  affiliation: string;
  vote: 'deciding' | 'advisory';
  email: string;
  consentConfirmed: boolean;
}

function AddMemberModal({ network, council, onClose }: { network: NetworkDetail; council: Council; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const candidates = useCouncilCandidates(network.id, true);
  const [error, setError] = useState<string | null>(null);
  const defaultRole = !council.state.chair ? 'chair' : !council.state.secretary ? 'secretary' : 'member';
  const { control, register, handleSubmit, setValue, watch, setError: setFieldError, formState } = useForm<MemberValues>({
    defaultValues: { kind: 'representative', organizationId: '', userId: '', fullName: '', position: '', role: defaultRole, affiliation: '', vote: 'deciding', email: '', consentConfirmed: false },
    mode: 'onTouched',
  });
  const organizationId = watch('organizationId');
  const kind = watch('kind');
  const outside = kind !== 'representative';
  const org = candidates.data?.find((c) => c.organizationId === organizationId);
  const seated = new Set(council.members.map((m) => m.fullName));

  const submit = handleSubmit(async (v) => {
    setError(null);
    try {
      await councilApi.addMember(
        network.id,
        v.kind === 'representative'
          ? { kind: v.kind, organizationId: v.organizationId, userId: v.userId || null, fullName: v.fullName.trim(), position: v.position.trim(), role: v.role, voting: v.vote === 'deciding' }
          : {
              kind: v.kind,
              fullName: v.fullName.trim(),
              position: v.kind === 'pupil' ? '' : v.position.trim(),
              affiliation: v.affiliation.trim(),
              role: v.role,
              voting: v.vote === 'deciding',
              email: v.email.trim() || null,
              ...(v.kind === 'pupil' ? { consentConfirmed: v.consentConfirmed } : {}),
            },
      );
      notifications.show({ color: 'green', message: t(v.email.trim() && outside ? 'council.addedInvited' : 'council.added', { name: v.fullName.trim(), email: v.email.trim() }) });
      void qc.invalidateQueries({ queryKey: networkKeys.council(network.id) });
      void qc.invalidateQueries({ queryKey: networkKeys.launchPath(network.id) });
      onClose();
    } catch (err) {
      const rest = applyFieldErrors(err, setFieldError, ['kind', 'organizationId', 'userId', 'fullName', 'position', 'role', 'affiliation', 'email', 'consentConfirmed']);
      setError(rest.length ? rest.join('; ') : errorMessage(err, t));
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('council.addTitle')} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('council.addIntro')}</Text>
          <Controller
            name="kind"
            control={control}
            render={({ field, fieldState }) => (
              <Select
                label={t('council.kindLabel')}
                data={SEAT_KINDS.map((k) => ({ value: k, label: t(`council.kind.${k}`) }))}
                allowDeselect={false}
                value={field.value}
                onChange={(v) => {
                  const next = (v ?? 'representative') as SeatKind;
                  field.onChange(next);
                  setValue('vote', next === 'representative' ? 'deciding' : 'advisory');
                  if (next === 'pupil') setValue('role', 'member');
                }}
                onBlur={field.onBlur}
                ref={field.ref}
                name={field.name}
                error={fieldState.error?.message}
                data-autofocus
              />
            )}
          />
          {!outside ? (
            <>
              <Controller
                name="organizationId"
                control={control}
                rules={{ validate: (v) => outside || !!v || t('networks.members.organizationRequired') }}
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
            </>
          ) : (
            <Alert color="blue" variant="light">
              <Text size="sm">{t(kind === 'pupil' ? 'council.pupilIntro' : 'council.outsideIntro')}</Text>
            </Alert>
          )}
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 7 }}>
              <TextInput
                label={t('council.fullName')}
                description={kind === 'pupil' ? t('council.pupilNameHint') : undefined}
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
                    data={(['chair', 'secretary', 'member'] as const).map((r) => ({ value: r, label: t(`council.role.${r}`), disabled: kind === 'pupil' && r !== 'member' }))}
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
          {outside && (
            <TextInput
              label={t('council.affiliation')}
              description={t(`council.affiliationHint.${kind}`)}
              {...(kind === 'enterprise' || kind === 'public' ? requiredProps : {})}
              {...register('affiliation', {
                validate: (v) => !(kind === 'enterprise' || kind === 'public') || v.trim().length > 0 || t('council.affiliationRequired'),
                maxLength: { value: 300, message: t('form.tooLong', { max: 300 }) },
              })}
              error={formState.errors.affiliation?.message}
            />
          )}
          {kind !== 'pupil' && (
            <TextInput
              label={t('council.position')}
              placeholder={t('council.positionPlaceholder')}
              {...register('position', { maxLength: { value: 200, message: t('form.tooLong', { max: 200 }) } })}
              error={formState.errors.position?.message}
            />
          )}
          <Controller
            name="vote"
            control={control}
            render={({ field, fieldState }) => (
              <Select
                label={t('council.voteLabel')}
                description={t('council.voteHint')}
                data={(['deciding', 'advisory'] as const).map((v) => ({ value: v, label: t(`council.seatVote.${v}`) }))}
                allowDeselect={false}
                value={field.value}
                onChange={(v) => field.onChange((v ?? 'deciding') as MemberValues['vote'])}
                onBlur={field.onBlur}
                ref={field.ref}
                name={field.name}
                error={fieldState.error?.message}
              />
            )}
          />
          {outside && (
            <TextInput
              type="email"
              label={t('council.email')}
              description={t('council.emailHint')}
              {...register('email', { maxLength: { value: 254, message: t('form.tooLong', { max: 254 }) } })}
              error={formState.errors.email?.message}
            />
          )}
          {kind === 'pupil' && (
            <Checkbox
              label={t('council.pupilConsent')}
              {...register('consentConfirmed', { validate: (v) => v || t('council.pupilConsentRequired') })}
              error={formState.errors.consentConfirmed?.message}
            />
          )}
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={formState.isSubmitting}>
              {t('council.addSubmit')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

function EditMemberModal({ network, member, onClose }: { network: NetworkDetail; member: CouncilMember; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [role, setRole] = useState<string>(member.role);
  const [vote, setVote] = useState<string>(member.voting ? 'deciding' : 'advisory');
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => councilApi.updateMember(member.id, { role, voting: vote === 'deciding' }),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('council.saved', { name: member.fullName }) });
      void qc.invalidateQueries({ queryKey: networkKeys.council(network.id) });
      void qc.invalidateQueries({ queryKey: networkKeys.launchPath(network.id) });
      onClose();
    },
    onError: (err) => setError(errorMessage(err, t)),
  });
  return (
    <Modal opened onClose={onClose} title={t('council.editTitle', { name: member.fullName })} centered>
      <Stack>
        <Select
          label={t('council.roleLabel')}
          data={(['chair', 'secretary', 'member'] as const).map((r) => ({ value: r, label: t(`council.role.${r}`), disabled: member.kind === 'pupil' && r !== 'member' }))}
          allowDeselect={false}
          value={role}
          onChange={(v) => setRole(v ?? role)}
          data-autofocus
        />
        <Select
          label={t('council.voteLabel')}
          description={t('council.voteHint')}
          data={(['deciding', 'advisory'] as const).map((v) => ({ value: v, label: t(`council.seatVote.${v}`) }))}
          allowDeselect={false}
          value={vote}
          onChange={(v) => setVote(v ?? vote)}
        />
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <ModalActions onCancel={onClose}>
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            {t('common.save')}
          </Button>
        </ModalActions>
      </Stack>
    </Modal>
  );
}

function InviteMemberModal({ network, member, onClose }: { network: NetworkDetail; member: CouncilMember; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, setError: setFieldError, formState } = useForm<{ email: string }>({ defaultValues: { email: member.invitation?.email ?? '' }, mode: 'onTouched' });
  const submit = handleSubmit(async (v) => {
    setError(null);
    try {
      await councilApi.inviteMember(member.id, v.email.trim());
      notifications.show({ color: 'green', message: t('council.seatInvited', { email: v.email.trim() }) });
      void qc.invalidateQueries({ queryKey: networkKeys.council(network.id) });
      onClose();
    } catch (err) {
      const rest = applyFieldErrors(err, setFieldError, ['email']);
      setError(rest.length ? rest.join('; ') : errorMessage(err, t));
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('council.inviteTitle', { name: member.fullName })} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('council.inviteText')}</Text>
          <TextInput
            type="email"
            label={t('council.email')}
            {...requiredProps}
            {...register('email', { validate: (v) => /.+@.+\..+/.test(v.trim()) || t('council.emailRequired') })}
            error={formState.errors.email?.message}
            data-autofocus
          />
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={formState.isSubmitting}>
              {t('council.inviteSubmit')}
            </Button>
          </ModalActions>
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
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={formState.isSubmitting}>
              {t('council.scheduleSubmit')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}
