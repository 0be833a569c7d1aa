import { useState } from 'react';
import { Button, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api/errors';
import { ModalActions } from './ModalActions';

/** «Are you sure?» for a change that needs no reason: the consequence in a sentence, cancel, and the button. */
export function ConfirmModal({
  title,
  text,
  confirmLabel,
  color,
  doneMessage,
  onConfirm,
  onClose,
}: {
  title: string;
  text: string;
  confirmLabel: string;
  color: string;
  /** shown once the change succeeded */
  doneMessage: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const run = async () => {
    setPending(true);
    try {
      await onConfirm();
      notifications.show({ message: doneMessage });
      onClose();
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err, t) });
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} title={title} centered>
      <Stack gap="md">
        <Text size="sm">{text}</Text>
        <ModalActions onCancel={onClose}>
          <Button color={color} onClick={run} loading={pending}>
            {confirmLabel}
          </Button>
        </ModalActions>
      </Stack>
    </Modal>
  );
}
