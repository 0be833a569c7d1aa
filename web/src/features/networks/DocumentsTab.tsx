import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Progress, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../shared/api/errors';
import { requiredProps } from '../../shared/components/required';
import { ErrorState } from '../../shared/components/States';
import { formatDate } from '../../shared/dates';
import { documentApi, networkKeys, useDocumentTemplates, useDocuments } from './api';
import { Section } from './AboutTab';
import { DocumentView } from './DocumentView';
import type { DocumentState, NetworkDetail } from './types';
import './strings';

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
  const [kind, setKind] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [kindError, setKindError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!kind) {
      setKindError(t('documents.kindRequired'));
      return;
    }
    setBusy(true);
    try {
      const doc = await documentApi.create(network.id, { kind, title: title.trim() || undefined });
      void qc.invalidateQueries({ queryKey: networkKeys.documents(network.id) });
      notifications.show({ color: 'green', message: t('documents.created') });
      onClose();
      navigate(`/networks/${network.id}/documents/${doc.id}`);
    } catch (err) {
      setError(errorMessage(err, t));
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
              setKindError(null);
            }}
            allowDeselect={false}
            error={kindError}
            nothingFoundMessage={templates.isPending ? t('common.loading') : undefined}
            data-autofocus
          />
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
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('documents.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
