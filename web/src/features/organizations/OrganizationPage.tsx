import { Suspense, useState, type ReactNode } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Grid,
  Group,
  Modal,
  Paper,
  Select,
  Skeleton,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage, isStatus } from '../../shared/api/errors';
import { useRegion } from '../../shared/api/queries';
import type { Organization, OrganizationWithPermissions } from '../../shared/api/types';
import { ErrorState } from '../../shared/components/States';
import { formatDate } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { orgApi, orgKeys, useOrganization } from './api';
import { OrgMap } from './OrgMap';
import { StateBadge, StatusBadges } from './OrgBadges';
import { NotFoundPage } from '../home/NotFoundPage';
import { OrganizationNetworks } from '../networks/OrganizationNetworks';
import { OrganizationInventory } from '../inventory/OrganizationInventory';
import { OrganizationStudentsLink } from '../families/OrganizationStudentsLink';
import { OrganizationStaffLink } from '../people/OrganizationStaffLink';
import { OrganizationProgrammes } from '../programmes/OrganizationProgrammes';
import { lazyComponent } from '../../shared/lazyComponent';

const OrganizationEvents = lazyComponent(() => import('../calendar/ScopedCalendars'), 'OrganizationEvents');
import { placeName } from '../../shared/i18n/place-names';
import './strings';
import { ModalActions } from '../../shared/components/ModalActions';

export function OrganizationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const org = useOrganization(id);
  useDocumentTitle(org.data ? org.data.shortName || org.data.fullName : t('org.name'));

  if (org.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <Skeleton height={20} width={200} />
        <Skeleton height={40} width="60%" />
        <Skeleton height={240} />
      </Stack>
    );
  }
  if (org.isError) {
    if (isStatus(org.error, 404) || isStatus(org.error, 400)) {
      return <NotFoundPage title={t('card.notFound')} text={t('card.notFoundText')} />;
    }
    return <ErrorState error={org.error} onRetry={() => org.refetch()} />;
  }
  return <OrganizationCard org={org.data} />;
}

function OrganizationCard({ org }: { org: OrganizationWithPermissions }) {
  const { t } = useTranslation();
  const region = useRegion();
  const name = org.shortName || org.fullName;
  const hasCoords = org.lat != null && org.lon != null;

  return (
    <Stack gap="lg">
      <Breadcrumbs separator="›" component="nav" aria-label={t('common.breadcrumbs')}>
        <Anchor component={Link} to="/organizations" size="sm">
          {t('nav.organizations')}
        </Anchor>
        <Text size="sm" c="dimmed" lineClamp={1}>
          {name}
        </Text>
      </Breadcrumbs>

      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={8} style={{ flex: '1 1 480px', minWidth: 0 }}>
          <Group gap={8}>
            <Badge variant="outline" color="blue" tt="none">
              {t(`kinds.${org.kind}`)}
            </Badge>
            <StateBadge state={org.state} />
          </Group>
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            {name}
          </Title>
          {org.shortName && org.fullName !== org.shortName && (
            <Text c="dimmed" size="lg">
              {org.fullName}
            </Text>
          )}
          <StatusBadges statuses={org.statuses} size="md" withHints />
        </Stack>
        <CardActions org={org} />
      </Group>

      {org.mergedIntoId ? (
        <Alert color="yellow" variant="light" title={t('card.mergedInto')}>
          <Anchor component={Link} to={`/organizations/${org.mergedIntoId}`}>
            {t('card.mergedIntoLink')}
          </Anchor>
        </Alert>
      ) : org.state === 'archived' ? (
        <Alert color="gray" variant="light">
          {t('card.archivedNotice')}
        </Alert>
      ) : org.state === 'unverified' ? (
        <Text size="sm" c="dimmed">
          {t('card.unverifiedNotice')}
        </Text>
      ) : null}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Section title={t('card.about')}>
              <dl className="orbita-dl">
                <Field label={t('org.kind')}>{t(`kinds.${org.kind}`)}</Field>
                <Field label={t('org.municipality')}>{placeName(org.municipalityName)}</Field>
                <Field label={t('org.address')}>{org.address}</Field>
                <Field label={t('org.headName')}>{org.headName}</Field>
              </dl>
            </Section>
            <Section title={t('card.contacts')}>
              {org.phone || org.email || org.website ? (
                <dl className="orbita-dl">
                  {org.phone && (
                    <Field label={t('org.phone')}>
                      <Anchor size="sm" href={`tel:${org.phone.replace(/[^\d+]/g, '')}`}>{org.phone}</Anchor>
                    </Field>
                  )}
                  {org.email && (
                    <Field label={t('org.email')}>
                      <Anchor size="sm" href={`mailto:${org.email}`}>{org.email}</Anchor>
                    </Field>
                  )}
                  {org.website && (
                    <Field label={t('org.website')}>
                      <Anchor size="sm" href={websiteHref(org.website)} target="_blank" rel="noopener noreferrer">
                        {org.website.replace(/^https?:\/\//, '').replace(/\/$/, '')}
                        <VisuallyHiddenText>{t('common.opensInNewTab')}</VisuallyHiddenText>
                      </Anchor>
                    </Field>
                  )}
                </dl>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('card.noContacts')}
                </Text>
              )}
            </Section>
            <Section title={t('card.requisites')}>
              <dl className="orbita-dl">
                <Field label={t('org.inn')}>{org.inn}</Field>
                <Field label={t('org.ogrn')}>{org.ogrn}</Field>
                {org.externalId && <Field label={t('org.externalId')}>{org.externalId}</Field>}
              </dl>
            </Section>
            {org.description && (
              <Section title={t('card.description')}>
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                  {org.description}
                </Text>
              </Section>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <OrganizationNetworks organizationId={org.id} />
            <OrganizationStudentsLink organizationId={org.id} />
            <OrganizationStaffLink organization={org} />
            <Section title={t('card.location')}>
              <Stack gap="sm">
                {hasCoords && region.data ? (
                  <OrgMap
                    single
                    region={region.data}
                    height={300}
                    label={`${t('map.label')}: ${name}`}
                    items={[{ id: org.id, shortName: name, kind: org.kind, statuses: org.statuses, lat: org.lat!, lon: org.lon! }]}
                  />
                ) : !hasCoords ? (
                  <Text size="sm" c="dimmed">
                    {t('card.noCoordinates')}
                  </Text>
                ) : (
                  <Skeleton height={300} />
                )}
                {org.address && <Text size="sm">{org.address}</Text>}
              </Stack>
            </Section>
          </Stack>
          <Text size="xs" c="dimmed" mt="sm">
            {t('card.updated', { date: formatDate(org.updatedAt) })}
          </Text>
        </Grid.Col>
      </Grid>

      <OrganizationProgrammes organizationId={org.id} />
      <Suspense fallback={<Skeleton height={420} />}>
        <OrganizationEvents organizationId={org.id} />
      </Suspense>
      <OrganizationInventory organizationId={org.id} />
    </Stack>
  );
}

function VisuallyHiddenText({ children }: { children: ReactNode }) {
  return <VisuallyHidden component="span"> {children}</VisuallyHidden>;
}

function websiteHref(site: string): string {
  return /^https?:\/\//i.test(site) ? site : `https://${site}`;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.replace(/\s+/g, '-')}`;
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" mb="md" id={id}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '';
  return (
    <>
      <dt>{label}</dt>
      <dd>{empty ? <Text span c="dimmed" size="sm">{t('common.notSpecified')}</Text> : children}</dd>
    </>
  );
}

function CardActions({ org }: { org: OrganizationWithPermissions }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [archiveOpen, setArchiveOpen] = useState(false);
  const [mergeOpen, setMergeOpen] = useState(false);
  const p = org.permissions;
  const name = org.shortName || org.fullName;

  const onDone = (updated: Organization, message: string) => {
    qc.setQueryData<OrganizationWithPermissions>(orgKeys.one(org.id), (old) =>
      old ? { ...old, ...updated, permissions: old.permissions } : old,
    );
    void qc.invalidateQueries({ queryKey: orgKeys.all });
    notifications.show({ color: 'green', message });
  };
  const onError = (err: unknown) => {
    notifications.show({
      color: 'red',
      title: t('errors.title'),
      message: isStatus(err, 409) ? t('form.conflict') : errorMessage(err, t),
      autoClose: 8000,
    });
    if (isStatus(err, 409)) void qc.invalidateQueries({ queryKey: orgKeys.one(org.id) });
  };

  const verify = useMutation({
    mutationFn: () => orgApi.verify(org.id, org.version),
    onSuccess: (o) => onDone(o, t('card.verified')),
    onError,
  });
  const archive = useMutation({
    mutationFn: () => orgApi.archive(org.id, org.version),
    onSuccess: (o) => {
      setArchiveOpen(false);
      onDone(o, t('card.archived'));
    },
    onError: (err) => {
      setArchiveOpen(false);
      onError(err);
    },
  });

  const canArchive = p.canArchive && org.state !== 'archived';
  const canVerify = p.canVerify && org.state === 'unverified';
  const canMerge = p.canMerge && org.state !== 'archived';
  if (!p.canEdit && !canVerify && !canArchive && !canMerge) return null;

  return (
    <Group gap="sm" role="group" aria-label={t('card.actions')}>
      {p.canEdit && (
        <Button component={Link} to={`/organizations/${org.id}/edit`}>
          {t('card.edit')}
        </Button>
      )}
      {canVerify && (
        <Button variant="light" color="green" onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('card.verify')}
        </Button>
      )}
      {canMerge && (
        <Button variant="default" onClick={() => setMergeOpen(true)}>
          {t('card.merge')}
        </Button>
      )}
      {canArchive && (
        <Button variant="outline" color="red" onClick={() => setArchiveOpen(true)}>
          {t('card.archive')}
        </Button>
      )}

      <Modal opened={archiveOpen} onClose={() => setArchiveOpen(false)} title={t('card.archiveTitle')} centered>
        <Stack>
          <Text size="sm">{t('card.archiveText', { name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setArchiveOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={() => archive.mutate()} loading={archive.isPending}>
              {t('card.archiveConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      {mergeOpen && (
        <MergeModal
          survivor={org}
          onClose={() => setMergeOpen(false)}
          onMerged={(o) => {
            setMergeOpen(false);
            onDone(o, t('card.merged'));
          }}
        />
      )}
    </Group>
  );
}

function MergeModal({
  survivor,
  onClose,
  onMerged,
}: {
  survivor: Organization;
  onClose: () => void;
  onMerged: (o: Organization) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [selected, setSelected] = useState<Organization | null>(null);
  const [error, setError] = useState<string | null>(null);

  const results = useQuery({
    queryKey: ['organizations', 'merge-search', debounced],
    queryFn: ({ signal }) => orgApi.search(debounced, signal),
    enabled: debounced.length >= 2,
    select: (d) => d.items.filter((o) => o.id !== survivor.id && o.state !== 'archived'),
  });
  const options = (results.data ?? []).map((o) => ({
    value: o.id,
    label: [o.shortName || o.fullName, o.inn ? `ИНН ${o.inn}` : null, o.municipalityName].filter(Boolean).join(' · '),
  }));
  if (selected && !options.some((o) => o.value === selected.id)) {
    options.unshift({ value: selected.id, label: selected.shortName || selected.fullName });
  }

  const merge = useMutation({
    mutationFn: () => orgApi.merge(survivor.id, selected!.id),
    onSuccess: onMerged,
    onError: (err) => setError(errorMessage(err, t)),
  });

  const survivorName = survivor.shortName || survivor.fullName;
  return (
    <Modal opened onClose={onClose} title={t('card.mergeTitle')} size="lg" centered>
      <Stack>
        <Text size="sm">{t('card.mergeIntro')}</Text>
        <Select
          label={t('card.mergeSearch')}
          placeholder={t('card.mergeSearchPlaceholder')}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          data={options}
          filter={({ options: o }) => o}
          value={selected?.id ?? null}
          onChange={(v) => {
            setError(null);
            setSelected((results.data ?? []).find((o) => o.id === v) ?? (v === selected?.id ? selected : null));
          }}
          nothingFoundMessage={debounced.length >= 2 && !results.isFetching ? t('card.mergeNothing') : undefined}
          comboboxProps={{ withinPortal: true }}
          data-autofocus
        />
        {selected && (
          <Alert color="orange" variant="light">
            {t('card.mergeConfirmText', { duplicate: selected.shortName || selected.fullName, survivor: survivorName })}
          </Alert>
        )}
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <ModalActions onCancel={onClose}>
          <Button color="orange" disabled={!selected} loading={merge.isPending} onClick={() => merge.mutate()}>
            {t('card.mergeConfirm')}
          </Button>
        </ModalActions>
      </Stack>
    </Modal>
  );
}
