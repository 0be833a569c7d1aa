import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Alert, Button, Code, Group, List, Paper, Progress, ScrollArea, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/errors';
import { ErrorState } from './States';
import '../../features/organizations/strings';

/**
 * A spreadsheet import in two steps: the chosen file is checked and previewed (nothing is written),
 * then the same file is committed — all rows or none. `check` and `commit` are read when called, so
 * they may close over the form's current options; call `recheck` after an option changes.
 */
export function useSpreadsheetImport<P, R>(steps: { check: (file: File) => Promise<P>; commit: (file: File) => Promise<R> }) {
  const { t } = useTranslation();
  const stepsRef = useRef(steps);
  stepsRef.current = steps;
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<P | null>(null);
  const [busy, setBusy] = useState<'check' | 'commit' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const check = async (f: File | null) => {
    setPreview(null);
    setError(null);
    if (!f) return;
    setBusy('check');
    try {
      setPreview(await stepsRef.current.check(f));
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(null);
    }
  };

  /** Writes the file: the server's answer, or null when nothing was written (the error is shown). */
  const commit = async (): Promise<R | null> => {
    if (!file) return null;
    setBusy('commit');
    setError(null);
    try {
      return await stepsRef.current.commit(file);
    } catch (err) {
      // the file changed or someone edited the data meanwhile: show the server's per-row errors again
      if (err instanceof ApiError && Array.isArray(err.problem.errors)) void check(file);
      setError(errorMessage(err, t));
      return null;
    } finally {
      setBusy(null);
    }
  };

  return {
    file,
    preview,
    busy,
    error,
    choose: (f: File | null) => {
      setFile(f);
      void check(f);
    },
    recheck: () => check(file),
    commit,
  };
}

export interface ImportRowProblem {
  /** the workbook sheet, when the file has several */
  sheet?: string;
  row: number;
  column: string | null;
  message: string;
}

/** The per-row errors of a checked file (nothing can be loaded while there are any), or a green «no errors». */
export function ImportErrorsAlert({ errors, hint }: { errors: ImportRowProblem[]; hint: string }) {
  const { t } = useTranslation();
  if (errors.length === 0) {
    return (
      <Alert color="green" variant="light">
        {t('import.noErrors')}
      </Alert>
    );
  }
  const withSheet = errors.some((e) => e.sheet);
  return (
    <Alert color="red" variant="light" title={t('import.errorsTitle', { count: errors.length })}>
      <Text size="sm" mb="xs">
        {hint}
      </Text>
      <ScrollArea.Autosize mah={260}>
        <Table verticalSpacing={4} fz="sm">
          <VisuallyHidden component="caption">{t('import.errorsTable')}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              {withSheet && <Table.Th scope="col">{t('import.sheet')}</Table.Th>}
              <Table.Th scope="col">{t('import.row')}</Table.Th>
              <Table.Th scope="col">{t('import.column')}</Table.Th>
              <Table.Th scope="col">{t('import.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {errors.map((e, i) => (
              <Table.Tr key={i}>
                {withSheet && <Table.Td>{e.sheet || '—'}</Table.Td>}
                <Table.Td>{e.row}</Table.Td>
                <Table.Td>{e.column || '—'}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Alert>
  );
}

// ───────────── imports kept on the server: upload → stored preview → commit with polled progress ─────────────

/** What the server answers for an import it keeps between preview and commit (the registry, staff lists). */
export interface StoredImportState {
  id: string;
  fileName: string;
  status: 'previewed' | 'running' | 'done' | 'failed';
  total: number;
  processed: number;
  errors: ImportRowProblem[];
  failure: string | null;
}

/**
 * The life of a stored import on a page: the chosen file is uploaded and previewed, the preview committed, and
 * the state polled while the commit runs — and afterwards while `keepPolling` says so (letters being delivered).
 */
export function useStoredImport<P extends StoredImportState>(steps: {
  queryKey: (id: string) => readonly unknown[];
  upload: (file: File) => Promise<P>;
  load: (id: string, signal?: AbortSignal) => Promise<P>;
  commit: (id: string) => Promise<P>;
  keepPolling?: (state: P) => boolean;
  onDone?: (state: P) => void;
}) {
  const [state, setState] = useState<P | null>(null);
  const upload = useMutation({ mutationFn: steps.upload, onSuccess: setState });
  const commit = useMutation({ mutationFn: steps.commit, onSuccess: setState });
  const polling = !!state && (state.status === 'running' || (state.status === 'done' && !!steps.keepPolling?.(state)));
  const poll = useQuery({
    queryKey: steps.queryKey(state?.id ?? ''),
    queryFn: ({ signal }) => steps.load(state!.id, signal),
    enabled: polling,
    refetchInterval: state?.status === 'running' ? 300 : 1000,
    refetchIntervalInBackground: true,
  });
  const onDone = useRef(steps.onDone);
  onDone.current = steps.onDone;
  useEffect(() => {
    const next = poll.data;
    if (!next || !state || next.id !== state.id || !polling) return;
    setState(next);
    if (state.status === 'running' && next.status === 'done') onDone.current?.(next);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [poll.data]);

  return {
    state,
    upload,
    commit,
    pollError: poll.error,
    choose(file: File) {
      setState(null);
      commit.reset();
      upload.mutate(file);
    },
    restart() {
      setState(null);
      upload.reset();
      commit.reset();
    },
  };
}

const SPREADSHEET_TYPES = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'text/csv': ['.csv'],
  'application/vnd.ms-excel': ['.csv'],
  'text/plain': ['.csv'],
};

/**
 * Where a person drops an .xlsx or .csv, or picks one with the button; the file is checked at once, nothing is
 * written yet. The drop area itself is not a control (a button around the file input would nest interactive
 * elements): keyboard and screen-reader users have the button.
 */
export function ImportDropzone({ onFile, upload }: { onFile: (file: File) => void; upload: { isPending: boolean; isError: boolean; error: unknown } }) {
  const { t } = useTranslation();
  const [rejected, setRejected] = useState(false);
  const openRef = useRef<() => void>(null);
  return (
    <Stack gap="xs">
      <Dropzone
        openRef={openRef}
        onDrop={(files) => {
          setRejected(false);
          if (files[0]) onFile(files[0]);
        }}
        onReject={() => setRejected(true)}
        accept={SPREADSHEET_TYPES}
        multiple={false}
        maxSize={50 * 1024 * 1024}
        loading={upload.isPending}
        activateOnClick={false}
        activateOnKeyboard={false}
        inputProps={{ 'aria-label': t('import.dropLabel') }}
        radius="md"
      >
        <Stack gap={6} align="center" py="xl">
          <svg width="44" height="44" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" color="var(--mantine-color-blue-7)">
            <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
            <path d="M14 3v5h5M12 18v-6M9 15l3-3 3 3" />
          </svg>
          <Text size="lg" fw={600} ta="center">
            {t('import.dropTitle')}
          </Text>
          <Text size="sm" c="dimmed" id="import-drop-hint">
            {t('import.dropHint')}
          </Text>
          <Button mt="xs" onClick={() => openRef.current?.()} aria-describedby="import-drop-hint" loading={upload.isPending}>
            {t('import.choose')}
          </Button>
        </Stack>
      </Dropzone>
      {rejected && (
        <Alert color="red" variant="light" role="alert">
          {t('import.rejected')}
        </Alert>
      )}
      {upload.isError && <ErrorState error={upload.error} />}
      {upload.isPending && (
        <Text size="sm" c="dimmed" role="status">
          {t('import.checking')}
        </Text>
      )}
    </Stack>
  );
}

/** A «done» title in the text colour: no green is dark enough for 4.5:1 on the light green alert's tint. */
export const SuccessTitle = ({ children }: { children: string }) => (
  <Text span inherit c="var(--mantine-color-text)">
    {children}
  </Text>
);

/** The figures of a preview, side by side on a wide screen and stacked on a phone. */
function ImportStats({ items }: { items: { label: string; value: number }[] }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: items.length }} spacing="sm">
      {items.map((item) => (
        <Paper key={item.label} bg="gray.0" radius="md" p="md">
          <Text size="sm" c="dimmed">
            {item.label}
          </Text>
          <Text fz={28} fw={700} lh={1.2}>
            {item.value.toLocaleString()}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/**
 * The checked file: its figures, then either its errors by row and column or the button that commits it;
 * `children` show what follows the commit (progress, the outcome).
 */
export function StoredImportPanel({
  state,
  stats,
  errorsHint,
  commit,
  commitLabel,
  commitHint,
  commitDisabled,
  children,
}: {
  state: StoredImportState;
  stats: { label: string; value: number }[];
  errorsHint: string;
  commit: { mutate: (id: string) => void; isPending: boolean; isError: boolean; error: unknown };
  commitLabel: string;
  commitHint?: string;
  commitDisabled?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const previewed = state.status === 'previewed';
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="import-result-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="import-result-title">
          {t('import.file', { name: state.fileName })}
        </Title>
        <ImportStats items={stats} />
        {previewed && state.errors.length > 0 && <ImportErrorsAlert errors={state.errors} hint={errorsHint} />}
        {previewed && state.errors.length === 0 && (
          <Stack gap="sm" align="flex-start">
            <Text c="green.9" fw={500}>
              {t('import.noErrors')}
            </Text>
            {commitHint && <Text size="sm">{commitHint}</Text>}
            <Button size="md" onClick={() => commit.mutate(state.id)} loading={commit.isPending} disabled={commitDisabled}>
              {commitLabel}
            </Button>
            {commit.isError && <ErrorState error={commit.error} />}
          </Stack>
        )}
        {children}
      </Stack>
    </Paper>
  );
}

/** A labelled bar with its figures in words, read out as they change. */
export function ImportProgressBar({ label, value, total, text, animated, error }: { label: string; value: number; total: number; text: string; animated?: boolean; error?: unknown }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Progress value={total ? (value / total) * 100 : 0} size="lg" striped={animated} animated={animated} aria-label={label} />
      <Text size="sm" role="status" aria-live="polite">
        {text}
      </Text>
      {!!error && (
        <Text size="sm" c="red.8">
          {errorMessage(error, t)}
        </Text>
      )}
    </Stack>
  );
}

/** What the file must look like: its headers (required ones starred), notes on the values, and an empty template to download. */
export function ImportColumnsHelp({
  title,
  intro,
  columns,
  notes,
  template,
}: {
  title: string;
  intro: string;
  columns: { header: string; required: boolean }[];
  notes: string[];
  template: { label: string; fileName: string };
}) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="import-columns-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="sm">
          <Title order={2} size="h4" id="import-columns-title">
            {title}
          </Title>
          <Button variant="light" size="sm" onClick={() => downloadCsvTemplate(columns.map((c) => c.header), template.fileName)}>
            {template.label}
          </Button>
        </Group>
        <Text size="sm">{intro}</Text>
        <Group gap={6}>
          {columns.map((c) => (
            <Code key={c.header} fz="sm" style={{ padding: '4px 8px' }}>
              {c.header}
              {c.required ? ' *' : ''}
            </Code>
          ))}
        </Group>
        <List size="sm" spacing={4}>
          {notes.map((note) => (
            <List.Item key={note}>{note}</List.Item>
          ))}
        </List>
      </Stack>
    </Paper>
  );
}

/**
 * An empty CSV with the column headers, made in the browser: semicolon-separated with a BOM,
 * as Russian Excel opens it (the same shape as the registry's CSV export).
 */
function downloadCsvTemplate(headers: string[], fileName: string) {
  const csv = '\ufeff' + headers.join(';') + '\r\n';
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
