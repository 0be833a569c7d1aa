import { Alert, Button, FileInput, Modal, ScrollArea, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ImportErrorsAlert, useSpreadsheetImport } from '../../shared/components/SpreadsheetImport';
import { inventoryKeys } from '../inventory/api';
import { exchangeKeys, inventoryTransferApi } from './api';
import '../networks/strings';
import './strings';
import '../organizations/strings';
import { ModalActions } from '../../shared/components/ModalActions';

/**
 * The network's resources and needs from a workbook (sheets «Ресурсы» and «Потребности», as the
 * «Скачать XLSX» button gives them): checked first, then written all or nothing. Rows may only be for
 * organisations whose inventory the user keeps; the check lists the others as errors.
 */
export function InventoryImportModal({ networkId, onClose }: { networkId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const importer = useSpreadsheetImport({
    check: (file) => inventoryTransferApi.checkFile(networkId, file),
    commit: (file) => inventoryTransferApi.commitFile(networkId, file),
  });
  const { file, preview, busy, error } = importer;
  const changes = preview ? preview.toCreate + preview.toUpdate : 0;
  const changedRows = preview ? preview.rows.filter((r) => r.action !== 'unchanged') : [];

  const commit = async () => {
    if (!preview?.canCommit || changes === 0) return;
    const result = await importer.commit();
    if (result) {
      notifications.show({ color: 'green', message: t('exchanges.import.done', { count: result.created + result.updated }) });
      void qc.invalidateQueries({ queryKey: inventoryKeys.all });
      // the rows' organisations are in other networks' and their municipalities' pictures too
      void qc.invalidateQueries({ queryKey: exchangeKeys.pictures });
      onClose();
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('exchanges.import.title')} size="xl" centered>
      <Stack gap="md">
        <Text size="sm">{t('exchanges.import.intro')}</Text>
        <Text size="xs" c="dimmed">
          {t('exchanges.import.columns')}
        </Text>
        <FileInput
          label={t('plans.importFile')}
          placeholder={t('exchanges.import.filePlaceholder')}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={importer.choose}
          clearable
          data-autofocus
        />
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
              {t('exchanges.import.summary', { create: preview.toCreate, update: preview.toUpdate, unchanged: preview.unchanged, errors: preview.errors.length })}
            </Text>
            {preview.ignoredSheets.length + preview.ignoredColumns.length > 0 && (
              <Text size="xs" c="dimmed">
                {t('exchanges.import.ignored', { list: [...preview.ignoredSheets, ...preview.ignoredColumns].join(', ') })}
              </Text>
            )}
            <ImportErrorsAlert errors={preview.errors} hint={t('exchanges.import.errorsHint')} />
            {preview.errors.length === 0 && changes === 0 && (
              <Alert color="gray" variant="light">
                {t('exchanges.import.nothingToDo')}
              </Alert>
            )}
            {changedRows.length > 0 && (
              <ScrollArea.Autosize mah={260}>
                <Table verticalSpacing={4} fz="sm" withTableBorder>
                  <VisuallyHidden component="caption">{t('exchanges.import.previewCaption')}</VisuallyHidden>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('import.sheet')}</Table.Th>
                      <Table.Th scope="col">{t('import.row')}</Table.Th>
                      <Table.Th scope="col">{t('exchanges.picture.organization')}</Table.Th>
                      <Table.Th scope="col">{t('exchanges.import.record')}</Table.Th>
                      <Table.Th scope="col">{t('exchanges.import.action')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {changedRows.slice(0, 200).map((r) => (
                      <Table.Tr key={`${r.sheet}-${r.row}`}>
                        <Table.Td>{r.sheet}</Table.Td>
                        <Table.Td>{r.row}</Table.Td>
                        <Table.Td>{r.organizationName}</Table.Td>
                        <Table.Td>{r.title}</Table.Td>
                        <Table.Td>{t(`exchanges.import.rowAction.${r.action}`)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            )}
          </Stack>
        )}
        <ModalActions onCancel={onClose}>
          <Button onClick={commit} disabled={!preview?.canCommit || changes === 0} loading={busy === 'commit'}>
            {t('exchanges.import.commit', { count: changes })}
          </Button>
        </ModalActions>
      </Stack>
    </Modal>
  );
}
