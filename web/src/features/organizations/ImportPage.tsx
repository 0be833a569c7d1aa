import { useEffect, useState } from 'react';
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Code,
  Group,
  List,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../shared/api/errors';
import type { ImportPreview } from '../../shared/api/types';
import { ORGANIZATION_STATUSES } from '../../shared/api/types';
import { ErrorState } from '../../shared/components/States';
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

const ACCEPT = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'text/csv': ['.csv'],
  'application/vnd.ms-excel': ['.csv'],
  'text/plain': ['.csv'],
};

export function ImportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('import.title'));
  const qc = useQueryClient();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [rejected, setRejected] = useState<string | null>(null);

  const upload = useMutation({
    mutationFn: (file: File) => orgApi.uploadImport(file),
    onSuccess: (p) => setPreview(p),
  });
  const commit = useMutation({
    mutationFn: (id: string) => orgApi.commitImport(id),
    onSuccess: (p) => setPreview(p),
  });

  const running = preview?.status === 'running';
  const progress = useQuery({
    queryKey: orgKeys.import(preview?.id ?? ''),
    queryFn: ({ signal }) => orgApi.getImport(preview!.id, signal),
    enabled: !!preview && running,
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'done' || s === 'failed' ? false : 300;
    },
    refetchIntervalInBackground: true,
  });
  useEffect(() => {
    const d = progress.data;
    if (!d || !preview || d.id !== preview.id || preview.status !== 'running') return;
    setPreview(d);
    if (d.status === 'done') void qc.invalidateQueries({ queryKey: orgKeys.all });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [progress.data]);
  const current = preview;

  const onDrop = (files: File[]) => {
    setRejected(null);
    setPreview(null);
    commit.reset();
    const file = files[0];
    if (file) upload.mutate(file);
  };
  const onReject = (rej: FileRejection[]) => {
    void rej;
    setRejected(t('import.rejected'));
  };
  const restart = () => {
    setPreview(null);
    upload.reset();
    commit.reset();
  };

  const showDropzone = !preview || preview.status === 'previewed';

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

      {showDropzone && (
        <Stack gap="xs">
          <Dropzone
            onDrop={onDrop}
            onReject={onReject}
            accept={ACCEPT}
            multiple={false}
            maxSize={50 * 1024 * 1024}
            loading={upload.isPending}
            role="button"
            aria-labelledby="import-drop-title"
            aria-describedby="import-drop-hint"
            inputProps={{ 'aria-label': t('import.dropLabel') }}
            radius="md"
          >
            <Stack gap={6} align="center" py="xl" style={{ pointerEvents: 'none' }}>
              <svg width="44" height="44" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" color="var(--mantine-color-blue-7)">
                <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
                <path d="M14 3v5h5M12 18v-6M9 15l3-3 3 3" />
              </svg>
              <Text size="lg" fw={600} ta="center" id="import-drop-title">
                {t('import.dropTitle')}
              </Text>
              <Text size="sm" c="dimmed" id="import-drop-hint">
                {t('import.dropHint')}
              </Text>
            </Stack>
          </Dropzone>
          {rejected && (
            <Alert color="red" variant="light" role="alert">
              {rejected}
            </Alert>
          )}
          {upload.isError && <ErrorState error={upload.error} />}
          {upload.isPending && (
            <Text size="sm" c="dimmed" role="status">
              {t('import.checking')}
            </Text>
          )}
        </Stack>
      )}

      {current && (
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="import-result-title">
          <Stack gap="md">
            <Title order={2} size="h4" id="import-result-title">
              {t('import.file', { name: current.fileName })}
            </Title>
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
              <Stat label={t('import.total')} value={current.total} />
              <Stat label={t('import.toCreate')} value={current.toCreate} />
              <Stat label={t('import.toUpdate')} value={current.toUpdate} />
            </SimpleGrid>

            {current.status === 'previewed' && current.errors.length > 0 && (
              <Stack gap="sm">
                <Alert color="red" variant="light" title={t('import.errorsTitle', { count: current.errors.length })}>
                  {t('import.errorsHint')}
                </Alert>
                <Table.ScrollContainer minWidth={560} maxHeight={480}>
                  <Table striped withTableBorder stickyHeader verticalSpacing="xs">
                    <caption style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                      {t('import.errorsTable')}
                    </caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col" w={90}>
                          {t('import.row')}
                        </Table.Th>
                        <Table.Th scope="col" w={220}>
                          {t('import.column')}
                        </Table.Th>
                        <Table.Th scope="col">{t('import.message')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {current.errors.map((e, i) => (
                        <Table.Tr key={`${e.row}-${e.column}-${i}`}>
                          <Table.Td>{e.row}</Table.Td>
                          <Table.Td>{e.column ?? '—'}</Table.Td>
                          <Table.Td>{e.message}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Stack>
            )}

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
              <Stack gap={6}>
                <Progress
                  value={current.total ? (current.processed / current.total) * 100 : 0}
                  size="lg"
                  striped
                  animated
                  aria-label={t('import.progressLabel')}
                />
                <Text size="sm" role="status" aria-live="polite">
                  {t('import.progress', { processed: current.processed, total: current.total })}
                </Text>
                {progress.isError && <Text size="sm" c="red.8">{errorMessage(progress.error, t)}</Text>}
              </Stack>
            )}

            {current.status === 'done' && (
              <Alert color="green" variant="light" title={t('import.done')} role="status">
                <Stack gap="sm" align="flex-start">
                  <Text size="sm">{t('import.doneText', { created: current.toCreate, updated: current.toUpdate })}</Text>
                  <Group gap="sm">
                    <Button component={Link} to="/organizations">
                      {t('import.toRegistry')}
                    </Button>
                    <Button variant="default" onClick={restart}>
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
                    <Button variant="default" onClick={restart}>
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
            <Button variant="light" size="sm" onClick={downloadTemplate}>
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

/**
 * An empty CSV with the column headers, made in the browser: semicolon-separated with a BOM,
 * as Russian Excel opens it (the same shape as the registry's CSV export).
 */
function downloadTemplate() {
  const csv = '\ufeff' + COLUMNS.map((c) => c.header).join(';') + '\r\n';
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'shablon-organizacii.csv';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <Paper bg="gray.0" radius="md" p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.2}>
        {value}
      </Text>
    </Paper>
  );
}
