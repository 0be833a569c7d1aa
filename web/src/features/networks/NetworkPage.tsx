import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { lazyComponent } from '../../shared/lazyComponent';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { errorMessage, isStatus } from '../../shared/api/errors';
import { useAuth } from '../../shared/auth/AuthContext';
import { ErrorState } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { ExchangeTab } from '../exchanges/ExchangeTab';
import { NotFoundPage } from '../home/NotFoundPage';
import { networkApi, networkKeys, useNetwork } from './api';
import { AboutTab } from './AboutTab';
import { CouncilTab } from './CouncilTab';
import { DocumentsTab } from './DocumentsTab';
import { PlanTab } from './PlanTab';
import { LaunchPathTab } from './LaunchPathTab';
import { MembersTab, RequestModal } from './MembersTab';
import { KindBadge, LaunchStage } from './NetworkBadges';
import type { NetworkDetail } from './types';
import './strings';
import '../exchanges/strings';

/** The tabs of a network page, in order; the first one lives at /networks/:id. */
const NetworkEvents = lazyComponent(() => import('../calendar/ScopedCalendars'), 'NetworkEvents');
const NetworkConsultations = lazyComponent(() => import('../consultations/NetworkConsultations'), 'NetworkConsultations');
const NetworkTransfers = lazyComponent(() => import('../adoptions/NetworkTransfers'), 'NetworkTransfers');
export const NETWORK_TABS = ['about', 'members', 'launch', 'council', 'documents', 'plan', 'events', 'exchange'] as const;
export type NetworkTab = (typeof NETWORK_TABS)[number];

export function NetworkPage() {
  const { id = '', tab, sub } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const network = useNetwork(id);
  useDocumentTitle(network.data ? network.data.name : t('networks.title'));

  if (tab && !NETWORK_TABS.includes(tab as NetworkTab)) return <Navigate to={`/networks/${id}`} replace />;
  if (network.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <Skeleton height={20} width={200} />
        <Skeleton height={40} width="60%" />
        <Skeleton height={240} />
      </Stack>
    );
  }
  if (network.isError) {
    if (isStatus(network.error, 404) || isStatus(network.error, 400)) {
      return <NotFoundPage title={t('networks.notFound')} text={t('networks.notFoundText')} />;
    }
    if (isStatus(network.error, 401) && !user) {
      return <Navigate to={`/sign-in?next=${encodeURIComponent(`/networks/${id}`)}`} replace />;
    }
    if (isStatus(network.error, 403)) {
      return (
        <Stack gap="md" maw={640}>
          <Title order={1}>{t('networks.hiddenTitle')}</Title>
          <Text>{errorMessage(network.error, t)}</Text>
          <Group>
            <Button component={Link} to="/networks">
              {t('networks.toList')}
            </Button>
          </Group>
        </Stack>
      );
    }
    return <ErrorState error={network.error} onRetry={() => network.refetch()} />;
  }
  return <NetworkView network={network.data} tab={(tab as NetworkTab | undefined) ?? 'about'} sub={sub} />;
}

function NetworkView({ network, tab, sub }: { network: NetworkDetail; tab: NetworkTab; sub?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [requestOpen, setRequestOpen] = useState(false);
  const tabsRef = useRef<HTMLDivElement>(null);
  // on a phone the tab row scrolls: keep the open tab in sight
  useEffect(() => {
    const list = tabsRef.current;
    const current = list?.querySelector<HTMLElement>('[data-active]');
    if (list && current && list.scrollWidth > list.clientWidth) {
      const offset = current.getBoundingClientRect().left - list.getBoundingClientRect().left;
      list.scrollLeft += offset - (list.clientWidth - current.offsetWidth) / 2;
    }
  }, [tab]);
  const active = network.members.filter((m) => m.state === 'active');
  const pending = network.members.filter((m) => m.state === 'invited' || m.state === 'requested');
  const p = network.permissions;

  const tabLabel: Record<NetworkTab, ReactNode> = {
    about: t('networks.tab.about'),
    members: (
      <Group gap={6} wrap="nowrap">
        {t('networks.tab.members')}
        <Badge size="sm" variant="light" color="gray" circle={active.length < 10}>
          {active.length}
        </Badge>
        {p.canManage && network.members.some((m) => m.state === 'requested') && (
          <Badge size="xs" color="orange" variant="filled" aria-label={t('networks.members.hasRequests')}>
            !
          </Badge>
        )}
      </Group>
    ),
    // a network without a launch step (alliances, associations) has a path of its work, not of its launch
    launch: network.launchGate === false ? t('networks.tab.path') : t('networks.tab.launch'),
    council: t('networks.tab.council'),
    documents: t('networks.tab.documents'),
    plan: t('networks.tab.plan'),
    events: t('networks.tab.events'),
    exchange: t('exchanges.picture.tab'),
  };

  return (
    <Stack gap="lg">
      <Breadcrumbs separator="›" component="nav" aria-label={t('common.breadcrumbs')}>
        <Anchor component={Link} to="/networks" size="sm">
          {t('nav.networks')}
        </Anchor>
        {network.parent && (
          <Anchor component={Link} to={`/networks/${network.parent.id}`} size="sm" lineClamp={1}>
            {network.parent.name}
          </Anchor>
        )}
        <Text size="sm" c="dimmed" lineClamp={1}>
          {network.name}
        </Text>
      </Breadcrumbs>

      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={8} style={{ flex: '1 1 520px', minWidth: 0 }}>
          <Group gap={8}>
            <KindBadge kind={network.kind} size="md" />
            {network.visibility === 'members' && (
              <Badge color="gray" variant="outline" tt="none">
                {t('networks.visibility.membersShort')}
              </Badge>
            )}
            <LaunchStage launchedAt={network.launchedAt} launchGate={network.launchGate} />
          </Group>
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            {network.name}
          </Title>
          <Text c="dimmed">
            {t('networks.managedBy')}{' '}
            <Anchor component={Link} to={`/organizations/${network.managingOrganizationId}`}>
              {network.managingOrganizationName}
            </Anchor>
            {' · '}
            {t('networks.membersCount', { count: active.length })}
          </Text>
        </Stack>
        {p.canRequestFor.length > 0 && (
          <Button onClick={() => setRequestOpen(true)}>{t('networks.members.request')}</Button>
        )}
      </Group>

      <InvitationBanner network={network} />

      <Tabs
        value={tab}
        onChange={(v) => v && navigate(v === 'about' ? `/networks/${network.id}` : `/networks/${network.id}/${v}`)}
        keepMounted={false}
        variant="outline"
      >
        <Tabs.List aria-label={t('networks.tabsLabel')} className="orbita-tabs-list" ref={tabsRef}>
          {NETWORK_TABS.map((k) => (
            <Tabs.Tab key={k} value={k} className="orbita-tab">
              {tabLabel[k]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="about" pt="lg">
          <Stack gap="lg">
            <AboutTab network={network} />
            {/* A leader–satellite partnership passes the leader's practices on (issue 17): which ones its satellites adopt. */}
            {network.kind === 'partnership' && (
              <Suspense fallback={<Skeleton height={120} />}>
                <NetworkTransfers networkId={network.id} />
              </Suspense>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="members" pt="lg">
          <MembersTab network={network} pending={pending} />
        </Tabs.Panel>
        <Tabs.Panel value="launch" pt="lg">
          <LaunchPathTab network={network} availableTabs={NETWORK_TABS} />
        </Tabs.Panel>
        <Tabs.Panel value="council" pt="lg">
          <CouncilTab network={network} sub={tab === 'council' ? sub : undefined} />
        </Tabs.Panel>
        <Tabs.Panel value="documents" pt="lg">
          <DocumentsTab network={network} sub={tab === 'documents' ? sub : undefined} />
        </Tabs.Panel>
        <Tabs.Panel value="plan" pt="lg">
          <PlanTab network={network} sub={tab === 'plan' ? sub : undefined} />
        </Tabs.Panel>
        <Tabs.Panel value="events" pt="lg">
          <Suspense fallback={<Skeleton height={420} />}>
            <Stack gap="lg">
              {/* A leader–satellite partnership's consultations are its events too; their record comes first (seed 002). */}
              {network.kind === 'partnership' && <NetworkConsultations networkId={network.id} />}
              <NetworkEvents networkId={network.id} isPublic={network.visibility === 'public'} />
            </Stack>
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="exchange" pt="lg">
          <ExchangeTab network={network} />
        </Tabs.Panel>
      </Tabs>

      {requestOpen && <RequestModal network={network} onClose={() => setRequestOpen(false)} />}
    </Stack>
  );
}

/** An invited organisation's head sees the invitation on every tab and answers it here. */
function InvitationBanner({ network }: { network: NetworkDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const invitations = network.members.filter((m) => network.permissions.canAnswer.includes(m.id));
  const answer = useMutation({
    mutationFn: ({ memberId, accept }: { memberId: string; accept: boolean }) =>
      accept ? networkApi.accept(memberId) : networkApi.decline(memberId),
    onSuccess: (_d, v) => {
      notifications.show({ color: 'green', message: v.accept ? t('networks.members.accepted') : t('networks.members.declinedInvitation') });
      void qc.invalidateQueries({ queryKey: networkKeys.all });
    },
    onError: (err) => {
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(err, t), autoClose: 8000 });
      void qc.invalidateQueries({ queryKey: networkKeys.one(network.id) });
    },
  });
  if (invitations.length === 0) return null;
  return (
    <Stack gap="sm">
      {invitations.map((m) => (
        <Alert key={m.id} color="blue" variant="light" title={t('networks.members.invitationTitle', { organization: m.organizationName })}>
          <Stack gap="sm" align="flex-start">
            <Text size="sm">
              {t('networks.members.invitationText', { role: t(`networks.role.${m.role}`) })}
            </Text>
            {m.message && (
              <Text size="sm" fs="italic" style={{ whiteSpace: 'pre-line' }}>
                «{m.message}»
              </Text>
            )}
            <Group gap="sm">
              <Button
                size="sm"
                onClick={() => answer.mutate({ memberId: m.id, accept: true })}
                loading={answer.isPending && answer.variables?.memberId === m.id && answer.variables.accept}
              >
                {t('networks.members.accept')}
              </Button>
              <Button
                size="sm"
                variant="default"
                onClick={() => answer.mutate({ memberId: m.id, accept: false })}
                loading={answer.isPending && answer.variables?.memberId === m.id && !answer.variables.accept}
              >
                {t('networks.members.declineInvitation')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}
