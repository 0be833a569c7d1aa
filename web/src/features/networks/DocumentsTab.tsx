import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Modal, MultiSelect, Paper, Progress, Radio, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { requiredProps } from '../../shared/components/required';
import { ErrorState } from '../../shared/components/States';
import { formatDate, formatDay } from '../../shared/dates';
import { documentApi, networkKeys, useDocumentParties, useDocumentTemplates, useDocuments, usePlan, usePlans } from './api';
import { Section } from './AboutTab';
import { DocumentView } from './DocumentView';
import type { DocumentState, NetworkDetail } from './types';
import './strings';
import { ModalActions } from '../../shared/components/ModalActions';

export const DOCUMENT_STATE_COLORS: Record<DocumentState, string> = { draft: 'gray', signing: 'blue', signed: 'green' };

export function DocumentsTab({ network, sub }: { network: NetworkDetail; sub?: string }) {
  if (sub) return <DocumentView network={network} documentId={sub} />;
  return <DocumentList network={network} />;
}

function DocumentList({ network }: { network: NetworkDetail }) {
  const { t } = useTranslation();
  const docs = useDocuments(network.id);
  const [creating, setCreating] = useState(false);
  if (docs.isPending) return <Skeleton height={200} />;
  if (docs.isError) return <ErrorState error={docs.error} onRetry={() => docs.refetch()} />;
  const { items, canCreate } = docs.data;

  return (
    <Section title={t('documents.title')} actions={canCreate ? <Button onClick={() => setCreating(true)}>{t('documents.create')}</Button> : undefined}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('documents.intro')}
        </Text>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {canCreate ? t('documents.emptyCoordinator') : t('documents.empty')}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {items.map((d) => (
              <Paper key={d.id} withBorder radius="md" p="sm" component="li">
                <Group justify="space-between" align="flex-start" gap="sm">
                  <Stack gap={2} style={{ flex: '1 1 320px', minWidth: 0 }}>
                    <Anchor component={Link} to={`/networks/${network.id}/documents/${d.id}`} className="orbita-row-link">
                      {d.title}
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      {d.kindLabel}
                      {d.accedingOrganizationName ? ` · ${d.accedingOrganizationName}` : ''}
                      {d.partyNames.length ? ` · ${t(d.partyScope === 'authority' ? 'documents.issuedBy' : 'documents.partiesShort', { names: d.partyNames.join(', ') })}` : ''}
                      {d.hasAnnex ? ` · ${t('documents.withAnnex')}` : ''}
                      {' · '}
                      {t('documents.versionN', { version: d.currentVersion })}
                      {' · '}
                      {t('documents.updated', { date: formatDate(d.updatedAt) })}
                    </Text>
                  </Stack>
                  <Stack gap={4} align="flex-end" miw={160}>
                    <Badge color={DOCUMENT_STATE_COLORS[d.state]} variant="light" tt="none" className="orbita-badge">
                      {t(`documents.state.${d.state}`)}
                    </Badge>
                    {d.state !== 'draft' && d.requiredCount > 0 && (
                      <>
                        <Progress
                          value={(d.signedCount / d.requiredCount) * 100}
                          color={d.state === 'signed' ? 'green' : 'blue'}
                          size="sm"
                          w={140}
                          aria-hidden
                        />
                        <Text size="xs" c="dimmed">
                          {t('documents.signedCount', { signed: d.signedCount, total: d.requiredCount })}
                        </Text>
                      </>
                    )}
                  </Stack>
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
      {creating && <CreateDocumentModal network={network} onClose={() => setCreating(false)} />}
    </Section>
  );
}

function CreateDocumentModal({ network, onClose }: { network: NetworkDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const templates = useDocumentTemplates(true);
  const choices = useDocumentParties(network.id, true);
  const plans = usePlans(network.id);
  const [kind, setKind] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [scope, setScope] = useState<'members' | 'named'>('members');
  const [partyIds, setPartyIds] = useState<string[]>([]);
  const [authorityId, setAuthorityId] = useState<string | null>(null);
  const [schoolId, setSchoolId] = useState<string | null>(null);
  const [planId, setPlanId] = useState<string | null>(null);
  const [sectionIds, setSectionIds] = useState<string[]>([]);
  const plan = usePlan(planId);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const template = (templates.data ?? []).find((x) => x.kind === kind) ?? null;
  const organizations = choices.data?.organizations ?? [];

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const missing: Record<string, string> = {};
    if (!kind) missing.kind = t('documents.kindRequired');
    if (template?.parties === 'members_or_named' && scope === 'named' && partyIds.length < 2) missing.partyOrganizationIds = t('documents.partiesTwo');
    if ((template?.parties === 'authority' || template?.parties === 'authority_and_managing') && !authorityId) missing.authorityOrganizationId = t('documents.authorityRequired');
    if (template?.baseSchool && !schoolId) missing.baseSchoolOrganizationId = t('documents.baseSchoolRequired');
    setFieldErrors(missing);
    if (Object.keys(missing).length || !template) return;
    setBusy(true);
    try {
      const doc = await documentApi.create(network.id, {
        kind: template.kind,
        title: title.trim() || undefined,
        partyOrganizationIds: template.parties === 'members_or_named' && scope === 'named' ? partyIds : undefined,
        authorityOrganizationId: template.parties === 'authority' || template.parties === 'authority_and_managing' ? (authorityId ?? undefined) : undefined,
        baseSchoolOrganizationId: template.baseSchool ? (schoolId ?? undefined) : undefined,
        annexPlanId: template.annex && planId ? planId : undefined,
        annexItemIds: template.annex && planId && sectionIds.length ? sectionIds : undefined,
      });
      void qc.invalidateQueries({ queryKey: networkKeys.documents(network.id) });
      notifications.show({ color: 'green', message: t('documents.created') });
      onClose();
      navigate(`/networks/${network.id}/documents/${doc.id}`);
    } catch (err) {
      setError(errorMessage(err, t));
      if (err instanceof ApiError && err.fieldErrors.length) setFieldErrors(Object.fromEntries(err.fieldErrors.map((x) => [x.field, x.message])));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('documents.createTitle')} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('documents.createIntro')}</Text>
          <Select
            label={t('documents.kind')}
            {...requiredProps}
            data={(templates.data ?? []).map((x) => ({ value: x.kind, label: x.label }))}
            value={kind}
            onChange={(v) => {
              setKind(v);
              setFieldErrors({});
            }}
            allowDeselect={false}
            error={fieldErrors.kind}
            nothingFoundMessage={templates.isPending ? t('common.loading') : undefined}
            data-autofocus
          />
          {template && (
            <Text size="sm" c="dimmed">
              {t(`documents.partiesRule.${template.parties}`)}
            </Text>
          )}
          {template?.parties === 'members_or_named' && (
            <Radio.Group label={t('documents.partiesLabel')} value={scope} onChange={(v) => setScope(v as 'members' | 'named')}>
              <Stack gap={6} mt={6}>
                <Radio value="members" label={t('documents.partiesMembers')} />
                <Radio value="named" label={t('documents.partiesNamed')} />
              </Stack>
            </Radio.Group>
          )}
          {template?.parties === 'members_or_named' && scope === 'named' && (
            <MultiSelect
              label={t('documents.partiesChoose')}
              description={t('documents.partiesChooseHint')}
              {...requiredProps}
              data={organizations.map((o) => ({ value: o.organizationId, label: o.shortName }))}
              value={partyIds}
              onChange={setPartyIds}
              searchable
              error={fieldErrors.partyOrganizationIds}
            />
          )}
          {(template?.parties === 'authority' || template?.parties === 'authority_and_managing') && (
            <Select
              label={t('documents.authority')}
              description={t('documents.authorityHint')}
              {...requiredProps}
              data={(choices.data?.authorities ?? []).map((a) => ({ value: a.organizationId, label: a.shortName }))}
              value={authorityId}
              onChange={setAuthorityId}
              error={fieldErrors.authorityOrganizationId}
              nothingFoundMessage={t('documents.noAuthorities')}
            />
          )}
          {template?.baseSchool && (
            <Select
              label={t('documents.baseSchool')}
              description={t('documents.baseSchoolHint')}
              {...requiredProps}
              data={organizations.filter((o) => o.school).map((o) => ({ value: o.organizationId, label: o.baseSchoolSince ? t('documents.alreadyBase', { name: o.shortName, date: formatDay(o.baseSchoolSince) }) : o.shortName, disabled: !!o.baseSchoolSince }))}
              value={schoolId}
              onChange={setSchoolId}
              error={fieldErrors.baseSchoolOrganizationId}
            />
          )}
          {template?.annex && (
            <Select
              label={t('documents.annexPlan')}
              description={t('documents.annexPlanHint')}
              data={(plans.data ?? []).map((x) => ({ value: x.id, label: x.title }))}
              value={planId}
              onChange={(v) => {
                setPlanId(v);
                setSectionIds([]);
              }}
              clearable
              placeholder={t('documents.noAnnex')}
              error={fieldErrors.annexPlanId}
            />
          )}
          {template?.annex && planId && (
            <MultiSelect
              label={t('documents.annexSections')}
              description={t('documents.annexSectionsHint')}
              data={(plan.data?.items ?? []).map((item) => ({ value: item.id, label: `${item.number}. ${item.activity}` }))}
              value={sectionIds}
              onChange={setSectionIds}
              placeholder={sectionIds.length ? undefined : t('documents.wholePlan')}
              error={fieldErrors.annexItemIds}
            />
          )}
          <TextInput
            label={t('documents.titleLabel')}
            description={t('documents.titleHint')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            maxLength={300}
          />
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={busy}>
              {t('documents.createSubmit')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}
