import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConflictAlert } from './ConflictAlert';

/** Why an action of a detail page failed: someone changed the object meanwhile (409, with a reload), or any other error. */
export interface Failure {
  conflict: boolean;
  message: string;
}

/** The failure of a detail page's action, as a conflict to reload or an error alert; nothing when there is none. */
export function ActionFailure({ failure, conflictTitle, onReload }: { failure: Failure | null; conflictTitle: string; onReload: () => void }) {
  const { t } = useTranslation();
  if (!failure) return null;
  return failure.conflict ? (
    <ConflictAlert title={conflictTitle} onReload={onReload}>
      <Text size="sm">{failure.message}</Text>
    </ConflictAlert>
  ) : (
    <Alert color="red" variant="light" role="alert" title={t('errors.title')}>
      {failure.message}
    </Alert>
  );
}
