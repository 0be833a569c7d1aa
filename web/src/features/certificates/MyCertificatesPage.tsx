import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyList, ErrorState, ListSkeleton } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { pdfUrl, printedCode, useMyCertificates } from './api';
import { CertificateState, heldText } from './CertificateParts';
import './strings';

/** /certificates — the signed-in person's certificates and their children's, each with its PDF and verification code. */
export function MyCertificatesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('certificates.mine.title'));
  const list = useMyCertificates();
  return (
    <Stack gap="md" maw={820}>
      <div>
        <Title order={1}>{t('certificates.mine.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('certificates.mine.intro')}
        </Text>
      </div>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <ListSkeleton rows={3} height={96} />
      ) : list.data.length === 0 ? (
        <EmptyList title={t('certificates.mine.empty')} hint={t('certificates.mine.emptyHint')} />
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {list.data.map((c) => (
            <Paper component="li" withBorder p="md" radius="md" key={c.id}>
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Text fw={700}>{c.title}</Text>
                  <Text size="sm">
                    {c.recipientName} · {t(`certificates.role.${c.role}`)} · {heldText(c.heldFrom, c.heldTo)}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('certificates.number')} {c.number} · {t('certificates.code')}{' '}
                    <Anchor component={Link} to={`/certificates/verify/${printedCode(c.verificationCode)}`}>
                      {printedCode(c.verificationCode)}
                    </Anchor>
                  </Text>
                </div>
                <Group gap="xs">
                  <CertificateState revoked={!!c.revokedAt} />
                  {!c.revokedAt && (
                    <Anchor href={pdfUrl(c.id)} download>
                      {t('certificates.download')}
                    </Anchor>
                  )}
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
