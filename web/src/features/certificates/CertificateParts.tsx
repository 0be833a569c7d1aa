import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../shared/dates';
import './strings';

/** «12 марта 2026» or «12 марта 2026 – 13 марта 2026». */
export const heldText = (from: string, to: string) => (from === to ? formatDate(from) : `${formatDate(from)} – ${formatDate(to)}`);

export function CertificateState({ revoked }: { revoked: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={revoked ? 'red' : 'green'} variant="light">
      {revoked ? t('certificates.revoked') : t('certificates.valid')}
    </Badge>
  );
}
