import { useState } from 'react';
import { Blockquote, Button, Group, Paper, Progress, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { http } from '../../../shared/api/client';
import { errorMessage } from '../../../shared/api/errors';
import './strings';

interface FeedbackResults {
  count: number;
  average: number | null;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  comments: { rating: number; comment: string; createdAt: string }[];
}

interface EventFeedbackView {
  open: boolean;
  mine: { registrationId: string; childName: string | null; answer: { rating: number; comment: string } | null }[];
  results: FeedbackResults | null;
}

const enc = encodeURIComponent;
const feedbackKey = (eventId: string) => ['event-feedback', eventId] as const;

/**
 * The event's short survey on its page: the form for a participant once the event is over (one answer per
 * registration — their own and their children's), and the results for the organisers. Nothing for anyone else.
 */
export function EventFeedback({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const view = useQuery({ queryKey: feedbackKey(eventId), queryFn: ({ signal }) => http.get<EventFeedbackView>(`/events/${enc(eventId)}/feedback`, undefined, signal) });
  const data = view.data;
  if (!data || (!data.mine.length && !data.results)) return null;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="event-feedback">
      <Title order={2} size="h4" id="event-feedback" mb={4}>
        {t('eventFeedback.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('eventFeedback.intro')}
      </Text>
      <Stack gap="md">
        {data.mine.length > 0 && !data.open && <Text size="sm">{t('eventFeedback.notYet')}</Text>}
        {data.open &&
          data.mine.map((m) =>
            m.answer ? (
              <Text key={m.registrationId} size="sm">
                {m.childName && `${t('eventFeedback.forChild', { name: m.childName })}: `}
                {t('eventFeedback.answered', { rating: m.answer.rating })}
              </Text>
            ) : (
              <AnswerForm key={m.registrationId} eventId={eventId} registrationId={m.registrationId} childName={m.childName} />
            ),
          )}
        {data.results && <Results results={data.results} />}
      </Stack>
    </Paper>
  );
}

function AnswerForm({ eventId, registrationId, childName }: { eventId: string; registrationId: string; childName: string | null }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [rating, setRating] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () => http.post(`/events/${enc(eventId)}/feedback`, { registrationId, rating: Number(rating), comment }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: feedbackKey(eventId) });
      notifications.show({ color: 'green', message: t('eventFeedback.sent') });
    },
    onError: (err) => {
      setError(errorMessage(err, t));
      void qc.invalidateQueries({ queryKey: feedbackKey(eventId) });
    },
  });
  const idBase = `feedback-${registrationId}`;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!rating) setError(t('eventFeedback.ratingRequired'));
        else send.mutate();
      }}
      noValidate
    >
      <Stack gap="sm">
        {childName && <Text fw={600} size="sm">{t('eventFeedback.forChild', { name: childName })}</Text>}
        <Radio.Group name={idBase} label={t('eventFeedback.rating')} description={t('eventFeedback.ratingHint')} value={rating} onChange={setRating} error={error} withAsterisk>
          <Group gap="md" mt={6}>
            {['1', '2', '3', '4', '5'].map((value) => (
              <Radio key={value} value={value} label={value} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea label={t('eventFeedback.comment')} description={t('eventFeedback.commentHint')} autosize minRows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        <Button type="submit" loading={send.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('eventFeedback.send')}
        </Button>
      </Stack>
    </form>
  );
}

function Results({ results }: { results: FeedbackResults }) {
  const { t, i18n } = useTranslation();
  if (!results.count) return <Text size="sm" c="dimmed">{t('eventFeedback.noAnswers')}</Text>;
  const average = results.average?.toLocaleString(i18n.language === 'en' ? 'en' : 'ru') ?? '';
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('eventFeedback.results')}
      </Title>
      <Text size="sm">{t('eventFeedback.answers', { count: results.count, average })}</Text>
      {(['5', '4', '3', '2', '1'] as const).map((r) => (
        <Group key={r} gap="xs" wrap="nowrap">
          <Text size="sm" w={110}>
            {t('eventFeedback.ratingRow', { rating: r, count: results.distribution[r] })}
          </Text>
          <Progress value={(results.distribution[r] / results.count) * 100} style={{ flex: 1 }} aria-label={t('eventFeedback.ratingRow', { rating: r, count: results.distribution[r] })} />
        </Group>
      ))}
      {results.comments.length > 0 && (
        <>
          <Title order={3} size="h5" mt="xs">
            {t('eventFeedback.comments')}
          </Title>
          {results.comments.map((c, i) => (
            <Blockquote key={i} p="xs" cite={`${c.rating}/5`} style={{ overflowWrap: 'anywhere' }}>
              {c.comment}
            </Blockquote>
          ))}
        </>
      )}
    </Stack>
  );
}
