import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { applyFieldErrors, errorMessage, isStatus } from '../../shared/api/errors';
import { administeredOrganizationIds } from '../../shared/auth/administered';
import { useAuth } from '../../shared/auth/AuthContext';
import { ConflictAlert } from '../../shared/components/ConflictAlert';
import { QueryDetail } from '../../shared/components/QueryDetail';
import { formatDate, formatDateTime, isoString, periodText } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import type { OrganizationRef } from '../inventory/types';
import { networkKeys, usePlans } from '../networks/api';
import { exchangeApi, exchangeKeys, useExchange } from './api';
import { ExchangeTermsFields, TERMS_FIELDS, termsPayload, type TermsValues } from './ExchangeTermsFields';
import { EXCHANGE_STATE_COLORS, ExchangeStateBadge, moveOf } from './labels';
import type { Exchange, ExchangeAction, ExchangeEvent, ExchangeTerms } from './types';
import { placeName } from '../../shared/i18n/place-names';
import '../inventory/strings';
import './strings';
import '../organizations/strings';
import { ModalActions } from '../../shared/components/ModalActions';

/** The actions confirmed in one dialog with an optional message. */
type SimpleAction = 'accept' | 'decline' | 'withdraw' | 'complete';
type Dialog = SimpleAction | 'counter' | 'agreement' | 'plan';

export function ExchangePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const exchange = useExchange(id);
  useDocumentTitle(exchange.data ? exchange.data.offer.title : t('exchanges.oneTitle'));
  return (
    <QueryDetail query={exchange} backTo="/exchanges" backLabel={t('exchanges.toList')} skeletonHeight={480}>
      {(data) => <ExchangeView exchange={data} />}
    </QueryDetail>
  );
}

function ExchangeView({ exchange }: { exchange: Exchange }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { user } = useAuth();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const move = moveOf(exchange, administeredOrganizationIds(user));
  const awaitedName = exchange.awaiting === 'provider' ? exchange.provider.shortName : exchange.requester.shortName;
  const agreed = exchange.state === 'accepted' || exchange.state === 'completed';

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: exchangeKeys.all });
  };
  /** A step succeeded: show the fresh exchange at once and refresh the lists and badges. */
  const onChanged = (message: string, fresh?: Exchange) => {
    setDialog(null);
    setConflict(null);
    if (fresh && 'history' in fresh) qc.setQueryData(exchangeKeys.one(exchange.id), fresh);
    refresh();
    notifications.show({ color: 'green', message });
  };
  /** Someone else moved first (409): say so above the exchange and show its latest state. */
  const onFailed = (err: unknown): boolean => {
    if (!isStatus(err, 409)) return false;
    setDialog(null);
    setConflict(errorMessage(err, t));
    refresh();
    return true;
  };

  return (
    <Stack gap="lg">
      <Stack gap={8}>
        <Group gap={8}>
          <ExchangeStateBadge state={exchange.state} />
          {move === 'you' && (
            <Badge color="orange" variant="filled" tt="none">
              {t('exchanges.awaitingYou')}
            </Badge>
          )}
        </Group>
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {exchange.offer.title}
        </Title>
        <Text c="dimmed">
          {t('exchanges.createdOn', { date: formatDate(exchange.createdAt) })}
          {exchange.networkName && exchange.networkId && (
            <>
              {' · '}
              {t('exchanges.inNetwork')}{' '}
              <Anchor component={Link} to={`/networks/${exchange.networkId}`}>
                {exchange.networkName}
              </Anchor>
            </>
          )}
        </Text>
      </Stack>

      {exchange.oversight && (
        <Alert color="blue" variant="light" title={t('exchanges.oversightTitle')}>
          {t('exchanges.oversightText')}
        </Alert>
      )}

      {conflict && (
        <ConflictAlert title={t('exchanges.conflictTitle')}>
          <Text size="sm">{conflict}</Text>
          <Text size="sm">{t('exchanges.conflictText')}</Text>
        </ConflictAlert>
      )}

      <NextStep exchange={exchange} move={move} awaitedName={awaitedName} onAction={setDialog} />

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <PartyCard label={t('exchanges.requester')} organization={exchange.requester} />
        <PartyCard label={t('exchanges.provider')} organization={exchange.provider} />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="exchange-resource">
          <Title order={2} size="h4" id="exchange-resource" mb="sm">
            {t('exchanges.resource')}
          </Title>
          <Stack gap={6}>
            <Text fw={600}>{exchange.offer.title}</Text>
            <Text size="sm" c="dimmed">
              {t(`inventory.categories.${exchange.offer.category}`)}
            </Text>
            {exchange.offer.description && (
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                {exchange.offer.description}
              </Text>
            )}
            {exchange.offer.tags.length > 0 && (
              <Group gap={4}>
                {exchange.offer.tags.map((tag) => (
                  <Badge key={tag} variant="outline" color="gray" tt="none" size="sm">
                    {tag}
                  </Badge>
                ))}
              </Group>
            )}
            {exchange.need && (
              <Text size="sm" mt="xs">
                <Text span fw={600} size="sm">
                  {t('exchanges.need')}:
                </Text>{' '}
                {exchange.need.title}
              </Text>
            )}
          </Stack>
        </Paper>

        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="exchange-terms">
          <Title order={2} size="h4" id="exchange-terms" mb="sm">
            {agreed ? t('exchanges.agreedTerms') : t('exchanges.proposedTerms')}
          </Title>
          <TermsList terms={exchange} />
        </Paper>
      </SimpleGrid>

      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="exchange-history">
        <Title order={2} size="h4" id="exchange-history" mb="md">
          {t('exchanges.history')}
        </Title>
        <History exchange={exchange} />
      </Paper>

      {(dialog === 'accept' || dialog === 'decline' || dialog === 'withdraw' || dialog === 'complete') && (
        <ConfirmStepModal exchange={exchange} action={dialog} onClose={() => setDialog(null)} onChanged={onChanged} onFailed={onFailed} />
      )}
      {dialog === 'counter' && <CounterModal exchange={exchange} onClose={() => setDialog(null)} onChanged={onChanged} onFailed={onFailed} />}
      {dialog === 'agreement' && <AgreementModal exchange={exchange} onClose={() => setDialog(null)} onChanged={onChanged} onFailed={onFailed} />}
      {dialog === 'plan' && exchange.networkId && (
        <PlanModal exchange={exchange} networkId={exchange.networkId} onClose={() => setDialog(null)} onChanged={onChanged} onFailed={onFailed} />
      )}
    </Stack>
  );
}

/** What can be done now, and by whom: the answer buttons for the awaited side, the follow-ups of an accepted exchange. */
function NextStep({
  exchange,
  move,
  awaitedName,
  onAction,
}: {
  exchange: Exchange;
  move: 'you' | 'partner' | null;
  awaitedName: string;
  onAction: (d: Dialog) => void;
}) {
  const { t } = useTranslation();
  const p = exchange.permissions;
  const followUps = p.complete || p.createAgreement || p.plan;
  const anything = p.answer || p.counter || p.withdraw || followUps;
  const partner = exchange.awaiting === 'provider' ? exchange.requester : exchange.provider;
  // the partner's last word, to read before answering (it is also in the history below)
  const lastMessage = move === 'you' ? exchange.history.findLast((e) => e.side !== exchange.awaiting && e.message)?.message : undefined;
  const explanation =
    move === 'you'
      ? t(exchange.state === 'countered' ? 'exchanges.next.youCounter' : 'exchanges.next.youRequest', { organization: partner.shortName })
      : move === 'partner'
        ? t('exchanges.next.partner', { organization: awaitedName })
        : exchange.state === 'accepted'
          ? acceptedSteps(exchange, t)
          : t(`exchanges.next.${exchange.state === 'completed' ? 'completed' : 'closed'}`);
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="exchange-next"
      style={move === 'you' ? { borderColor: 'var(--mantine-color-orange-5)', borderWidth: 2 } : undefined}
    >
      <Title order={2} size="h4" id="exchange-next" mb={6}>
        {move === 'you' ? t('exchanges.awaitingYou') : t('exchanges.next.title')}
      </Title>
      <Text size="sm" mb={anything || lastMessage ? 'md' : 0}>
        {explanation}
      </Text>
      {lastMessage && (
        <Text size="sm" mb="md" style={{ whiteSpace: 'pre-line' }}>
          <Text span fw={600} size="sm">
            {t('exchanges.next.lastMessage')}:
          </Text>{' '}
          <Text span fs="italic" size="sm">
            «{lastMessage}»
          </Text>
        </Text>
      )}
      {(exchange.agreementDocumentId || exchange.planItemId) && exchange.networkId && (
        <Stack gap={4} mb={anything ? 'md' : 0}>
          {exchange.agreementDocumentId && (
            <Anchor component={Link} to={`/networks/${exchange.networkId}/documents/${exchange.agreementDocumentId}`} fw={600}>
              {t('exchanges.openAgreement')}
            </Anchor>
          )}
          {exchange.planItemId && (
            <Anchor component={Link} to={`/networks/${exchange.networkId}/plan`} fw={600}>
              {t('exchanges.openPlan')}
            </Anchor>
          )}
        </Stack>
      )}
      {anything && (
        <Group gap="sm">
          {p.answer && (
            <Button color="green" onClick={() => onAction('accept')}>
              {t('exchanges.action.accept')}
            </Button>
          )}
          {p.counter && (
            <Button variant="default" onClick={() => onAction('counter')}>
              {t('exchanges.action.counter')}
            </Button>
          )}
          {p.answer && (
            <Button variant="outline" color="red" onClick={() => onAction('decline')}>
              {t('exchanges.action.decline')}
            </Button>
          )}
          {p.createAgreement && <Button onClick={() => onAction('agreement')}>{t('exchanges.action.agreement')}</Button>}
          {p.plan && (
            <Button variant="default" onClick={() => onAction('plan')}>
              {t('exchanges.action.plan')}
            </Button>
          )}
          {p.complete && (
            <Button color="teal" variant={p.createAgreement || p.plan ? 'light' : 'filled'} onClick={() => onAction('complete')}>
              {t('exchanges.action.complete')}
            </Button>
          )}
          {p.withdraw && (
            <Button variant="subtle" color="red" onClick={() => onAction('withdraw')}>
              {exchange.state === 'accepted' ? t('exchanges.action.cancel') : t('exchanges.action.withdraw')}
            </Button>
          )}
        </Group>
      )}
    </Paper>
  );
}

/** What is left to do with an agreed exchange: the agreement, the plan, then marking it done. */
function acceptedSteps(exchange: Exchange, t: TFunction): string {
  return [
    t('exchanges.next.accepted'),
    t(`exchanges.next.agreement.${exchange.agreementDocumentId ? (exchange.agreementState ?? 'hidden') : 'none'}`),
    exchange.planItemId ? t('exchanges.next.planDone') : t('exchanges.next.planTodo'),
    t('exchanges.next.completeTodo'),
  ].join(' ');
}

function PartyCard({ label, organization }: { label: string; organization: OrganizationRef }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Anchor component={Link} to={`/organizations/${organization.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
        {organization.shortName}
      </Anchor>
      {organization.municipalityName && (
        <Text size="sm" c="dimmed">
          {placeName(organization.municipalityName)}
        </Text>
      )}
    </Paper>
  );
}

function TermsList({ terms }: { terms: ExchangeTerms }) {
  const { t } = useTranslation();
  return (
    <dl className="orbita-dl">
      <dt>{t('exchanges.terms.conditions')}</dt>
      <dd>{t(`inventory.conditions.${terms.conditions}`)}</dd>
      <dt>{t('exchanges.terms.period')}</dt>
      <dd>{periodText(terms.startsOn, terms.endsOn, t) ?? t('exchanges.terms.noPeriod')}</dd>
      <dt>{t('exchanges.terms.terms')}</dt>
      <dd style={{ whiteSpace: 'pre-line' }}>{terms.terms || t('common.notSpecified')}</dd>
    </dl>
  );
}

const ACTION_COLORS: Record<ExchangeAction, string> = {
  ...EXCHANGE_STATE_COLORS,
  agreement_created: 'indigo',
  planned: 'cyan',
};

function History({ exchange }: { exchange: Exchange }) {
  const { t } = useTranslation();
  if (exchange.history.length === 0) return <Text size="sm" c="dimmed">{t('exchanges.noHistory')}</Text>;
  return (
    <Timeline active={exchange.history.length - 1} bulletSize={18} lineWidth={2}>
      {exchange.history.map((event) => (
        <Timeline.Item
          key={event.id}
          color={ACTION_COLORS[event.action]}
          title={
            <Text fw={600} size="sm">
              {t(`exchanges.event.${event.action}`)}
            </Text>
          }
        >
          <HistoryEvent exchange={exchange} event={event} />
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function HistoryEvent({ exchange, event }: { exchange: Exchange; event: ExchangeEvent }) {
  const { t } = useTranslation();
  const organization = event.side === 'provider' ? exchange.provider : exchange.requester;
  return (
    <Stack gap={4} mt={2}>
      <Text size="sm" c="dimmed">
        {organization.shortName}
        {event.actorName ? ` · ${event.actorName}` : ''}
        {' · '}
        <time dateTime={isoString(event.at)}>{formatDateTime(event.at)}</time>
      </Text>
      {event.message && (
        <Text size="sm" fs="italic" style={{ whiteSpace: 'pre-line' }}>
          «{event.message}»
        </Text>
      )}
      {event.terms && (event.action === 'requested' || event.action === 'countered') && (
        <Text size="sm">
          {t(`inventory.conditions.${event.terms.conditions}`)}
          {' · '}
          {periodText(event.terms.startsOn, event.terms.endsOn, t) ?? t('exchanges.terms.noPeriod')}
          {event.terms.terms ? ` · ${event.terms.terms}` : ''}
        </Text>
      )}
    </Stack>
  );
}

interface StepProps {
  exchange: Exchange;
  onClose: () => void;
  onChanged: (message: string, fresh?: Exchange) => void;
  /** true when the failure was a 409 the page has taken over */
  onFailed: (err: unknown) => boolean;
}

function ConfirmStepModal({ exchange, action, onClose, onChanged, onFailed }: StepProps & { action: SimpleAction }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  // withdrawing an accepted exchange cancels it for both sides: the dialog says so
  const key = action === 'withdraw' && exchange.state === 'accepted' ? 'cancel' : action;
  const step = useMutation({
    mutationFn: () => {
      const body = { version: exchange.version, message: message.trim() || undefined };
      if (action === 'withdraw') return exchangeApi.withdraw(exchange.id, body);
      if (action === 'complete') return exchangeApi.complete(exchange.id, body);
      return exchangeApi.answer(exchange.id, { ...body, action });
    },
    onSuccess: (fresh) => onChanged(t(`exchanges.done.${key}`), fresh),
    onError: (err) => {
      if (!onFailed(err)) setError(errorMessage(err, t));
    },
  });
  const tooLong = message.length > 2000;
  const destructive = action === 'decline' || action === 'withdraw';
  return (
    <Modal opened onClose={onClose} title={t(`exchanges.confirm.${key}Title`)} centered size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!tooLong) step.mutate();
        }}
      >
        <Stack>
          <Text size="sm">{t(`exchanges.confirm.${key}Text`, { organization: exchange.requester.shortName, provider: exchange.provider.shortName })}</Text>
          {action === 'accept' && <TermsList terms={exchange} />}
          <Textarea
            label={t('exchanges.terms.message')}
            description={t('exchanges.terms.messageHint')}
            autosize
            minRows={2}
            maxRows={6}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            error={tooLong ? t('form.tooLong', { max: 2000 }) : undefined}
            data-autofocus
          />
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" color={destructive ? 'red' : action === 'complete' ? 'teal' : 'green'} loading={step.isPending} disabled={tooLong}>
              {t(`exchanges.action.${key}`)}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

function CounterModal({ exchange, onClose, onChanged, onFailed }: StepProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const { control, register, handleSubmit, setError: setFieldError, formState } = useForm<TermsValues>({
    defaultValues: {
      conditions: exchange.conditions,
      startsOn: exchange.startsOn ?? '',
      endsOn: exchange.endsOn ?? '',
      terms: exchange.terms,
      message: '',
    },
  });
  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      const fresh = await exchangeApi.answer(exchange.id, { ...termsPayload(values), version: exchange.version, action: 'counter' });
      onChanged(t('exchanges.done.counter'), fresh);
    } catch (err) {
      if (onFailed(err)) return;
      const rest = applyFieldErrors(err, setFieldError, TERMS_FIELDS);
      setError(rest.length ? rest.join('; ') : errorMessage(err, t));
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('exchanges.confirm.counterTitle')} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('exchanges.confirm.counterText')}</Text>
          <ExchangeTermsFields control={control} register={register} errors={formState.errors} messageHint={t('exchanges.terms.counterMessageHint')} keptDays={[exchange.startsOn, exchange.endsOn]} />
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={formState.isSubmitting}>
              {t('exchanges.action.sendCounter')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

function AgreementModal({ exchange, onClose, onChanged, onFailed }: StepProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => exchangeApi.createAgreement(exchange.id, exchange.networkId ?? undefined),
    onSuccess: () => {
      if (exchange.networkId) void qc.invalidateQueries({ queryKey: networkKeys.documents(exchange.networkId) });
      onChanged(t('exchanges.done.agreement'));
    },
    onError: (err) => {
      if (!onFailed(err)) setError(errorMessage(err, t));
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('exchanges.confirm.agreementTitle')} centered size="lg">
      <Stack>
        <Text size="sm">
          {exchange.networkName
            ? t('exchanges.confirm.agreementText', { network: exchange.networkName })
            : t('exchanges.confirm.agreementNoNetwork')}
        </Text>
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <ModalActions onCancel={onClose}>
          <Button onClick={() => create.mutate()} loading={create.isPending} data-autofocus>
            {t('exchanges.action.agreement')}
          </Button>
        </ModalActions>
      </Stack>
    </Modal>
  );
}

function PlanModal({ exchange, networkId, onClose, onChanged, onFailed }: StepProps & { networkId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const plans = usePlans(networkId);
  const [planId, setPlanId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosen = planId ?? (plans.data?.length === 1 ? plans.data[0].id : null);
  const add = useMutation({
    mutationFn: (id: string) => exchangeApi.plan(exchange.id, id),
    onSuccess: (_r, id) => {
      void qc.invalidateQueries({ queryKey: networkKeys.plan(id) });
      void qc.invalidateQueries({ queryKey: networkKeys.plans(networkId) });
      onChanged(t('exchanges.done.plan'));
    },
    onError: (err) => {
      if (!onFailed(err)) setError(errorMessage(err, t));
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('exchanges.confirm.planTitle')} centered size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen) add.mutate(chosen);
          else setError(t('exchanges.confirm.planRequired'));
        }}
      >
        <Stack>
          <Text size="sm">{t('exchanges.confirm.planText', { title: exchange.offer.title })}</Text>
          {plans.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(plans.error, t)}
            </Alert>
          ) : plans.data && plans.data.length === 0 ? (
            <Alert color="gray" variant="light">
              {t('exchanges.confirm.noPlans', { network: exchange.networkName ?? '' })}
            </Alert>
          ) : (
            <Select
              label={t('exchanges.confirm.plan')}
              data={(plans.data ?? []).map((plan) => ({ value: plan.id, label: plan.title }))}
              value={chosen}
              onChange={setPlanId}
              allowDeselect={false}
              nothingFoundMessage={plans.isPending ? t('common.loading') : undefined}
              data-autofocus
            />
          )}
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={add.isPending} disabled={!plans.data?.length}>
              {t('exchanges.action.plan')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}
