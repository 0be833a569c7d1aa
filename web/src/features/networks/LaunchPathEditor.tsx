import { useState } from 'react';
import { ActionIcon, Alert, Button, Group, Modal, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, isStatus } from '../../shared/api/errors';
import { formatDateTime } from '../../shared/dates';
import { networkApi } from './api';
import { stepTitle } from './launch-path-words';
import type { LaunchPath, NetworkDetail, NetworkKind, PathChange, PathRevision, PathStep } from './types';
import './strings';

const MAX_STEPS = 20;

/** A step of the draft: a known key, or a new step of the coordinator's own (no key until saved). */
interface DraftStep {
  id: string;
  key?: string;
  title?: string;
}

let draftIds = 0;
const draftOf = (steps: PathStep[]): DraftStep[] => steps.map((s) => ({ id: `d${++draftIds}`, key: s.key, title: s.title }));

/**
 * The coordinator adapts the network's path: moves steps up and down, drops them, adds one from the catalogue or one
 * of their own, or returns to the kind's template — and says why. The server keeps the change as a revision (409
 * when another coordinator saved first: the draft stays, a reload shows theirs).
 */
export function LaunchPathEditor({ network, path, onClose, onSaved }: { network: NetworkDetail; path: LaunchPath; onClose: () => void; onSaved: (fresh: LaunchPath) => void }) {
  const { t } = useTranslation();
  const kind = path.kind ?? network.kind;
  const [draft, setDraft] = useState<DraftStep[]>(() => draftOf(path.path ?? path.steps.map((s) => ({ key: s.step, title: s.title }))));
  const [adding, setAdding] = useState<string | null>(null);
  const [ownTitle, setOwnTitle] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<{ message: string; stale: boolean } | null>(null);
  const titleOf = (s: DraftStep) => (s.key ? stepTitle(t, kind, { key: s.key, title: s.title }) : (s.title ?? ''));
  const inDraft = new Set(draft.map((s) => s.key).filter(Boolean));
  const catalogue = [...(path.addable ?? []), ...(path.path ?? []).map((s) => s.key).filter((k) => !k.startsWith('custom-'))]
    .filter((key, i, all) => all.indexOf(key) === i && !inDraft.has(key))
    .map((key) => ({ value: key, label: stepTitle(t, kind, { key }) }));
  const full = draft.length >= MAX_STEPS;
  const launchedWithGate = !!path.launchedAt && (path.path ?? []).some((s) => s.key === 'launch');

  const move = (index: number, by: -1 | 1) =>
    setDraft((d) => {
      const next = [...d];
      [next[index], next[index + by]] = [next[index + by], next[index]];
      return next;
    });
  const save = useMutation({
    mutationFn: () =>
      networkApi.adaptPath(network.id, {
        revision: path.revision ?? 0,
        steps: draft.map((s) => (s.key ? { key: s.key, ...(s.key.startsWith('custom-') && s.title ? { title: s.title } : {}) } : { title: s.title })),
        reason: reason.trim() || undefined,
      }),
    onSuccess: onSaved,
    onError: (err) => setError({ message: errorMessage(err, t), stale: isStatus(err, 409) }),
  });

  return (
    <Modal opened onClose={onClose} title={t('networks.path.editTitle')} centered size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="md">
          <Text size="sm">{t('networks.path.editIntro')}</Text>
          <ol className="orbita-path-draft" aria-label={t('networks.path.draftLabel')}>
            {draft.map((s, i) => (
              <li key={s.id}>
                <Group gap="xs" wrap="nowrap" justify="space-between">
                  <Text size="sm" style={{ flex: 1 }}>
                    <Text span c="dimmed" mr={6}>
                      {i + 1}.
                    </Text>
                    {titleOf(s)}
                    {!s.key && (
                      <Text span size="xs" c="dimmed" ml={6}>
                        {t('networks.path.newOwn')}
                      </Text>
                    )}
                  </Text>
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon variant="subtle" size="lg" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('networks.path.up', { step: titleOf(s) })} title={t('networks.path.up', { step: titleOf(s) })}>
                      <span aria-hidden>↑</span>
                    </ActionIcon>
                    <ActionIcon variant="subtle" size="lg" disabled={i === draft.length - 1} onClick={() => move(i, 1)} aria-label={t('networks.path.down', { step: titleOf(s) })} title={t('networks.path.down', { step: titleOf(s) })}>
                      <span aria-hidden>↓</span>
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      disabled={draft.length <= 1 || (launchedWithGate && s.key === 'launch')}
                      onClick={() => setDraft((d) => d.filter((x) => x.id !== s.id))}
                      aria-label={t('networks.path.remove', { step: titleOf(s) })}
                      title={t('networks.path.remove', { step: titleOf(s) })}
                    >
                      <span aria-hidden>✕</span>
                    </ActionIcon>
                  </Group>
                </Group>
              </li>
            ))}
          </ol>

          <Group align="flex-end" gap="xs" wrap="wrap">
            <Select
              label={t('networks.path.addCatalogue')}
              placeholder={t('networks.path.addCataloguePlaceholder')}
              data={catalogue}
              value={adding}
              onChange={setAdding}
              comboboxProps={{ withinPortal: true }}
              disabled={full || catalogue.length === 0}
              style={{ flex: 1, minWidth: 220 }}
            />
            <Button
              variant="light"
              disabled={!adding || full}
              onClick={() => {
                if (!adding) return;
                setDraft((d) => [...d, { id: `d${++draftIds}`, key: adding }]);
                setAdding(null);
              }}
            >
              {t('networks.path.add')}
            </Button>
          </Group>
          <Group align="flex-end" gap="xs" wrap="wrap">
            <TextInput
              label={t('networks.path.addOwn')}
              description={t('networks.path.addOwnHint')}
              value={ownTitle}
              onChange={(e) => setOwnTitle(e.currentTarget.value)}
              maxLength={200}
              disabled={full}
              style={{ flex: 1, minWidth: 220 }}
            />
            <Button
              variant="light"
              disabled={!ownTitle.trim() || full}
              onClick={() => {
                setDraft((d) => [...d, { id: `d${++draftIds}`, title: ownTitle.trim() }]);
                setOwnTitle('');
              }}
            >
              {t('networks.path.add')}
            </Button>
          </Group>
          {full && (
            <Text size="sm" c="dimmed">
              {t('networks.path.full', { max: MAX_STEPS })}
            </Text>
          )}

          <Textarea
            label={t('networks.path.reason')}
            description={t('networks.path.reasonHint')}
            autosize
            minRows={2}
            maxRows={5}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />

          {error && (
            <Alert color={error.stale ? 'orange' : 'red'} variant="light" role="alert">
              {error.message}
            </Alert>
          )}

          <Group justify="space-between" gap="sm">
            <Button variant="subtle" color="gray" onClick={() => setDraft(draftOf(path.templatePath ?? []))} disabled={!path.templatePath}>
              {t('networks.path.resetTemplate')}
            </Button>
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('networks.path.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** One change of a revision as a sentence: added, removed, moved, renamed. */
function changeText(t: ReturnType<typeof useTranslation>['t'], kind: NetworkKind, change: PathChange): string {
  if (change.change === 'renamed') return t('networks.path.change.renamed', { from: change.from, to: change.to });
  const step = stepTitle(t, kind, { key: change.key, title: change.title });
  if (change.change === 'added') return t('networks.path.change.added', { step, position: change.position });
  if (change.change === 'removed') return t('networks.path.change.removed', { step });
  return t('networks.path.change.moved', { step, from: change.from, to: change.to });
}

/** The record of the path's adaptations, newest first: when, who (for those who manage the network), why and what. */
export function PathHistory({ kind, history }: { kind: NetworkKind; history: PathRevision[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="launch-path-history">
      <Title order={2} size="h4" id="launch-path-history" mb="sm">
        {t('networks.path.history')}
      </Title>
      <Stack gap="md">
        {history.map((r) => (
          <div key={r.revision}>
            <Text size="sm" fw={600}>
              {formatDateTime(r.changedAt)}
              {r.changedBy ? ` · ${r.changedBy}` : ''}
            </Text>
            {r.migrated ? (
              <Text size="sm">{t('networks.path.migrated')}</Text>
            ) : (
              <ul className="orbita-path-changes">
                {r.changes.map((c, i) => (
                  <li key={i}>
                    <Text size="sm">{changeText(t, kind, c)}</Text>
                  </li>
                ))}
              </ul>
            )}
            {r.reason && (
              <Text size="sm" c="dimmed">
                {t('networks.path.reasonShown', { reason: r.reason })}
              </Text>
            )}
          </div>
        ))}
      </Stack>
    </Paper>
  );
}
