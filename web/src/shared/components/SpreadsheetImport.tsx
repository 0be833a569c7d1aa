import { useRef, useState } from 'react';
import { Alert, ScrollArea, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/errors';

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
