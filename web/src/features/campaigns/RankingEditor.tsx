import { useState } from 'react';
import { ActionIcon, Alert, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api/errors';
import { useSaveChoices } from './api';
import type { CampaignChild, CampaignProgramme } from './types';
import './strings';

/**
 * A child's ranking: an ordered list with up/down and remove, a select to add one of the campaign's
 * programmes (up to the limit), and «Сохранить выбор», which replaces the saved ranking as a whole.
 */
export function RankingEditor({ campaignId, child, programmes, maxChoices }: { campaignId: string; child: CampaignChild; programmes: CampaignProgramme[]; maxChoices: number }) {
  const { t } = useTranslation();
  const [ranking, setRanking] = useState<string[]>(child.choices);
  const save = useSaveChoices(campaignId, child.id);
  const titleOf = (id: string) => programmes.find((p) => p.id === id)?.title ?? '';
  const changed = ranking.join() !== child.choices.join();
  const move = (from: number, to: number) =>
    setRanking((list) => {
      const next = [...list];
      [next[from], next[to]] = [next[to], next[from]];
      return next;
    });
  const available = programmes.filter((p) => !ranking.includes(p.id));

  return (
    <Stack gap="sm">
      <Text fw={600}>{t('campaigns.ranking')}</Text>
      {ranking.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('campaigns.rankingEmpty')}
        </Text>
      ) : (
        <Stack gap={6} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('campaigns.ranking')}>
          {ranking.map((id, i) => (
            <Paper key={id} withBorder p="xs" component="li" data-testid="ranking-item">
              <Group justify="space-between" wrap="nowrap">
                <Text style={{ overflowWrap: 'anywhere' }}>
                  <Text span fw={700}>
                    {i + 1}.
                  </Text>{' '}
                  {titleOf(id)}
                </Text>
                <Group gap={4} wrap="nowrap">
                  <ActionIcon variant="default" aria-label={t('campaigns.moveUp', { title: titleOf(id) })} disabled={i === 0} onClick={() => move(i, i - 1)}>
                    ↑
                  </ActionIcon>
                  <ActionIcon variant="default" aria-label={t('campaigns.moveDown', { title: titleOf(id) })} disabled={i === ranking.length - 1} onClick={() => move(i, i + 1)}>
                    ↓
                  </ActionIcon>
                  <ActionIcon variant="default" color="red" aria-label={t('campaigns.removeChoice', { title: titleOf(id) })} onClick={() => setRanking((list) => list.filter((x) => x !== id))}>
                    ✕
                  </ActionIcon>
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {ranking.length < maxChoices ? (
        available.length > 0 && (
          <Select
            label={t('campaigns.addChoice')}
            placeholder={t('campaigns.addChoicePlaceholder')}
            data={available.map((p) => ({ value: p.id, label: `${p.title} — ${p.provider.shortName}` }))}
            value={null}
            onChange={(value) => value && setRanking((list) => [...list, value])}
            searchable
            maw={520}
          />
        )
      ) : (
        <Text size="sm" c="dimmed">
          {t('campaigns.limitReached', { count: maxChoices })}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('campaigns.rankingHint')}
      </Text>
      {save.isError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(save.error, t)}
        </Alert>
      )}
      <Group>
        <Button
          onClick={() =>
            save.mutate(ranking, {
              onSuccess: () => notifications.show({ color: 'green', message: t('campaigns.saved') }),
            })
          }
          loading={save.isPending}
          disabled={!changed}
        >
          {t('campaigns.save')}
        </Button>
        {changed && (
          <Text size="sm" c="orange">
            {t('campaigns.unsaved')}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
