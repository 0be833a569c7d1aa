import { useEffect, useState } from 'react';
import { Alert, Button, FileInput, Modal, Radio, ScrollArea, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ImportErrorsAlert, useSpreadsheetImport } from '../../shared/components/SpreadsheetImport';
import { planApi } from './api';
import { periodText } from '../../shared/dates';
import type { Plan } from './types';
import './strings';
import '../organizations/strings';
import { ModalActions } from '../../shared/components/ModalActions';

/**
 * Import of plan items from a spreadsheet in two steps: the file is checked and previewed (nothing is
 * written), then the same file is committed — all rows or none.
 */
export function PlanImportModal({ plan, onClose, onImported }: { plan: Plan; onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'append' | 'replace'>('append');
  const importer = useSpreadsheetImport({
    check: (file) => planApi.importFile(plan.id, file, mode, false),
    commit: (file) => planApi.importFile(plan.id, file, mode, true),
  });
  const { file, preview, busy, error } = importer;
  // the preview depends on the mode (a replace deletes the current items): check the file again
  useEffect(() => {
    void importer.recheck();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode]);

  const commit = async () => {
    if (!preview?.canCommit) return;
    if (await importer.commit()) {
      notifications.show({ color: 'green', message: t('plans.importDone', { count: preview.rows.length }) });
      onImported();
      onClose();
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
            onChange={importer.choose}
            clearable
            data-autofocus
          />
          <Radio.Group
            label={t('plans.importMode')}
            value={mode}
            onChange={(v) => setMode(v as 'append' | 'replace')}
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
            <ImportErrorsAlert errors={preview.errors} hint={t('plans.importErrorsHint')} />
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
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{periodText(r.startsOn, r.endsOn, t) ?? t('plans.noDates')}</Table.Td>
                        <Table.Td>{t(`plans.status.${r.status}`)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            )}
          </Stack>
        )}

        <ModalActions onCancel={onClose}>
          <Button onClick={commit} disabled={!preview?.canCommit || !preview.rows.length} loading={busy === 'commit'}>
            {t('plans.importCommit', { count: preview?.rows.length ?? 0 })}
          </Button>
        </ModalActions>
      </Stack>
    </Modal>
  );
}
