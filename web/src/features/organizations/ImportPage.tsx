import { Alert, Anchor, Breadcrumbs, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportPreview } from '../../shared/api/types';
import { ORGANIZATION_STATUSES } from '../../shared/api/types';
import {
  ImportDropzone,
  ImportProgressBar,
  StoredImportPanel,
  SuccessTitle,
  ImportColumnsHelp,
  useStoredImport,
} from '../../shared/components/SpreadsheetImport';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { orgApi, orgKeys } from './api';
import './strings';

/** The column headers of an import file, as the server reads them. */
const COLUMNS: { header: string; required: boolean }[] = [
  { header: 'Полное наименование', required: true },
  { header: 'Краткое наименование', required: true },
  { header: 'Тип', required: true },
  { header: 'ИНН', required: false },
  { header: 'ОГРН', required: false },
  { header: 'Внешний код', required: false },
  { header: 'Муниципалитет', required: true },
  { header: 'Статусы', required: false },
  { header: 'Адрес', required: false },
  { header: 'Широта', required: false },
  { header: 'Долгота', required: false },
  { header: 'Руководитель', required: false },
  { header: 'Телефон', required: false },
  { header: 'Эл. почта', required: false },
  { header: 'Сайт', required: false },
  { header: 'Описание', required: false },
];

/** How the file names kinds (the server also accepts the interface labels and the codes). */
const KIND_FILE_LABELS = [
  'Школа',
  'Лицей',
  'Гимназия',
  'Детский сад',
  'Организация доп. образования',
  'Колледж',
  'Вуз',
  'НКО',
  'Библиотека',
  'Музей',
  'Учреждение культуры',
  'Спортивная организация',
  'Предприятие',
  'Орган управления образованием',
  'Методический центр',
];

export function ImportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('import.title'));
  const qc = useQueryClient();
  const registryImport = useStoredImport<ImportPreview>({
    queryKey: orgKeys.import,
    upload: orgApi.uploadImport,
    load: orgApi.getImport,
    commit: orgApi.commitImport,
    onDone: () => void qc.invalidateQueries({ queryKey: orgKeys.all }),
  });
  const { state: current, commit } = registryImport;

  return (
    <Stack gap="lg" maw={1040}>
      <Breadcrumbs separator="›" component="nav" aria-label={t('common.breadcrumbs')}>
        <Anchor component={Link} to="/organizations" size="sm">
          {t('nav.organizations')}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t('import.title')}
        </Text>
      </Breadcrumbs>
      <div>
        <Title order={1}>{t('import.title')}</Title>
        <Text mt={6} maw={760}>
          {t('import.intro')}
        </Text>
      </div>

      {(!current || current.status === 'previewed') && <ImportDropzone onFile={registryImport.choose} upload={registryImport.upload} />}

      {current && (
        <StoredImportPanel
          state={current}
          stats={[
            { label: t('import.total'), value: current.total },
            { label: t('import.toCreate'), value: current.toCreate },
            { label: t('import.toUpdate'), value: current.toUpdate },
          ]}
          errorsHint={t('import.errorsHint')}
          commit={commit}
          commitLabel={t('import.commit', { count: current.total })}
          commitDisabled={current.total === 0}
        >
          {current.status === 'running' && (
            <ImportProgressBar
              label={t('import.progressLabel')}
              value={current.processed}
              total={current.total}
              text={t('import.progress', { processed: current.processed, total: current.total })}
              animated
              error={registryImport.pollError}
            />
          )}

          {current.status === 'done' && (
            <Alert color="green" variant="light" title={<SuccessTitle>{t('import.done')}</SuccessTitle>} role="status">
              <Stack gap="sm" align="flex-start">
                <Text size="sm">{t('import.doneText', { created: current.toCreate, updated: current.toUpdate })}</Text>
                <Group gap="sm">
                  <Button component={Link} to="/organizations">
                    {t('import.toRegistry')}
                  </Button>
                  <Button variant="default" onClick={registryImport.restart}>
                    {t('import.another')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}

          {current.status === 'failed' && (
            <Alert color="red" variant="light" title={t('import.failed')} role="alert">
              <Stack gap="sm" align="flex-start">
                {current.failure && <Text size="sm">{current.failure}</Text>}
                <Group gap="sm">
                  <Button variant="default" onClick={registryImport.restart}>
                    {t('import.another')}
                  </Button>
                  <Button component={Link} to="/organizations" variant="subtle">
                    {t('import.toRegistry')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
        </StoredImportPanel>
      )}

      <ImportColumnsHelp
        title={t('import.columnsTitle')}
        intro={t('import.columnsIntro')}
        columns={COLUMNS}
        notes={[
          t('import.columnsKinds', { list: KIND_FILE_LABELS.join(', ') }),
          t('import.columnsStatuses', { list: ORGANIZATION_STATUSES.map((s) => t(`statuses.${s}`, { lng: 'ru' })).join(', ') }),
          t('import.matching'),
          t('import.templateHint'),
        ]}
        template={{ label: t('import.template'), fileName: 'shablon-organizacii.csv' }}
      />
    </Stack>
  );
}
