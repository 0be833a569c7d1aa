import { useState } from 'react';
import { Alert, Button, FileInput, Group, Modal, Radio, ScrollArea, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { planApi } from './api';
import { periodText } from './PlanTab';
import type { Plan, PlanImportPreview } from './types';

/**
 * Import of plan items from a spreadsheet in two steps: the file is checked and previewed (nothing is
 * written), then the same file is committed — all rows or none.
 */
export function PlanImportModal({ plan, onClose, onImported }: { plan: Plan; onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'append' | 'replace'>('append');
  const [preview, setPreview] = useState<PlanImportPreview | null>(null);
  const [busy, setBusy] = useState<'check' | 'commit' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const check = async (f: File | null = file, m = mode) => {
    setPreview(null);
    setError(null);
    if (!f) return;
    setBusy('check');
    try {
      setPreview(await planApi.importFile(plan.id, f, m, false));
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(null);
    }
  };

  const commit = async () => {
    if (!file || !preview?.canCommit) return;
    setBusy('commit');
    setError(null);
    try {
      await planApi.importFile(plan.id, file, mode, true);
      notifications.show({ color: 'green', message: t('plans.importDone', { count: preview.rows.length }) });
      onImported();
      onClose();
    } catch (err) {
      // the file changed or someone edited the plan: show the server's per-row errors again
      if (err instanceof ApiError && Array.isArray((err.problem as { errors?: unknown }).errors)) {
        void check();
      }
      setError(errorMessage(err, t));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('plans.importTitle')} size="xl" centered>
      <Stack gap="md">
        <Text size="sm">{t('plans.importIntro')}</Text>
        <Text size="xs" c="dimmed">
          {t('plans.importColumns')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <FileInput
            label={t('plans.importFile')}
            placeholder={t('plans.importFilePlaceholder')}
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            value={file}
            onChange={(f) => {
              setFile(f);
              void check(f, mode);
            }}
            clearable
            data-autofocus
          />
          <Radio.Group
            label={t('plans.importMode')}
            value={mode}
            onChange={(v) => {
              setMode(v as 'append' | 'replace');
              if (file) void check(file, v as 'append' | 'replace');
            }}
          >
            <Stack gap={6} mt={6}>
              <Radio value="append" label={t('plans.importAppend')} />
              <Radio value="replace" label={t('plans.importReplace')} />
            </Stack>
          </Radio.Group>
        </SimpleGrid>

        {busy === 'check' && (
          <Text size="sm" c="dimmed" role="status">
            {t('import.checking')}
          </Text>
        )}
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}

        {preview && (
          <Stack gap="sm" aria-live="polite">
            <Text size="sm" fw={600}>
              {t('plans.importSummary', { total: preview.total, ok: preview.rows.length, errors: preview.errors.length })}
            </Text>
            {mode === 'replace' && preview.existingItems > 0 && (
              <Alert color="orange" variant="light">
                {t('plans.importReplaceWarning', { count: preview.existingItems })}
              </Alert>
            )}
            {preview.ignoredColumns.length > 0 && (
              <Text size="xs" c="dimmed">
                {t('plans.importIgnored', { columns: preview.ignoredColumns.join(', ') })}
              </Text>
            )}
            {preview.errors.length > 0 ? (
              <Alert color="red" variant="light" title={t('import.errorsTitle', { count: preview.errors.length })}>
                <Text size="sm" mb="xs">
                  {t('plans.importErrorsHint')}
                </Text>
                <ScrollArea.Autosize mah={260}>
                  <Table verticalSpacing={4} fz="sm">
                    <VisuallyHidden component="caption">{t('import.errorsTable')}</VisuallyHidden>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('import.row')}</Table.Th>
                        <Table.Th scope="col">{t('import.column')}</Table.Th>
                        <Table.Th scope="col">{t('import.message')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {preview.errors.map((e, i) => (
                        <Table.Tr key={i}>
                          <Table.Td>{e.row}</Table.Td>
                          <Table.Td>{e.column || '—'}</Table.Td>
                          <Table.Td>{e.message}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea.Autosize>
              </Alert>
            ) : (
              <Alert color="green" variant="light">
                {t('import.noErrors')}
              </Alert>
            )}
            {preview.rows.length > 0 && (
              <ScrollArea.Autosize mah={260}>
                <Table verticalSpacing={4} fz="sm" withTableBorder>
                  <VisuallyHidden component="caption">{t('plans.importPreviewCaption')}</VisuallyHidden>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">№</Table.Th>
                      <Table.Th scope="col">{t('plans.activity')}</Table.Th>
                      <Table.Th scope="col">{t('plans.period')}</Table.Th>
                      <Table.Th scope="col">{t('plans.statusLabel')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.rows.slice(0, 200).map((r) => (
                      <Table.Tr key={r.row}>
                        <Table.Td>{r.number}</Table.Td>
                        <Table.Td style={{ paddingLeft: 8 + r.depth * 14 }}>{r.activity}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{periodText(r.startsOn, r.endsOn, t)}</Table.Td>
                        <Table.Td>{t(`plans.status.${r.status}`)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            )}
          </Stack>
        )}

        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={commit} disabled={!preview?.canCommit || !preview.rows.length} loading={busy === 'commit'}>
            {t('plans.importCommit', { count: preview?.rows.length ?? 0 })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
