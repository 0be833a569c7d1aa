import { Alert, Anchor, Breadcrumbs, Button, Code, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportPreview } from '../../shared/api/types';
import { ORGANIZATION_STATUSES } from '../../shared/api/types';
import { ErrorState } from '../../shared/components/States';
import {
  ImportDropzone,
  ImportErrorsAlert,
  ImportProgressBar,
  ImportStats,
  SuccessTitle,
  downloadCsvTemplate,
  useStoredImport,
} from '../../shared/components/SpreadsheetImport';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { orgApi, orgKeys } from './api';

/** The column headers of an import file, as the server reads them. */
const COLUMNS: { header: string; required?: boolean }[] = [
  { header: 'Полное наименование', required: true },
  { header: 'Краткое наименование', required: true },
  { header: 'Тип', required: true },
  { header: 'ИНН' },
  { header: 'ОГРН' },
  { header: 'Внешний код' },
  { header: 'Муниципалитет', required: true },
  { header: 'Статусы' },
  { header: 'Адрес' },
  { header: 'Широта' },
  { header: 'Долгота' },
  { header: 'Руководитель' },
  { header: 'Телефон' },
  { header: 'Эл. почта' },
  { header: 'Сайт' },
  { header: 'Описание' },
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
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="import-result-title">
          <Stack gap="md">
            <Title order={2} size="h4" id="import-result-title">
              {t('import.file', { name: current.fileName })}
            </Title>
            <ImportStats
              items={[
                { label: t('import.total'), value: current.total },
                { label: t('import.toCreate'), value: current.toCreate },
                { label: t('import.toUpdate'), value: current.toUpdate },
              ]}
            />

            {current.status === 'previewed' && current.errors.length > 0 && <ImportErrorsAlert errors={current.errors} hint={t('import.errorsHint')} />}

            {current.status === 'previewed' && current.errors.length === 0 && (
              <Stack gap="sm" align="flex-start">
                <Text c="green.9" fw={500}>
                  {t('import.noErrors')}
                </Text>
                <Button size="md" onClick={() => commit.mutate(current.id)} loading={commit.isPending} disabled={current.total === 0}>
                  {t('import.commit', { count: current.total })}
                </Button>
                {commit.isError && <ErrorState error={commit.error} />}
              </Stack>
            )}

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
          </Stack>
        </Paper>
      )}

      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="import-columns-title">
        <Stack gap="sm">
          <Group justify="space-between" gap="sm">
            <Title order={2} size="h4" id="import-columns-title">
              {t('import.columnsTitle')}
            </Title>
            <Button variant="light" size="sm" onClick={() => downloadCsvTemplate(COLUMNS.map((c) => c.header), 'shablon-organizacii.csv')}>
              {t('import.template')}
            </Button>
          </Group>
          <Text size="sm">{t('import.columnsIntro')}</Text>
          <Group gap={6}>
            {COLUMNS.map((c) => (
              <Code key={c.header} fz="sm" style={{ padding: '4px 8px' }}>
                {c.header}
                {c.required ? ' *' : ''}
              </Code>
            ))}
          </Group>
          <List size="sm" spacing={4}>
            <List.Item>{t('import.columnsKinds', { list: KIND_FILE_LABELS.join(', ') })}</List.Item>
            <List.Item>{t('import.columnsStatuses', { list: ORGANIZATION_STATUSES.map((s) => t(`statuses.${s}`, { lng: 'ru' })).join(', ') })}</List.Item>
            <List.Item>{t('import.matching')}</List.Item>
            <List.Item>{t('import.templateHint')}</List.Item>
          </List>
        </Stack>
      </Paper>
    </Stack>
  );
}
