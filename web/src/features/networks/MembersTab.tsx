import { useState } from 'react';
import { Alert, Anchor, Button, Group, Modal, Paper, Select, Stack, Table, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors, errorMessage } from '../../shared/api/errors';
import { useAuth } from '../../shared/auth/AuthContext';
import { requiredProps } from '../../shared/components/required';
import { formatDate, formatDay } from '../../shared/dates';
import { networkApi, networkKeys } from './api';
import { Section } from './AboutTab';
import { MembershipBadge } from './NetworkBadges';
import { OrganizationPicker, type PickedOrganization } from './OrganizationPicker';
import type { MemberRole, NetworkDetail, NetworkMember } from './types';
import './strings';
import '../organizations/strings';
import { ModalActions } from '../../shared/components/ModalActions';

type Action = 'approve' | 'reject' | 'accept' | 'decline' | 'remove' | 'leave';

export function MembersTab({ network, pending }: { network: NetworkDetail; pending: NetworkMember[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { user } = useAuth();
  const isMobile = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [inviteOpen, setInviteOpen] = useState(false);
  const [confirm, setConfirm] = useState<{ member: NetworkMember; action: 'remove' | 'leave' } | null>(null);
  const p = network.permissions;
  const heads = new Set((user?.memberships ?? []).filter((m) => m.role === 'org_admin').map((m) => m.organizationId));

  const active = network.members.filter((m) => m.state === 'active');
  const history = network.members.filter((m) => m.state === 'declined' || m.state === 'left');

  const act = useMutation({
    mutationFn: ({ member, action }: { member: NetworkMember; action: Action }) => {
      if (action === 'approve' || action === 'accept') return networkApi.accept(member.id);
      if (action === 'reject' || action === 'decline') return networkApi.decline(member.id);
      return networkApi.leave(member.id);
    },
    onSuccess: (_d, { member, action }) => {
      setConfirm(null);
      notifications.show({ color: 'green', message: t(`networks.members.done.${action}`, { organization: member.organizationName }) });
      void qc.invalidateQueries({ queryKey: networkKeys.all });
    },
    onError: (err) => {
      setConfirm(null);
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(err, t), autoClose: 8000 });
      void qc.invalidateQueries({ queryKey: networkKeys.one(network.id) });
    },
  });
  const busy = (member: NetworkMember, action: Action) =>
    act.isPending && act.variables?.member.id === member.id && act.variables.action === action;

  const pendingActions = (m: NetworkMember) => {
    if (m.state === 'requested' && network.admission === 'council') {
      return (
        <Text size="xs" c="dimmed">
          {t('networks.members.waitingCouncil')}
        </Text>
      );
    }
    if (m.state === 'requested' && p.canManage) {
      return (
        <Group gap={6} wrap="nowrap">
          <Button size="xs" color="green" onClick={() => act.mutate({ member: m, action: 'approve' })} loading={busy(m, 'approve')}>
            {t('networks.members.approve')}
          </Button>
          <Button size="xs" variant="default" onClick={() => act.mutate({ member: m, action: 'reject' })} loading={busy(m, 'reject')}>
            {t('networks.members.reject')}
          </Button>
        </Group>
      );
    }
    if (m.state === 'invited' && p.canAnswer.includes(m.id)) {
      return (
        <Group gap={6} wrap="nowrap">
          <Button size="xs" onClick={() => act.mutate({ member: m, action: 'accept' })} loading={busy(m, 'accept')}>
            {t('networks.members.accept')}
          </Button>
          <Button size="xs" variant="default" onClick={() => act.mutate({ member: m, action: 'decline' })} loading={busy(m, 'decline')}>
            {t('networks.members.declineInvitation')}
          </Button>
        </Group>
      );
    }
    return (
      <Text size="xs" c="dimmed">
        {m.state === 'invited' ? t('networks.members.waitingOrganization') : t('networks.members.waitingCoordinator')}
      </Text>
    );
  };

  const activeActions = (m: NetworkMember) => {
    if (m.organizationId === network.managingOrganizationId) {
      return (
        <Text size="xs" c="dimmed">
          {t('networks.members.managing')}
        </Text>
      );
    }
    if (p.canManage) {
      return (
        <Button size="xs" variant="subtle" color="red" onClick={() => setConfirm({ member: m, action: 'remove' })}>
          {t('networks.members.remove')}
        </Button>
      );
    }
    if (heads.has(m.organizationId)) {
      return (
        <Button size="xs" variant="subtle" color="red" onClick={() => setConfirm({ member: m, action: 'leave' })}>
          {t('networks.members.leave')}
        </Button>
      );
    }
    return null;
  };

  const showActiveActions = p.canManage || active.some((m) => heads.has(m.organizationId));

  return (
    <Stack gap="lg">
      {p.canManage && (
        <Group justify="space-between" gap="sm">
          <Text size="sm" c="dimmed" style={{ flex: '1 1 320px' }}>
            {t('networks.members.coordinatorHint')}
          </Text>
          <Button onClick={() => setInviteOpen(true)}>{t('networks.members.invite')}</Button>
        </Group>
      )}

      {pending.length > 0 && (
        <Section title={t('networks.members.pendingTitle', { count: pending.length })}>
          <MemberList
            isMobile={isMobile}
            caption={t('networks.members.pendingTitle', { count: pending.length })}
            members={pending}
            columns={['organization', 'role', 'state', 'since', 'actions']}
            since={(m) => formatDate(m.createdAt)}
            sinceLabel={t('networks.members.sentOn')}
            actions={pendingActions}
            withMessage
          />
        </Section>
      )}

      <Section title={t('networks.members.activeTitle', { count: active.length })}>
        {active.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('networks.members.noActive')}
          </Text>
        ) : (
          <MemberList
            isMobile={isMobile}
            caption={t('networks.members.activeTitle', { count: active.length })}
            members={active}
            columns={showActiveActions ? ['organization', 'role', 'since', 'actions'] : ['organization', 'role', 'since']}
            since={(m) => formatDay(m.joinedOn)}
            sinceLabel={t('networks.members.joinedOn')}
            actions={activeActions}
          />
        )}
      </Section>

      {history.length > 0 && (
        <Section title={t('networks.members.historyTitle')}>
          <MemberList
            isMobile={isMobile}
            caption={t('networks.members.historyTitle')}
            members={history}
            columns={['organization', 'role', 'state', 'since']}
            since={(m) =>
              m.state === 'left'
                ? t('networks.members.period', { from: formatDay(m.joinedOn), to: formatDay(m.leftOn) })
                : formatDate(m.createdAt)
            }
            sinceLabel={t('networks.members.when')}
          />
        </Section>
      )}

      {inviteOpen && <InviteModal network={network} onClose={() => setInviteOpen(false)} />}

      <Modal
        opened={!!confirm}
        onClose={() => setConfirm(null)}
        title={confirm?.action === 'leave' ? t('networks.members.leaveTitle') : t('networks.members.removeTitle')}
        centered
      >
        {confirm && (
          <Stack>
            <Text size="sm">
              {t(confirm.action === 'leave' ? 'networks.members.leaveText' : 'networks.members.removeText', {
                organization: confirm.member.organizationName,
                network: network.name,
              })}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(null)}>
                {t('common.cancel')}
              </Button>
              <Button color="red" loading={act.isPending} onClick={() => act.mutate({ member: confirm.member, action: confirm.action })}>
                {confirm.action === 'leave' ? t('networks.members.leaveConfirm') : t('networks.members.removeConfirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

type Column = 'organization' | 'role' | 'state' | 'since' | 'actions';

function MemberList({
  members,
  columns,
  since,
  sinceLabel,
  actions,
  caption,
  isMobile,
  withMessage = false,
}: {
  members: NetworkMember[];
  columns: Column[];
  since: (m: NetworkMember) => string;
  sinceLabel: string;
  actions?: (m: NetworkMember) => React.ReactNode;
  caption: string;
  isMobile: boolean;
  withMessage?: boolean;
}) {
  const { t } = useTranslation();
  const orgLink = (m: NetworkMember) => (
    <Anchor component={Link} to={`/organizations/${m.organizationId}`} className="orbita-row-link">
      {m.organizationName}
    </Anchor>
  );
  const message = (m: NetworkMember) =>
    withMessage && m.message ? (
      <Text size="xs" c="dimmed" fs="italic" style={{ whiteSpace: 'pre-line' }} lineClamp={3}>
        «{m.message}»
      </Text>
    ) : null;

  if (isMobile) {
    return (
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={caption}>
        {members.map((m) => (
          <Paper key={m.id} withBorder radius="md" p="sm" component="li">
            <Stack gap={6}>
              <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                {orgLink(m)}
                {columns.includes('state') && <MembershipBadge state={m.state} size="xs" />}
              </Group>
              <Text size="sm">
                {t(`networks.role.${m.role}`)}
                <Text span c="dimmed" size="sm">
                  {' · '}
                  {sinceLabel}: {since(m)}
                </Text>
              </Text>
              {message(m)}
              {actions && columns.includes('actions') && actions(m)}
            </Stack>
          </Paper>
        ))}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover>
        <VisuallyHidden component="caption">{caption}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('networks.members.organization')}</Table.Th>
            <Table.Th scope="col">{t('networks.members.role')}</Table.Th>
            {columns.includes('state') && <Table.Th scope="col">{t('networks.members.state')}</Table.Th>}
            <Table.Th scope="col">{sinceLabel}</Table.Th>
            {columns.includes('actions') && (
              <Table.Th scope="col">
                <VisuallyHidden>{t('networks.members.actions')}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td maw={360}>
                <Stack gap={2}>
                  {orgLink(m)}
                  {message(m)}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`networks.role.${m.role}`)}</Text>
              </Table.Td>
              {columns.includes('state') && (
                <Table.Td>
                  <MembershipBadge state={m.state} />
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {since(m)}
                </Text>
              </Table.Td>
              {columns.includes('actions') && <Table.Td ta="right">{actions?.(m)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The role a newcomer usually takes: a member of a district, a satellite of a leader school. */
function defaultRole(roles: MemberRole[]): MemberRole | '' {
  return roles.find((r) => r === 'member' || r === 'satellite') ?? roles[0] ?? '';
}

interface ProposalValues {
  organization: PickedOrganization | null;
  role: string;
  message: string;
}

function useProposalForm(network: NetworkDetail, initialOrganization: PickedOrganization | null) {
  return useForm<ProposalValues>({
    defaultValues: { organization: initialOrganization, role: defaultRole(network.allowedRoles), message: '' },
    mode: 'onTouched',
  });
}

function ProposalModal({
  network,
  direction,
  onClose,
  organizations,
}: {
  network: NetworkDetail;
  direction: 'invitation' | 'request';
  onClose: () => void;
  /** request: the organisations the user heads that may ask to join */
  organizations?: PickedOrganization[];
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const { control, register, handleSubmit, setError: setFieldError, formState } = useProposalForm(
    network,
    organizations && organizations.length === 1 ? organizations[0] : null,
  );
  const live = network.members.filter((m) => ['active', 'invited', 'requested'].includes(m.state)).map((m) => m.organizationId);
  const roleOptions = network.allowedRoles.map((r) => ({ value: r, label: t(`networks.role.${r}`) }));

  const submit = handleSubmit(async (v) => {
    setError(null);
    const body = { organizationId: v.organization!.id, role: v.role, message: v.message.trim() || undefined };
    try {
      if (direction === 'invitation') await networkApi.invite(network.id, body);
      else await networkApi.request(network.id, body);
      notifications.show({
        color: 'green',
        message: direction === 'invitation' ? t('networks.members.invited', { organization: v.organization!.name }) : t('networks.members.requested'),
      });
      void qc.invalidateQueries({ queryKey: networkKeys.all });
      onClose();
    } catch (err) {
      const rest = applyFieldErrors(err, setFieldError, ['role', 'message']);
      if (err instanceof ApiError) {
        const org = err.fieldErrors.find((f) => f.field.startsWith('organizationId'));
        if (org) setFieldError('organization', { type: 'server', message: org.message });
      }
      setError(rest.length ? rest.join('; ') : errorMessage(err, t));
    }
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={direction === 'invitation' ? t('networks.members.inviteTitle') : t('networks.members.requestTitle')}
      size="lg"
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {direction === 'invitation' ? t('networks.members.inviteIntro') : t('networks.members.requestIntro', { network: network.name })}
          </Text>
          <Controller
            name="organization"
            control={control}
            rules={{ validate: (v) => !!v || t('networks.members.organizationRequired') }}
            render={({ field, fieldState }) =>
              direction === 'invitation' ? (
                <OrganizationPicker
                  label={t('networks.members.organization')}
                  required
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  inputRef={field.ref}
                  name={field.name}
                  exclude={live}
                  error={fieldState.error?.message}
                  autoFocus
                />
              ) : (
                <Select
                  label={t('networks.members.organization')}
                  {...requiredProps}
                  data={(organizations ?? []).map((o) => ({ value: o.id, label: o.name }))}
                  allowDeselect={false}
                  value={field.value?.id ?? null}
                  onChange={(id) => field.onChange((organizations ?? []).find((o) => o.id === id) ?? null)}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  name={field.name}
                  error={fieldState.error?.message}
                />
              )
            }
          />
          <Controller
            name="role"
            control={control}
            rules={{ required: t('networks.members.roleRequired') }}
            render={({ field, fieldState }) => (
              <Select
                label={t('networks.members.role')}
                description={t('networks.members.roleHint', { kind: t(`networkKinds.${network.kind}`) })}
                {...requiredProps}
                data={roleOptions}
                allowDeselect={false}
                value={field.value || null}
                onChange={(v) => field.onChange(v ?? '')}
                onBlur={field.onBlur}
                ref={field.ref}
                name={field.name}
                error={fieldState.error?.message}
              />
            )}
          />
          <Textarea
            label={t('networks.members.message')}
            description={direction === 'invitation' ? t('networks.members.inviteMessageHint') : t('networks.members.requestMessageHint')}
            autosize
            minRows={3}
            maxRows={8}
            {...register('message', { maxLength: { value: 2000, message: t('form.tooLong', { max: 2000 }) } })}
            error={formState.errors.message?.message}
          />
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={formState.isSubmitting}>
              {direction === 'invitation' ? t('networks.members.inviteSubmit') : t('networks.members.requestSubmit')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

export function InviteModal({ network, onClose }: { network: NetworkDetail; onClose: () => void }) {
  return <ProposalModal network={network} direction="invitation" onClose={onClose} />;
}

/** An organisation's head asks to join: only the organisations they head that are not in the network yet. */
export function RequestModal({ network, onClose }: { network: NetworkDetail; onClose: () => void }) {
  const { user } = useAuth();
  const organizations = (user?.memberships ?? [])
    .filter((m) => network.permissions.canRequestFor.includes(m.organizationId))
    .map((m) => ({ id: m.organizationId, name: m.organizationName }));
  return <ProposalModal network={network} direction="request" onClose={onClose} organizations={organizations} />;
}
