import { Alert, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { ErrorState, PageLoader } from '../../shared/components/States';
import { formatDate } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useVerification } from './api';
import { heldText } from './CertificateParts';
import './strings';

/**
 * /certificates/verify and /certificates/verify/:code — public: anyone holding a certificate's code sees whether it is
 * valid or revoked, and only what the paper says (a child's name as surname and initials).
 */
export function VerifyPage() {
  const { code } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(code ?? '');
  const result = useVerification(code);
  useDocumentTitle(t('certificates.verify.title'));
  const notFound = result.error instanceof ApiError && (result.error.status === 404 || result.error.status === 400);

  return (
    <Stack gap="md" maw={720}>
      <Title order={1}>{t('certificates.verify.title')}</Title>
      <Text>{t('certificates.verify.intro')}</Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const value = typed.trim().toUpperCase();
          if (value) navigate(`/certificates/verify/${encodeURIComponent(value)}`);
        }}
      >
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <TextInput style={{ flex: 1 }} label={t('certificates.verify.codeLabel')} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} autoComplete="off" spellCheck={false} maxLength={64} />
          <Button type="submit">{t('certificates.verify.check')}</Button>
        </Group>
      </form>
      {code &&
        (result.isPending ? (
          <PageLoader />
        ) : notFound ? (
          <Alert color="red" variant="light" role="alert" data-testid="verify-result" data-valid="none">
            {t('certificates.verify.notFound')}
          </Alert>
        ) : result.isError ? (
          <ErrorState error={result.error} onRetry={() => result.refetch()} />
        ) : (
          <Paper withBorder p="md" radius="md" data-testid="verify-result" data-valid={result.data.valid ? 'valid' : 'revoked'}>
            <Alert color={result.data.valid ? 'green' : 'red'} variant="light" mb="md" role="status">
              <Text fw={700}>{result.data.valid ? t('certificates.verify.validTitle') : t('certificates.verify.revokedTitle')}</Text>
              {result.data.revokedOn && <Text size="sm">{t('certificates.verify.revokedOn', { date: formatDate(result.data.revokedOn) })}</Text>}
            </Alert>
            <Table variant="vertical" layout="fixed" withTableBorder={false}>
              <Table.Tbody>
                <Row label={t('certificates.verify.recipient')} value={result.data.recipientName} />
                <Row label={t('certificates.verify.eventTitle')} value={result.data.title} />
                <Row label={t('certificates.held')} value={heldText(result.data.heldFrom, result.data.heldTo)} />
                <Row label={t('certificates.verify.roleLabel')} value={t(`certificates.role.${result.data.role}`)} />
                <Row label={t('certificates.verify.issuedBy')} value={result.data.issuerName} />
                <Row label={t('certificates.number')} value={result.data.number} />
                <Row label={t('certificates.verify.issuedOn')} value={formatDate(result.data.issuedOn)} />
              </Table.Tbody>
            </Table>
          </Paper>
        ))}
    </Stack>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <Table.Tr>
      <Table.Th w="38%">{label}</Table.Th>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
    </Table.Tr>
  );
}
