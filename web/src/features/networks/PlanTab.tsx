import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Menu,
  Modal,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { applyFieldErrors, errorMessage } from '../../shared/api/errors';
import { PeriodFields } from '../../shared/components/DateField';
import { requiredProps } from '../../shared/components/required';
import { ErrorState } from '../../shared/components/States';
import { formatDateTime, periodText } from '../../shared/dates';
import { networkKeys, planApi, usePlan, usePlans } from './api';
import { PlanGantt } from './PlanGantt';
import { PlanImportModal } from './PlanImportModal';
import { PlanItemModal } from './PlanItemModal';
import type { NetworkDetail, Plan, PlanItem, PlanItemStatus, PlanKind } from './types';
import './strings';
import { ModalActions } from '../../shared/components/ModalActions';

export const PLAN_STATUS_COLORS: Record<PlanItemStatus, string> = {
  planned: 'gray',
  in_progress: 'blue',
  done: 'green',
  overdue: 'red',
  cancelled: 'dark',
};
const PLAN_KINDS: PlanKind[] = ['network_plan', 'roadmap', 'joint_actions'];

/** The tree in reading order: a plan-graph table lists parents before their sub-items. */
export function flattenItems(items: PlanItem[]): PlanItem[] {
  return items.flatMap((i) => [i, ...flattenItems(i.children)]);
}

export function PlanTab({ network, sub }: { network: NetworkDetail; sub?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const plans = usePlans(network.id);
  const [creating, setCreating] = useState(false);
  const canManage = network.permissions.canManage;

  if (plans.isPending) return <Skeleton height={300} />;
  if (plans.isError) return <ErrorState error={plans.error} onRetry={() => plans.refetch()} />;
  const list = plans.data;
  const selected = list.find((p) => p.id === sub)?.id ?? list[0]?.id ?? null;

  return (
    <Stack gap="lg">
      <Group justify="space-between" gap="sm" align="flex-end">
        {list.length > 1 ? (
          <Select
            label={t('plans.choose')}
            data={list.map((p) => ({ value: p.id, label: p.title }))}
            value={selected}
            onChange={(v) => v && navigate(`/networks/${network.id}/plan/${v}`)}
            allowDeselect={false}
            style={{ flex: '1 1 320px', maxWidth: 560 }}
          />
        ) : (
          <Text size="sm" c="dimmed" style={{ flex: '1 1 320px' }}>
            {t('plans.intro')}
          </Text>
        )}
        {canManage && (
          <Button variant={list.length ? 'default' : 'filled'} onClick={() => setCreating(true)}>
            {t('plans.create')}
          </Button>
        )}
      </Group>
      {list.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <Text ta="center" c="dimmed">
            {canManage ? t('plans.emptyCoordinator') : t('plans.empty')}
          </Text>
        </Paper>
      ) : (
        selected && <PlanPanel network={network} planId={selected} />
      )}
      {creating && (
        <PlanFormModal
          network={network}
          onClose={() => setCreating(false)}
          onCreated={(id) => navigate(`/networks/${network.id}/plan/${id}`)}
        />
      )}
    </Stack>
  );
}

function PlanPanel({ network, planId }: { network: NetworkDetail; planId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const plan = usePlan(planId);
  const [view, setView] = useState<'table' | 'timeline'>('table');
  const [editing, setEditing] = useState<{ item: PlanItem | null; parentId: string | null; mode: 'full' | 'report' } | null>(null);
  const [importing, setImporting] = useState(false);
  const [deleting, setDeleting] = useState<PlanItem | 'plan' | null>(null);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: networkKeys.plan(planId) });
    void qc.invalidateQueries({ queryKey: networkKeys.plans(network.id) });
    void qc.invalidateQueries({ queryKey: networkKeys.launchPath(network.id) });
  };
  const remove = useMutation({
    mutationFn: async (target: PlanItem | 'plan') => {
      if (target === 'plan') await planApi.remove(planId);
      else await planApi.removeItem(target.id);
    },
    onSuccess: (_d, target) => {
      setDeleting(null);
      notifications.show({ message: target === 'plan' ? t('plans.planDeleted') : t('plans.itemDeleted') });
      if (target === 'plan') {
        void qc.invalidateQueries({ queryKey: networkKeys.plans(network.id) });
        void qc.invalidateQueries({ queryKey: networkKeys.launchPath(network.id) });
        navigate(`/networks/${network.id}/plan`);
      } else refresh();
    },
    onError: (err) => {
      setDeleting(null);
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(err, t), autoClose: 8000 });
    },
  });

  if (plan.isPending) return <Skeleton height={300} />;
  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => plan.refetch()} />;
  const p = plan.data;
  const s = p.summary;

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start" gap="sm">
            <Stack gap={4} style={{ flex: '1 1 360px', minWidth: 0 }}>
              <Text size="sm" c="dimmed">
                {t(`plans.kind.${p.kind}`)}
                {p.periodStart || p.periodEnd ? ` · ${periodText(p.periodStart, p.periodEnd, t)}` : ''}
              </Text>
              <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
                {p.title}
              </Title>
            </Stack>
            <Group gap="xs">
              <Button component="a" href={planApi.exportUrl(p.id, 'xlsx')} download variant="default" size="sm">
                {t('plans.exportXlsx')}
              </Button>
              <Button component="a" href={planApi.exportUrl(p.id, 'docx')} download variant="default" size="sm">
                {t('plans.exportDocx')}
              </Button>
              {p.permissions.canManage && (
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <Button variant="default" size="sm">
                      {t('plans.more')}
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item onClick={() => setImporting(true)}>{t('plans.import')}</Menu.Item>
                    <Menu.Item color="red" onClick={() => setDeleting('plan')}>
                      {t('plans.deletePlan')}
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              )}
            </Group>
          </Group>
          <Group gap="sm" align="center" wrap="nowrap">
            <Progress value={s.progress} size="lg" color="teal" style={{ flex: 1 }} aria-label={t('plans.progress', { progress: s.progress })} />
            <Text size="sm" fw={700} style={{ whiteSpace: 'nowrap' }}>
              {t('plans.progress', { progress: s.progress })}
            </Text>
          </Group>
          <Group gap={6}>
            <Text size="sm">{t('plans.itemsCount', { count: s.items })}</Text>
            {(['in_progress', 'planned', 'done', 'overdue', 'cancelled'] as const)
              .filter((k) => s.byStatus[k] > 0)
              .map((k) => (
                <Badge key={k} color={PLAN_STATUS_COLORS[k]} variant={k === 'overdue' ? 'filled' : 'light'} tt="none" className="orbita-badge">
                  {t(`plans.status.${k}`)}: {s.byStatus[k]}
                </Badge>
              ))}
          </Group>
          {s.byStatus.overdue > 0 && (
            <Alert color="red" variant="light" p="xs">
              <Text size="sm">{t('plans.overdueAlert', { count: s.byStatus.overdue })}</Text>
            </Alert>
          )}
        </Stack>
      </Paper>

      <Group justify="space-between" gap="sm">
        <SegmentedControl
          aria-label={t('plans.view')}
          value={view}
          onChange={(v) => setView(v as 'table' | 'timeline')}
          data={[
            { value: 'table', label: t('plans.viewTable') },
            { value: 'timeline', label: t('plans.viewTimeline') },
          ]}
        />
        {p.permissions.canManage && (
          <Button onClick={() => setEditing({ item: null, parentId: null, mode: 'full' })}>{t('plans.addItem')}</Button>
        )}
      </Group>

      {p.items.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <Text ta="center" c="dimmed">
            {p.permissions.canManage ? t('plans.noItemsCoordinator') : t('plans.noItems')}
          </Text>
        </Paper>
      ) : view === 'table' ? (
        <PlanTable
          plan={p}
          onEdit={(item) => setEditing({ item, parentId: item.parentId, mode: p.permissions.canManage ? 'full' : 'report' })}
          onAddChild={(item) => setEditing({ item: null, parentId: item.id, mode: 'full' })}
          onDelete={(item) => setDeleting(item)}
        />
      ) : (
        <PlanGantt plan={p} />
      )}

      {editing && (
        <PlanItemModal
          network={network}
          plan={p}
          item={editing.item}
          parentId={editing.parentId}
          mode={editing.mode}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      )}
      {importing && <PlanImportModal plan={p} onClose={() => setImporting(false)} onImported={refresh} />}
      <Modal opened={!!deleting} onClose={() => setDeleting(null)} title={deleting === 'plan' ? t('plans.deletePlanTitle') : t('plans.deleteItemTitle')} centered>
        {deleting && (
          <Stack>
            <Text size="sm">
              {deleting === 'plan'
                ? t('plans.deletePlanText', { title: p.title, count: p.summary.items })
                : t('plans.deleteItemText', { number: deleting.number, activity: deleting.activity, count: flattenItems(deleting.children).length })}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeleting(null)}>
                {t('common.cancel')}
              </Button>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(deleting)}>
                {t('plans.delete')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function StatusBadge({ item }: { item: PlanItem }) {
  const { t } = useTranslation();
  return (
    <Badge color={PLAN_STATUS_COLORS[item.status]} variant={item.status === 'overdue' ? 'filled' : 'light'} tt="none" className="orbita-badge">
      {t(`plans.status.${item.status}`)}
    </Badge>
  );
}

function ItemActions({
  plan,
  item,
  onEdit,
  onAddChild,
  onDelete,
  compact = false,
}: {
  plan: Plan;
  item: PlanItem;
  compact?: boolean;
  onEdit: (i: PlanItem) => void;
  onAddChild: (i: PlanItem) => void;
  onDelete: (i: PlanItem) => void;
}) {
  const { t } = useTranslation();
  if (plan.permissions.canManage) {
    return (
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="compact-sm" variant="subtle" aria-label={t('plans.itemActions', { number: item.number })} title={t('plans.itemActions', { number: item.number })}>
            {compact ? <span aria-hidden>•••</span> : t('plans.actions')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => onEdit(item)}>{t('plans.editItem')}</Menu.Item>
          <Menu.Item onClick={() => onAddChild(item)}>{t('plans.addChild')}</Menu.Item>
          <Menu.Item color="red" onClick={() => onDelete(item)}>
            {t('plans.delete')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    );
  }
  if (item.canReport) {
    return (
      <Button size="compact-sm" variant="light" onClick={() => onEdit(item)} aria-label={t('plans.reportOn', { number: item.number })} title={t('plans.reportOn', { number: item.number })}>
        {compact ? <span aria-hidden>✎</span> : t('plans.report')}
      </Button>
    );
  }
  return null;
}

function PlanTable({
  plan,
  onEdit,
  onAddChild,
  onDelete,
}: {
  plan: Plan;
  onEdit: (i: PlanItem) => void;
  onAddChild: (i: PlanItem) => void;
  onDelete: (i: PlanItem) => void;
}) {
  const { t } = useTranslation();
  const isMobile = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const rows = flattenItems(plan.items);
  const withActions = plan.permissions.canManage || plan.permissions.canReport;
  const orgs = (i: PlanItem) =>
    [i.responsibleOrganizations.map((o) => o.shortName).join(', '), i.responsiblePeople].filter(Boolean).join('; ') || '—';
  const progress = (i: PlanItem) => (i.children.length ? i.rolledUpProgress : i.progress);

  if (isMobile) {
    return (
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {rows.map((i) => (
          <Paper
            key={i.id}
            withBorder
            radius="md"
            p="sm"
            component="li"
            ml={Math.min(i.depth, 3) * 14}
            className={i.overdue ? 'orbita-overdue' : undefined}
          >
            <Stack gap={6}>
              <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                <Text size="sm" fw={i.depth === 0 ? 700 : 600}>
                  {i.number}. {i.activity}
                </Text>
                <StatusBadge item={i} />
              </Group>
              <Text size="xs" c={i.overdue ? 'red.8' : 'dimmed'}>
                {periodText(i.startsOn, i.endsOn, t) ?? t('plans.noDates')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('plans.responsible')}: {orgs(i)}
              </Text>
              {i.expectedResult && (
                <Text size="xs">
                  {t('plans.expectedResult')}: {i.expectedResult}
                </Text>
              )}
              <Group gap="xs" wrap="nowrap">
                <Progress value={progress(i)} size="sm" style={{ flex: 1 }} aria-hidden color={i.overdue ? 'red' : 'teal'} />
                <Text size="xs">{progress(i)} %</Text>
              </Group>
              {withActions && <ItemActions plan={plan} item={i} onEdit={onEdit} onAddChild={onAddChild} onDelete={onDelete} />}
            </Stack>
          </Paper>
        ))}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={940}>
      <Table verticalSpacing="sm" horizontalSpacing="sm" withTableBorder withColumnBorders bg="white" className="orbita-plan-table">
        <VisuallyHidden component="caption">{t('plans.tableCaption', { title: plan.title })}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={52}>
              №
            </Table.Th>
            <Table.Th scope="col" miw={240}>
              {t('plans.activity')}
            </Table.Th>
            <Table.Th scope="col" w={112}>
              {t('plans.period')}
            </Table.Th>
            <Table.Th scope="col" miw={150}>
              {t('plans.responsible')}
            </Table.Th>
            <Table.Th scope="col" miw={160}>
              {t('plans.expectedResult')}
            </Table.Th>
            <Table.Th scope="col" w={136}>
              {t('plans.statusAndProgress')}
            </Table.Th>
            {withActions && (
              <Table.Th scope="col" w={60}>
                <VisuallyHidden>{t('plans.actions')}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((i) => (
            <Table.Tr key={i.id} className={i.overdue ? 'orbita-overdue' : undefined}>
              <Table.Td>
                <Text size="sm" fw={i.depth === 0 ? 700 : 400}>
                  {i.number}
                </Text>
              </Table.Td>
              <Table.Td>
                <div style={{ paddingLeft: i.depth * 18 }}>
                  <Text size="sm" fw={i.depth === 0 ? 700 : 400} style={{ overflowWrap: 'anywhere' }}>
                    {i.activity}
                  </Text>
                  {i.evidence && (
                    <Text size="xs" c="dimmed">
                      {t(`plans.evidenceKind.${i.evidence.kind}`)}:{' '}
                      {i.evidence.kind === 'link' ? (
                        <a href={i.evidence.reference} target="_blank" rel="noopener noreferrer">
                          {i.evidence.reference}
                        </a>
                      ) : (
                        i.evidence.reference
                      )}
                    </Text>
                  )}
                  {i.events.map((event) => (
                    <Text key={event.id} size="xs">
                      {t('plans.heldEvent')}:{' '}
                      <Anchor component={Link} to={`/events/${event.id}`} size="xs">
                        {event.title}
                      </Anchor>
                      , {formatDateTime(event.startsAt)}
                      {event.state === 'cancelled' && ` — ${t('plans.heldEventCancelled')}`}
                    </Text>
                  ))}
                  {(i.outsideParentPeriod || i.outsidePlanPeriod) && (
                    <Text size="xs" c="orange.9">
                      {i.outsidePlanPeriod ? t('plans.outsidePlan') : t('plans.outsideParent')}
                    </Text>
                  )}
                </div>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={i.overdue ? 'red.8' : undefined} fw={i.overdue ? 600 : undefined}>
                  {periodText(i.startsOn, i.endsOn, t) ?? t('plans.noDates')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{orgs(i)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={4}>
                  {i.expectedResult || '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  <StatusBadge item={i} />
                  <Group gap={6} wrap="nowrap">
                    <Progress value={progress(i)} size="sm" aria-hidden color={i.overdue ? 'red' : 'teal'} style={{ flex: 1 }} />
                    <Text size="xs">{progress(i)} %</Text>
                  </Group>
                </Stack>
              </Table.Td>
              {withActions && (
                <Table.Td ta="center">
                  <ItemActions plan={plan} item={i} onEdit={onEdit} onAddChild={onAddChild} onDelete={onDelete} compact />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface PlanFormValues {
  title: string;
  kind: PlanKind;
  periodStart: string;
  periodEnd: string;
}

function PlanFormModal({ network, onClose, onCreated }: { network: NetworkDetail; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const year = new Date().getFullYear();
  const { register, control, handleSubmit, setError: setFieldError, formState } = useForm<PlanFormValues>({
    defaultValues: { title: t('plans.defaultTitle', { from: year, to: year + 1 }), kind: 'network_plan', periodStart: `${year}-09-01`, periodEnd: `${year + 1}-06-30` },
    mode: 'onTouched',
  });
  const submit = handleSubmit(async (v) => {
    setError(null);
    try {
      const created = await planApi.create(network.id, { title: v.title.trim(), kind: v.kind, periodStart: v.periodStart || null, periodEnd: v.periodEnd || null });
      void qc.invalidateQueries({ queryKey: networkKeys.plans(network.id) });
      notifications.show({ color: 'green', message: t('plans.created') });
      onClose();
      onCreated(created.id);
    } catch (err) {
      const rest = applyFieldErrors(err, setFieldError, ['title', 'kind', 'periodStart', 'periodEnd']);
      setError(rest.length ? rest.join('; ') : errorMessage(err, t));
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('plans.createTitle')} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('plans.title')}
            {...requiredProps}
            {...register('title', { validate: (v) => v.trim().length >= 3 || t('plans.titleRequired') })}
            error={formState.errors.title?.message}
            data-autofocus
          />
          <Controller
            name="kind"
            control={control}
            render={({ field }) => (
              <Select
                label={t('plans.kindLabel')}
                data={PLAN_KINDS.map((k) => ({ value: k, label: t(`plans.kind.${k}`) }))}
                value={field.value}
                onChange={(v) => field.onChange(v ?? 'network_plan')}
                allowDeselect={false}
              />
            )}
          />
          <Grid gap="md">
            <PeriodFields
              control={control}
              start="periodStart"
              end="periodEnd"
              startLabel={t('plans.periodStart')}
              endLabel={t('plans.periodEnd')}
              endBeforeStart={t('plans.endBeforeStart')}
              span={{ base: 12, sm: 6 }}
            />
          </Grid>
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={formState.isSubmitting}>
              {t('plans.createSubmit')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

