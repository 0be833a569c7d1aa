import { useState } from 'react';
import { Alert, Button, Checkbox, Collapse, Group, Modal, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { ErrorState } from '../../shared/components/States';
import { formatDate } from '../../shared/dates';
import { type Child, useConsentText, useGiveConsent, useWithdrawConsent } from './api';
import './strings';

/**
 * The guardian's consent as a separate act: the text to read, a tick and a button; once given, its
 * date and a withdrawal that says plainly what it ends.
 */
export function ConsentBlock({ child }: { child: Child }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="consent-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="consent-title">
          {t('families.consent.title')}
        </Title>
        {child.consent ? <GivenConsent child={child} /> : <GiveConsentForm child={child} />}
      </Stack>
    </Paper>
  );
}

function ConsentText({ text }: { text: string }) {
  return (
    <ScrollArea.Autosize mah={260} type="auto" offsetScrollbars>
      <Text size="sm" style={{ whiteSpace: 'pre-line' }} data-testid="consent-text">
        {text}
      </Text>
    </ScrollArea.Autosize>
  );
}

/** The programme page consent was asked from (its enrolment panel), if any: only our own programme pages, never an address from elsewhere. */
function useReturnTo(): string | null {
  const [searchParams] = useSearchParams();
  const returnTo = searchParams.get('returnTo');
  return returnTo && /^\/programmes\/[0-9a-f-]{36}$/.test(returnTo) ? returnTo : null;
}

function GiveConsentForm({ child }: { child: Child }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const returnTo = useReturnTo();
  const text = useConsentText();
  const give = useGiveConsent(child.id);
  const [agreed, setAgreed] = useState(false);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setTouched(true);
    if (!agreed || !text.data) return;
    setError(null);
    try {
      await give.mutateAsync(text.data.version);
      notifications.show({ color: 'green', message: t('families.consent.givenNow') });
      // Back to the programme the parent was enrolling in, with this child chosen.
      if (returnTo) navigate(`${returnTo}?child=${encodeURIComponent(child.id)}`);
    } catch (err) {
      if (err instanceof ApiError && (err.problem as { code?: string }).code === 'consent_text_outdated') {
        setAgreed(false);
        setTouched(false);
        setError(t('families.consent.outdated'));
        await text.refetch();
      } else setError(errorMessage(err, t));
    }
  };

  return (
    <Stack gap="sm">
      <Alert color="orange" variant="light">
        {t('families.consent.none')}
        {returnTo && ` ${t('families.consent.thenBack')}`}
      </Alert>
      {text.isError ? (
        <ErrorState error={text.error} onRetry={() => text.refetch()} />
      ) : !text.data ? (
        <Text size="sm" c="dimmed">
          {t('families.consent.loadingText')}
        </Text>
      ) : (
        <Paper withBorder radius="sm" p="sm" bg="gray.0">
          <ConsentText text={text.data.text} />
        </Paper>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <Checkbox
        label={t('families.consent.checkbox')}
        checked={agreed}
        onChange={(e) => setAgreed(e.currentTarget.checked)}
        error={touched && !agreed ? t('families.consent.checkboxRequired') : undefined}
        disabled={!text.data}
      />
      <Group>
        <Button onClick={submit} loading={give.isPending} disabled={!text.data}>
          {t('families.consent.give')}
        </Button>
      </Group>
    </Stack>
  );
}

function GivenConsent({ child }: { child: Child }) {
  const { t } = useTranslation();
  const consent = child.consent!;
  const text = useConsentText();
  const withdraw = useWithdrawConsent(child.id);
  const [showText, setShowText] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirmWithdrawal = async () => {
    setError(null);
    try {
      const outcome = await withdraw.mutateAsync();
      notifications.show({ color: 'orange', message: t('families.consent.withdrawnNow', { count: outcome.endedEnrolments }) });
      setConfirming(false);
    } catch (err) {
      setError(errorMessage(err, t));
    }
  };

  return (
    <Stack gap="sm">
      <Text fw={600} c="green.9">
        {t('families.consent.given', { date: formatDate(consent.givenAt), version: consent.textVersion })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('families.consent.givenHint')}
      </Text>
      {/* The text of the act is shown only while it is still the current version. */}
      {text.data?.version === consent.textVersion && (
        <Collapse expanded={showText}>
          <Paper withBorder radius="sm" p="sm" bg="gray.0">
            <ConsentText text={text.data.text} />
          </Paper>
        </Collapse>
      )}
      <Group gap="sm">
        {text.data?.version === consent.textVersion && (
          <Button variant="subtle" onClick={() => setShowText((v) => !v)} aria-expanded={showText}>
            {showText ? t('families.consent.hideText') : t('families.consent.showText')}
          </Button>
        )}
        <Button variant="outline" color="red" onClick={() => setConfirming(true)}>
          {t('families.consent.withdraw')}
        </Button>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('families.consent.withdrawTitle')} centered>
        <Stack gap="md">
          <Text size="sm">{t('families.consent.withdrawText')}</Text>
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('families.data.cancel')}
            </Button>
            <Button color="red" onClick={confirmWithdrawal} loading={withdraw.isPending}>
              {t('families.consent.withdrawConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
