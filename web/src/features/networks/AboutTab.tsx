import { useState, type ReactNode } from 'react';
import { Anchor, Button, Grid, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { http } from '../../shared/api/client';
import { useMunicipalities } from '../../shared/api/queries';
import { formatDate } from '../../shared/dates';
import { networkApi, networkKeys } from './api';
import { NetworkPracticesExport } from '../practices/PracticeExport';
import { KindBadge } from './NetworkBadges';
import { NetworkForm, changedNetworkFields, toNetworkFormValues } from './NetworkForm';
import type { NetworkDetail } from './types';
import './strings';
import '../organizations/strings';

export function AboutTab({ network }: { network: NetworkDetail }) {
  const [editing, setEditing] = useState(false);
  if (editing) return <EditNetwork network={network} onDone={() => setEditing(false)} />;
  return <AboutView network={network} onEdit={network.permissions.canManage ? () => setEditing(true) : undefined} />;
}

function AboutView({ network, onEdit }: { network: NetworkDetail; onEdit?: () => void }) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  const territory = network.municipalityIds
    .map((id) => municipalities.data?.find((m) => m.id === id)?.name)
    .filter((n): n is string => !!n);
  const hasGoals = !!network.strategicGoal || network.tacticalGoals.length > 0;

  return (
    <Stack gap="md">
      <Group justify="flex-end" gap="xs">
        <NetworkPracticesExport networkId={network.id} />
        {onEdit && (
          <Button variant="light" onClick={onEdit}>
            {t('networks.about.edit')}
          </Button>
        )}
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Section title={t('networks.about.goals')}>
              {hasGoals ? (
                <Stack gap="md">
                  {network.strategicGoal && (
                    <div>
                      <Text size="sm" c="dimmed" mb={4}>
                        {t('networks.field.strategicGoal')}
                      </Text>
                      <Text style={{ whiteSpace: 'pre-line' }}>{network.strategicGoal}</Text>
                    </div>
                  )}
                  {network.tacticalGoals.length > 0 && (
                    <div>
                      <Text size="sm" c="dimmed" mb={4}>
                        {t('networks.field.tacticalGoals')}
                      </Text>
                      <List type="ordered" spacing={4} size="sm">
                        {network.tacticalGoals.map((g, i) => (
                          <List.Item key={i}>{g}</List.Item>
                        ))}
                      </List>
                    </div>
                  )}
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('networks.about.noGoals')}
                </Text>
              )}
            </Section>
            <Section title={t('networks.field.directions')}>
              {network.directions.length > 0 ? (
                <List spacing={4} size="sm">
                  {network.directions.map((d, i) => (
                    <List.Item key={i}>{d}</List.Item>
                  ))}
                </List>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('networks.about.noDirections')}
                </Text>
              )}
            </Section>
            {network.description && (
              <Section title={t('networks.field.description')}>
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                  {network.description}
                </Text>
              </Section>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Section title={t('networks.about.facts')}>
              <dl className="orbita-dl">
                <dt>{t('networks.field.kind')}</dt>
                <dd>{t(`networkKinds.${network.kind}`)}</dd>
                <dt>{t('networks.field.managing')}</dt>
                <dd>
                  <Anchor component={Link} to={`/organizations/${network.managingOrganizationId}`} size="sm">
                    {network.managingOrganizationName}
                  </Anchor>
                </dd>
                <dt>{t('networks.field.territory')}</dt>
                <dd>{territory.length ? territory.join(', ') : t('common.notSpecified')}</dd>
                <dt>{t('networks.field.visibility')}</dt>
                <dd>{t(`networks.visibility.${network.visibility}`)}</dd>
                <dt>{t('networks.field.quorum')}</dt>
                <dd>{network.quorumPercent} %</dd>
                <dt>{t('networks.field.majority')}</dt>
                <dd>{t(`networks.majority.${network.majority}`)}</dd>
                <dt>{t('networks.field.quorumBasis')}</dt>
                <dd>{t(`networks.quorumBasis.${network.quorumBasis}`)}</dd>
                <dt>{t('networks.field.voteUnit')}</dt>
                <dd>{t(`networks.voteUnit.${network.voteUnit}`)}</dd>
                <dt>{t('networks.field.chairCastingVote')}</dt>
                <dd>{t(`networks.castingVote.${network.chairCastingVote ? 'yes' : 'no'}`)}</dd>
                <dt>{t('networks.field.admission')}</dt>
                <dd>{t(`networks.admission.${network.admission}`)}</dd>
                <dt>{t('networks.field.exchangesVisible')}</dt>
                <dd>{t(`networks.exchangesVisible.${network.exchangesVisibleToCouncil ? 'yes' : 'no'}`)}</dd>
                <dt>{t('networks.field.createdAt')}</dt>
                <dd>{formatDate(network.createdAt)}</dd>
              </dl>
            </Section>
            <Section title={t('networks.about.nesting')}>
              <Stack gap="sm">
                <div>
                  <Text size="sm" c="dimmed" mb={4}>
                    {t('networks.field.parent')}
                  </Text>
                  {network.parent ? (
                    <Group gap={8}>
                      <Anchor component={Link} to={`/networks/${network.parent.id}`} size="sm" fw={600}>
                        {network.parent.name}
                      </Anchor>
                      <KindBadge kind={network.parent.kind} />
                    </Group>
                  ) : (
                    <Text size="sm">{t('networks.about.noParent')}</Text>
                  )}
                </div>
                <div>
                  <Text size="sm" c="dimmed" mb={4}>
                    {t('networks.about.children')}
                  </Text>
                  {network.children.length > 0 ? (
                    <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                      {network.children.map((c) => (
                        <Group key={c.id} gap={8} component="li">
                          <Anchor component={Link} to={`/networks/${c.id}`} size="sm" fw={600}>
                            {c.name}
                          </Anchor>
                          <KindBadge kind={c.kind} />
                        </Group>
                      ))}
                    </Stack>
                  ) : (
                    <Text size="sm">{t('networks.about.noChildren')}</Text>
                  )}
                </div>
              </Stack>
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function EditNetwork({ network, onDone }: { network: NetworkDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // the version and values the user started editing from; replaced only on an explicit reload
  const [base, setBase] = useState(() => ({ version: network.version, values: toNetworkFormValues(network) }));
  const memberOptions = network.members
    .filter((m) => m.state === 'active')
    .map((m) => ({ id: m.organizationId, name: m.organizationName }));

  return (
    <Stack gap="md" maw={960}>
      <Title order={2} size="h3">
        {t('networks.about.editTitle')}
      </Title>
      <NetworkForm
        mode="edit"
        networkId={network.id}
        initial={base.values}
        memberOptions={memberOptions}
        onCancel={onDone}
        onSubmit={async (values) => {
          const changes = changedNetworkFields(base.values, values);
          if (Object.keys(changes).length === 0) {
            notifications.show({ message: t('form.noChanges') });
            onDone();
            return;
          }
          await networkApi.update(network.id, { version: base.version, ...changes });
          await qc.invalidateQueries({ queryKey: networkKeys.all });
          notifications.show({ color: 'green', message: t('form.saved') });
          onDone();
        }}
        onReloadLatest={async () => {
          const fresh = await qc.fetchQuery({
            queryKey: networkKeys.one(network.id),
            queryFn: () => http.get<NetworkDetail>(`/networks/${encodeURIComponent(network.id)}`),
            staleTime: 0,
          });
          const next = { version: fresh.version, values: toNetworkFormValues(fresh) };
          setBase(next);
          return next.values;
        }}
      />
    </Stack>
  );
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = `section-${title.replace(/[^\p{L}\p{N}]+/gu, '-')}`;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={id}>
      <Group justify="space-between" align="center" mb="md" gap="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}
