import { Anchor, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMunicipalities, useRegion } from '../../shared/api/queries';
import { useAuth } from '../../shared/auth/AuthContext';
import { StatCard } from '../../shared/components/StatCard';
import { ErrorState } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useOrganizationCount, useOrganizationMap } from '../organizations/api';
import { MapLegend, OrgMap } from '../organizations/OrgMap';
import { placeName } from '../../shared/i18n/place-names';

const NO_FILTERS = { q: undefined, kind: undefined, municipalityId: undefined, status: undefined, state: undefined };

export function HomePage() {
  const { t } = useTranslation();
  const region = useRegion();
  const { user } = useAuth();
  useDocumentTitle(region.data ? placeName(region.data.name) : null);
  const municipalities = useMunicipalities();
  const orgCount = useOrganizationCount({});
  const baseCount = useOrganizationCount({ status: 'base_school' });
  const innovationCount = useOrganizationCount({ status: 'innovation_site' });
  const map = useOrganizationMap(NO_FILTERS);

  return (
    <Stack gap={40}>
      <section className="orbita-hero" aria-labelledby="home-title">
        <Stack gap="md" maw={760} style={{ position: 'relative', zIndex: 1 }}>
          <Text tt="uppercase" fw={700} size="sm" c="rgba(255,255,255,0.85)" style={{ letterSpacing: 1 }}>
            {region.data ? placeName(region.data.name) : '\u00a0'}
          </Text>
          <Title order={1} id="home-title" c="white" fz={{ base: 28, sm: 40 }} lh={1.15}>
            {t('home.title')}
          </Title>
          <Text size="lg" c="rgba(255,255,255,0.92)">
            {t('home.lead')}
          </Text>
          <Group gap="sm" mt="xs">
            {user && (
              <Button component={Link} to="/desk" size="md" color="yellow.4" c="dark.9">
                {t('home.toDesk')}
              </Button>
            )}
            <Button component={Link} to="/organizations" size="md" color="yellow.4" c="dark.9" variant={user ? 'white' : 'filled'}>
              {t('home.toRegistry')}
            </Button>
            <Button component="a" href="#home-map" size="md" variant="outline" color="white" c="white" style={{ borderColor: 'rgba(255,255,255,0.7)' }}>
              {t('home.toMap')}
            </Button>
          </Group>
        </Stack>
      </section>

      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" component="section" aria-label={t('home.statsLabel')}>
        <StatCard
          value={orgCount.data}
          label={t('home.statOrganizations', { count: orgCount.data ?? 0 })}
          to="/organizations"
          loading={orgCount.isPending}
        />
        <StatCard
          value={municipalities.data?.length}
          label={t('home.statMunicipalities', { count: municipalities.data?.length ?? 0 })}
          loading={municipalities.isPending}
        />
        <StatCard
          value={baseCount.data}
          label={t('home.statBaseSchools', { count: baseCount.data ?? 0 })}
          to="/organizations?status=base_school"
          loading={baseCount.isPending}
        />
        <StatCard
          value={innovationCount.data}
          label={t('home.statInnovation', { count: innovationCount.data ?? 0 })}
          to="/organizations?status=innovation_site"
          loading={innovationCount.isPending}
        />
      </SimpleGrid>

      <section aria-labelledby="home-map-title" id="home-map" style={{ scrollMarginTop: 80 }}>
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end" gap="sm">
            <div>
              <Title order={2} id="home-map-title">
                {t('home.mapTitle')}
              </Title>
              <Text c="dimmed" size="sm" mt={4}>
                {t('home.mapIntro')}
              </Text>
            </div>
            <Anchor component={Link} to="/organizations?view=map" fw={600}>
              {t('home.toRegistry')} →
            </Anchor>
          </Group>
          {region.isError ? (
            <ErrorState error={region.error} onRetry={() => region.refetch()} />
          ) : region.data ? (
            <OrgMap items={map.data ?? []} region={region.data} height="min(560px, 70vh)" />
          ) : (
            <Skeleton height={480} />
          )}
          {map.isError && <ErrorState error={map.error} onRetry={() => map.refetch()} />}
          {map.data && <MapLegend items={map.data} />}
        </Stack>
      </section>

      {municipalities.data && municipalities.data.length > 0 && (
        <section aria-labelledby="home-mun-title">
          <Title order={2} id="home-mun-title">
            {t('home.municipalitiesTitle')}
          </Title>
          <Text c="dimmed" size="sm" mt={4} mb="md">
            {t('home.municipalitiesIntro')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {municipalities.data.map((m) => (
              <li key={m.id}>
                <Anchor component={Link} to={`/organizations?municipalityId=${encodeURIComponent(m.id)}`} size="sm">
                  {placeName(m.name)}
                </Anchor>
              </li>
            ))}
          </SimpleGrid>
        </section>
      )}

      <section aria-labelledby="home-for-title">
        <Title order={2} id="home-for-title" mb="md">
          {t('home.forWhomTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Audience n={1} title={t('home.forSchools')} text={t('home.forSchoolsText')} />
          <Audience n={2} title={t('home.forAuthorities')} text={t('home.forAuthoritiesText')} />
          <Audience n={3} title={t('home.forPublic')} text={t('home.forPublicText')} />
        </SimpleGrid>
      </section>
    </Stack>
  );
}

function Audience({ n, title, text }: { n: number; title: string; text: string }) {
  return (
    <Paper withBorder radius="md" p="lg">
      <ThemeIcon size={36} radius="xl" variant="light" mb="sm" aria-hidden>
        {n}
      </ThemeIcon>
      <Title order={3} size="h4" mb={6}>
        {title}
      </Title>
      <Text size="sm">{text}</Text>
    </Paper>
  );
}
