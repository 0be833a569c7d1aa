import { Fragment, useMemo, useState } from 'react';
import {
  Anchor,
  Button,
  Code,
  Grid,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { http } from '../../shared/api/client';
import type { AuditEntry, Page } from '../../shared/api/types';
import { DateField } from '../../shared/components/DateField';
import { Pager } from '../../shared/components/Pager';
import { ErrorState } from '../../shared/components/States';
import { dayStart, formatDateTime, isoString } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { AuditChainPanel } from './AuditChainPanel';
import './strings';
import '../organizations/strings';

const PAGE_SIZE = 25;

/** Objects whose pages the log links to. */
const ENTITY_PAGES: Record<string, string> = { organization: '/organizations', network: '/networks', programme: '/programmes', campaign: '/campaigns' };

/** Choices of a filter: every known code with its label, in the order of the labels. */
function choices(labels: Record<string, string>) {
  return Object.entries(labels)
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

interface AuditFilters {
  action: string;
  entityType: string;
  actorId: string;
  from: string;
  to: string;
}

function readFilters(sp: URLSearchParams): AuditFilters & { page: number } {
  const page = Number.parseInt(sp.get('page') ?? '1', 10);
  return {
    action: sp.get('action') ?? '',
    entityType: sp.get('entityType') ?? '',
    actorId: sp.get('actorId') ?? '',
    from: sp.get('from') ?? '',
    to: sp.get('to') ?? '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('audit.title'));
  const [sp, setSp] = useSearchParams();
  const applied = useMemo(() => readFilters(sp), [sp]);
  const [draft, setDraft] = useState<AuditFilters>(applied);
  const [open, setOpen] = useState<Set<string>>(new Set());

  const params = {
    action: applied.action || undefined,
    entityType: applied.entityType || undefined,
    entityId: sp.get('entityId') || undefined,
    actorId: applied.actorId || undefined,
    // the server takes instants: from is inclusive, to exclusive; a day is the region's day
    from: applied.from ? dayStart(applied.from) : undefined,
    to: applied.to ? dayStart(applied.to, 1) : undefined,
    page: applied.page,
    pageSize: PAGE_SIZE,
  };
  const actors = useQuery({
    queryKey: ['audit', 'actors'],
    queryFn: ({ signal }) => http.get<{ items: { id: string; fullName: string }[] }>('/audit/actors', undefined, signal),
    staleTime: 60_000,
  });
  const q = useQuery({
    queryKey: ['audit', params],
    queryFn: ({ signal }) => http.get<Page<AuditEntry>>('/audit', params, signal),
    placeholderData: keepPreviousData,
  });

  const apply = (f: AuditFilters, page = 1) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) next.set(k, v);
    const entityId = sp.get('entityId');
    if (entityId) next.set('entityId', entityId);
    if (page > 1) next.set('page', String(page));
    setSp(next);
  };

  const toggle = (id: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  const total = q.data?.total ?? 0;
  // action codes contain dots, so read the map as a whole rather than by nested key
  const actionLabels = t('auditActions', { returnObjects: true }) as Record<string, string>;
  const entityLabels = t('auditEntities', { returnObjects: true }) as Record<string, string>;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('audit.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('audit.intro')}
        </Text>
      </div>

      <AuditChainPanel />

      <Paper withBorder radius="md" p="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            apply(draft);
          }}
        >
          <Grid gap="sm" align="flex-end">
            <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
              <Select
                label={t('audit.action')}
                placeholder={t('audit.anyAction')}
                data={choices(actionLabels)}
                value={draft.action || null}
                onChange={(v) => setDraft({ ...draft, action: v ?? '' })}
                searchable
                clearable
                nothingFoundMessage={t('audit.nothingFound')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
              <Select
                label={t('audit.entityType')}
                placeholder={t('audit.anyEntity')}
                data={choices(entityLabels)}
                value={draft.entityType || null}
                onChange={(v) => setDraft({ ...draft, entityType: v ?? '' })}
                searchable
                clearable
                nothingFoundMessage={t('audit.nothingFound')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
              <Select
                label={t('audit.actor')}
                placeholder={t('audit.anyActor')}
                data={(actors.data?.items ?? []).map((a) => ({ value: a.id, label: a.fullName }))}
                value={draft.actorId || null}
                onChange={(v) => setDraft({ ...draft, actorId: v ?? '' })}
                searchable
                clearable
                nothingFoundMessage={t('audit.nothingFound')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
              <DateField label={t('audit.from')} value={draft.from} maxDate={draft.to || undefined} onChange={(from) => setDraft({ ...draft, from })} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
              <DateField label={t('audit.to')} value={draft.to} minDate={draft.from || undefined} onChange={(to) => setDraft({ ...draft, to })} />
            </Grid.Col>
          </Grid>
          <Group gap="xs" justify="flex-end" mt="md">
            <Button type="submit">
              {t('audit.apply')}
            </Button>
            <Button
              variant="default"
              onClick={() => {
                const empty = { action: '', entityType: '', actorId: '', from: '', to: '' };
                setDraft(empty);
                setSp(new URLSearchParams());
              }}
            >
              {t('audit.reset')}
            </Button>
          </Group>
        </form>
      </Paper>

      <Text fw={600} role="status" aria-live="polite">
        {q.data ? t('audit.total', { count: total }) : '\u00a0'}
      </Text>

      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : q.isPending ? (
        <Skeleton height={300} />
      ) : q.data.items.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Text ta="center" fw={600}>
            {t('audit.empty')}
          </Text>
        </Paper>
      ) : (
        // Scrolls sideways on a phone: focusable and named, so a keyboard can scroll it even when no row has a button.
        <Table.ScrollContainer minWidth={820} type="native" tabIndex={0} role="region" aria-label={t('audit.table')}>
          <Table withTableBorder verticalSpacing="sm" bg="white">
            <VisuallyHidden component="caption">{t('audit.table')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('audit.at')}</Table.Th>
                <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                <Table.Th scope="col">{t('audit.action')}</Table.Th>
                <Table.Th scope="col">{t('audit.entity')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('audit.changes')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.items.map((e) => {
                const expanded = open.has(e.id);
                const detailsId = `audit-details-${e.id}`;
                return (
                  <Fragment key={e.id}>
                    <Table.Tr>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <time dateTime={isoString(e.at)}>{formatDateTime(e.at)}</time>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{e.actorName ?? t('audit.system')}</Text>
                        {e.actorIp && (
                          <Text size="xs" c="dimmed">
                            {e.actorIp}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{actionLabels[e.action] ?? e.action}</Text>
                        <Code fz="xs">{e.action}</Code>
                      </Table.Td>
                      <Table.Td>
                        <EntityCell entry={e} typeLabel={entityLabels[e.entityType] ?? e.entityType} />
                      </Table.Td>
                      <Table.Td ta="right">
                        {(e.before != null || e.after != null) && (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            aria-expanded={expanded}
                            aria-controls={detailsId}
                            onClick={() => toggle(e.id)}
                          >
                            {expanded ? t('audit.hide') : t('audit.show')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                    {expanded && (
                      <Table.Tr id={detailsId}>
                        <Table.Td colSpan={5} bg="gray.0">
                          <AuditDiff before={e.before} after={e.after} />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Pager page={applied.page} total={total} pageSize={PAGE_SIZE} onChange={(p) => apply(applied, p)} withRange={false} />
    </Stack>
  );
}

/** The object by its name where the log may show one; children, e-mails and the like stay by id. */
function EntityCell({ entry, typeLabel }: { entry: AuditEntry; typeLabel: string }) {
  const page = ENTITY_PAGES[entry.entityType];
  return (
    <>
      <Text size="xs" c="dimmed">
        {typeLabel}
      </Text>
      {entry.entityName ? (
        page && entry.entityId ? (
          <Anchor component={Link} to={`${page}/${entry.entityId}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {entry.entityName}
          </Anchor>
        ) : (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {entry.entityName}
          </Text>
        )
      ) : (
        entry.entityId && (
          <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {entry.entityId}
          </Text>
        )
      )}
    </>
  );
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function show(v: unknown): string {
  if (v === undefined) return '—';
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t, i18n } = useTranslation();
  // organisation fields have interface labels; other keys are shown as they are
  const fieldLabel = (k: string) => (i18n.exists(`org.${k}`) ? t(`org.${k}`) : null);
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  return (
    <Stack gap="sm">
      {keys.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('audit.noDiff')}
        </Text>
      ) : (
        <Table withTableBorder withColumnBorders bg="white" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w="20%">
                {t('audit.field')}
              </Table.Th>
              <Table.Th scope="col">{t('audit.before')}</Table.Th>
              <Table.Th scope="col">{t('audit.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((k) => (
              <Table.Tr key={k}>
                <Table.Td>
                  {fieldLabel(k) ? (
                    <>
                      <Text size="sm">{fieldLabel(k)}</Text>
                      <Code fz="xs">{k}</Code>
                    </>
                  ) : (
                    <Code>{k}</Code>
                  )}
                </Table.Td>
                <Table.Td bg={k in b ? 'red.0' : undefined} style={{ wordBreak: 'break-word' }}>
                  <Text size="sm">{show(b[k])}</Text>
                </Table.Td>
                <Table.Td bg={k in a ? 'green.0' : undefined} style={{ wordBreak: 'break-word' }}>
                  <Text size="sm">{show(a[k])}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <details>
        <summary style={{ cursor: 'pointer' }}>
          <Text span size="sm">
            {t('audit.rawJson')}
          </Text>
        </summary>
        <SimpleGrid cols={{ base: 1, md: 2 }} mt="xs">
          <div>
            <Text size="xs" fw={600} mb={4}>
              {t('audit.before')}
            </Text>
            <Code block className="orbita-json">
              {JSON.stringify(before ?? null, null, 2)}
            </Code>
          </div>
          <div>
            <Text size="xs" fw={600} mb={4}>
              {t('audit.after')}
            </Text>
            <Code block className="orbita-json">
              {JSON.stringify(after ?? null, null, 2)}
            </Code>
          </div>
        </SimpleGrid>
      </details>
    </Stack>
  );
}
