import { Alert, Button, Code, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { http } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { formatDateTime, isoString } from '../../shared/dates';
import './strings';

interface ChainPoint {
  seq: number;
  entryId: number | null;
  hash: string;
}

interface ChainStatus {
  head: (ChainPoint & { updatedAt: string }) | null;
  published: (ChainPoint & { at: string }) | null;
}

interface IntegrityCheck {
  intact: boolean;
  audit: { entries: number; problems: number; broken: { detail: string }[] };
  signatures: { signatures: number; problems: number; broken: { detail: string; documentId: string }[] };
}

function Point({ label, point, at }: { label: string; point: ChainPoint | null; at: string | undefined }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {point ? (
        <>
          <Text fw={600}>
            {t('audit.chainEntry', { seq: point.seq })}
            {at && (
              <Text span c="dimmed" fw={400} size="sm">
                {' · '}
                <time dateTime={isoString(at)}>{formatDateTime(at)}</time>
              </Text>
            )}
          </Text>
          <Code fz="xs" style={{ wordBreak: 'break-all' }}>
            {point.hash}
          </Code>
        </>
      ) : (
        <Text>{t('audit.chainNotPublished')}</Text>
      )}
    </div>
  );
}

/** The audit chain's head in the database beside the last head published outside it, and the operator's check of both chains. */
export function AuditChainPanel() {
  const { t } = useTranslation();
  const status = useQuery({ queryKey: ['audit', 'chain'], queryFn: ({ signal }) => http.get<ChainStatus>('/audit/chain', undefined, signal) });
  const check = useMutation({ mutationFn: () => http.post<IntegrityCheck>('/audit/verify') });
  const result = check.data;

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('audit.chainTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('audit.chainIntro')}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Point label={t('audit.chainHead')} point={status.data?.head ?? null} at={status.data?.head?.updatedAt} />
          <Point label={t('audit.chainPublished')} point={status.data?.published ?? null} at={status.data?.published?.at} />
        </SimpleGrid>
        <Group>
          <Button variant="light" loading={check.isPending} onClick={() => check.mutate()}>
            {t('audit.chainVerify')}
          </Button>
        </Group>
        <div role="status" aria-live="polite">
          {check.isError && <Alert color="red">{errorMessage(check.error, t)}</Alert>}
          {result &&
            (result.intact ? (
              <Alert color="green">{t('audit.chainIntact', { entries: result.audit.entries, signatures: result.signatures.signatures })}</Alert>
            ) : (
              <Alert color="red" title={t('audit.chainBroken', { audit: result.audit.problems, signatures: result.signatures.problems })}>
                <List size="sm">
                  {result.audit.broken.map((b, i) => (
                    <List.Item key={`a${i}`}>{b.detail}</List.Item>
                  ))}
                  {result.signatures.broken.map((b, i) => (
                    <List.Item key={`s${i}`}>
                      <Code fz="xs">{b.documentId}</Code> {b.detail}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            ))}
        </div>
      </Stack>
    </Paper>
  );
}
