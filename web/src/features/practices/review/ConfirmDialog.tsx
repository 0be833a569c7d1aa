import { Alert, Button, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/api/errors';
import { ModalActions } from '../../../shared/components/ModalActions';

/** Asks before a step that cannot be undone (submitting a score, publishing a composite, answering once); its failure shows inside. */
export function ConfirmDialog({
  opened,
  title,
  text,
  action,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  text: string;
  action: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <Stack gap="md">
        <Text size="sm">{text}</Text>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(error, t)}
          </Alert>
        ) : null}
        <ModalActions onCancel={onClose}>
          <Button onClick={onConfirm} loading={pending}>
            {action}
          </Button>
        </ModalActions>
      </Stack>
    </Modal>
  );
}
