import { Alert, Anchor, Button, Group, Modal, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../shared/api/errors';
import { EmptyList, ErrorState, ListSkeleton } from '../../shared/components/States';
import { formatDate } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { type Certificate, certificateApi, certificateKeys, pdfUrl, printedCode, useEventCertificates } from './api';
import { CertificateState } from './CertificateParts';
import './strings';

/** /events/:id/certificates — the organisers issue the event's certificates, download and revoke them. */
export function EventCertificatesPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t('certificates.event.title'));
  const qc = useQueryClient();
  const list = useEventCertificates(id);
  const [revoking, setRevoking] = useState<Certificate | null>(null);
  const issue = useMutation({ mutationFn: () => certificateApi.issue(id), onSuccess: () => qc.invalidateQueries({ queryKey: ['certificates'] }) });

  return (
    <Stack gap="md" maw={960}>
      <div>
        <Title order={1}>{t('certificates.event.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('certificates.event.intro')}
        </Text>
        <Group gap="md" mt={4}>
          <Anchor component={Link} to={`/events/${id}`} size="sm">
            {t('certificates.event.toEvent')}
          </Anchor>
          <Anchor component={Link} to={`/events/${id}/check-in`} size="sm">
            {t('certificates.event.toCheckIn')}
          </Anchor>
        </Group>
      </div>

      {list.data && (
        <Paper withBorder p="md" radius="md">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Text fw={600} data-testid="certificates-waiting">
              {list.data.waiting ? t('certificates.event.waiting', { count: list.data.waiting }) : t('certificates.event.nobodyWaiting')}
            </Text>
            <Button onClick={() => issue.mutate()} loading={issue.isPending} disabled={!list.data.waiting}>
              {t('certificates.event.issue')}
            </Button>
          </Group>
          {issue.isSuccess && (
            <Text size="sm" c="green.8" mt="xs" role="status">
              {t('certificates.event.issued', { count: issue.data.issued })}
            </Text>
          )}
          {issue.isError && (
            <Text size="sm" c="red.8" mt="xs" role="alert">
              {errorMessage(issue.error, t)}
            </Text>
          )}
        </Paper>
      )}

      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <ListSkeleton rows={4} height={48} />
      ) : list.data.items.length === 0 ? (
        <EmptyList title={t('certificates.event.empty')} hint={t('certificates.event.emptyHint')} />
      ) : (
        <Table.ScrollContainer minWidth={640} type="native" tabIndex={0} role="region" aria-label={t('certificates.event.table')}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('certificates.number')}</Table.Th>
                <Table.Th>{t('certificates.event.person')}</Table.Th>
                <Table.Th>{t('certificates.verify.roleLabel')}</Table.Th>
                <Table.Th>{t('certificates.code')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.number}</Table.Td>
                  <Table.Td>
                    {c.recipientName}
                    {c.revokedAt && (
                      <Text size="xs" c="dimmed">
                        {t('certificates.event.revokedAt', { date: formatDate(c.revokedAt), reason: c.revokeReason })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`certificates.role.${c.role}`)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/certificates/verify/${printedCode(c.verificationCode)}`}>
                      {printedCode(c.verificationCode)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {c.revokedAt ? (
                      <CertificateState revoked />
                    ) : (
                      <Group gap="xs" wrap="nowrap">
                        <Anchor href={pdfUrl(c.id)} download size="sm">
                          {t('certificates.download')}
                        </Anchor>
                        <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRevoking(c)} aria-label={`${t('certificates.event.revoke')}: ${c.number}`}>
                          {t('certificates.event.revoke')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {revoking && <RevokeDialog certificate={revoking} onClose={() => setRevoking(null)} />}
    </Stack>
  );
}

function RevokeDialog({ certificate, onClose }: { certificate: Certificate; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const revoke = useMutation({
    mutationFn: () => certificateApi.revoke(certificate.id, reason, certificate.version),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: certificateKeys.event(certificate.sourceId) });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('certificates.event.revokeTitle', { number: certificate.number })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          revoke.mutate();
        }}
      >
        <Stack gap="sm">
          <Textarea label={t('certificates.event.revokeReason')} description={t('certificates.event.revokeReasonHint')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required minLength={3} maxLength={1000} autosize minRows={2} />
          {revoke.isError && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(revoke.error, t)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('certificates.event.cancel')}
            </Button>
            <Button type="submit" color="red" loading={revoke.isPending}>
              {t('certificates.event.revokeConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
