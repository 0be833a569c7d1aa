import { Alert, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isStatus } from '../../shared/api/errors';
import { useMunicipalities } from '../../shared/api/queries';
import { useAuth } from '../../shared/auth/AuthContext';
import { ErrorState } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useExchangePicture } from './api';
import { ExchangePicture, usePictureDistance } from './ExchangePicture';
import '../organizations/strings';
import './strings';

/**
 * /exchange-picture: the exchange picture of a whole municipality (every organisation in it, not one
 * network's members). An education authority sees its own municipality; the operator chooses any.
 * The choice and the partner distance live in the URL (?municipalityId=&maxDistanceKm=).
 */
export function MunicipalityExchangePage() {
  const { t } = useTranslation();
  const { user, hasRole } = useAuth();
  const [searchParams, setSearchParams] = useSearchParams();
  const [distance, setDistance] = usePictureDistance();
  const operator = hasRole('operator');
  const authority = hasRole('authority');
  const allowed = operator || authority;
  const ownId = authority ? (user?.municipalityId ?? null) : null;
  const municipalityId = searchParams.get('municipalityId') || ownId;
  const municipalities = useMunicipalities();
  const name = municipalities.data?.find((m) => m.id === municipalityId)?.name;
  const picture = useExchangePicture({ kind: 'municipality', id: municipalityId ?? '' }, distance, allowed && !!municipalityId);
  const title = t('exchanges.municipality.title');
  useDocumentTitle(name ? `${title}: ${name}` : title);

  const header = (
    <div>
      <Title order={1}>{title}</Title>
      <Text c="dimmed" mt={4} maw={820}>
        {t('exchanges.municipality.intro')}
      </Text>
    </div>
  );

  if (!allowed) {
    return (
      <Stack gap="lg">
        <Title order={1}>{title}</Title>
        <Alert color="blue" variant="light" title={t('exchanges.municipality.notAllowedTitle')} maw={820}>
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('exchanges.municipality.notAllowedText')}</Text>
            <Text size="sm">{t('exchanges.municipality.notAllowedHint')}</Text>
            <Group gap="xs">
              <Button component={Link} to="/networks" size="xs">
                {t('exchanges.municipality.toNetworks')}
              </Button>
              <Button component={Link} to="/resources" size="xs" variant="default">
                {t('exchanges.municipality.toCatalogue')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      </Stack>
    );
  }

  // an authority that followed a link to another municipality is offered its own back
  const toOwn =
    ownId && municipalityId !== ownId ? (
      <Button component={Link} to="/exchange-picture" size="xs" variant="default">
        {t('exchanges.municipality.toOwn')}
      </Button>
    ) : null;
  // a refusal replaces the whole picture, the distance control included: there is nothing to tune
  const explainRefusal = (error: unknown) => {
    const text = isStatus(error, 403)
      ? t('exchanges.municipality.forbidden')
      : isStatus(error, 404) || isStatus(error, 400)
        ? t(operator ? 'exchanges.municipality.notFound' : 'exchanges.municipality.notFoundOwn')
        : null;
    if (!text) return null;
    return (
      <Alert color={isStatus(error, 403) ? 'orange' : 'gray'} variant="light" role="alert">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{text}</Text>
          {toOwn}
        </Stack>
      </Alert>
    );
  };

  const refusal = picture.isError ? explainRefusal(picture.error) : null;

  return (
    <Stack gap="lg">
      {header}

      {operator ? (
        municipalities.isError ? (
          <ErrorState error={municipalities.error} onRetry={() => municipalities.refetch()} />
        ) : (
          <Select
            label={t('exchanges.municipality.select')}
            placeholder={municipalities.isPending ? t('common.loading') : t('exchanges.municipality.selectPlaceholder')}
            data={(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
            value={municipalityId}
            onChange={(value) => {
              if (!value) return;
              setSearchParams((current) => {
                const sp = new URLSearchParams(current);
                sp.set('municipalityId', value);
                return sp;
              });
            }}
            disabled={municipalities.isPending}
            searchable
            allowDeselect={false}
            nothingFoundMessage={t('card.mergeNothing')}
            maw={420}
          />
        )
      ) : (
        municipalityId && (
          <Text size="lg">
            <Text span c="dimmed" inherit>
              {t('exchanges.municipality.own')}{' '}
            </Text>
            <Text span fw={700} inherit>
              {name ?? picture.data?.scope.name ?? '…'}
            </Text>
          </Text>
        )
      )}

      {municipalityId ? (
        (refusal ?? <ExchangePicture query={picture} distance={distance} onDistanceChange={setDistance} />)
      ) : operator ? (
        <Paper withBorder radius="md" p="lg">
          <Text c="dimmed">{t('exchanges.municipality.choose')}</Text>
        </Paper>
      ) : (
        <Alert color="gray" variant="light" role="alert">
          {t('exchanges.municipality.noMunicipality')}
        </Alert>
      )}
    </Stack>
  );
}
