import { useState } from 'react';
import { ActionIcon, Button, Checkbox, Grid, Group, Paper, Select, Stack, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, type FieldPath, type UseFormSetError, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { errorMessage, isStaleVersion } from '../../shared/api/errors';
import { useAuth } from '../../shared/auth/AuthContext';
import { ConflictAlert } from '../../shared/components/ConflictAlert';
import { FormPageFrame } from '../../shared/components/FormPageFrame';
import { QueryDetail } from '../../shared/components/QueryDetail';
import { requiredProps } from '../../shared/components/required';
import { Forbidden } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { OrganizationPicker, type PickedOrganization } from '../networks/OrganizationPicker';
import { useOrganizationStaff } from '../people/api';
import { practiceApi, practiceKeys, usePractice, usePracticeDirections } from './api';
import { PRACTICE_AUDIENCES, PRACTICE_LEVELS, type PracticeDetail, type PracticeInput, RESOURCE_CATEGORIES, type ResourceCategory } from './types';
import './strings';

/** An author: a person with an account (`userId`) or, for someone without one, a name as the card shows it. */
interface AuthorValue {
  userId: string | null;
  name: string;
}

export interface PracticeFormValues {
  organizations: PickedOrganization[];
  authors: AuthorValue[];
  title: string;
  direction: string | null;
  levels: string[];
  audiences: string[];
  problem: string;
  description: string;
  /** One text per resource category; an empty one is no condition. */
  conditions: Record<ResourceCategory, string>;
  results: string;
  evidence: string;
  tags: string[];
}

/** Server field names shown under the same fields of the form. */
const FIELDS = ['authors', 'title', 'direction', 'levels', 'audiences', 'problem', 'description', 'results', 'evidence', 'tags'];

/** The limits of the server's practice-fields.ts, so most mistakes are shown before a request. */
const LIMITS = { title: [5, 300], direction: [2, 200], description: [20, 20000], problem: [0, 5000], results: [0, 10000], evidence: [0, 10000], condition: [2, 1000], authorName: [2, 200], tag: 60, tags: 30, organizations: 10, authors: 20 } as const;

const emptyConditions = (): Record<ResourceCategory, string> => ({ staff: '', information: '', facilities: '', methodical: '', social: '' });

function valuesOf(p: PracticeDetail): PracticeFormValues {
  const v = (p.working ?? p.published)!;
  const conditions = emptyConditions();
  for (const c of v.conditions) conditions[c.category] = conditions[c.category] ? `${conditions[c.category]}\n${c.text}` : c.text;
  return {
    organizations: p.organizations.map((o) => ({ id: o.id, name: o.shortName })),
    authors: p.authors.map((a) => ({ userId: a.userId, name: a.name })),
    title: v.title,
    direction: v.direction,
    levels: v.levels,
    audiences: v.audiences,
    problem: v.problem,
    description: v.description,
    conditions,
    results: v.results,
    evidence: v.evidence,
    tags: v.tags,
  };
}

/** The conditions as the server takes them, in the categories' order (the order field errors are numbered in). */
const conditionsOf = (v: PracticeFormValues) =>
  RESOURCE_CATEGORIES.filter((category) => v.conditions[category].trim()).map((category) => ({ category, text: v.conditions[category].trim() }));

/**
 * Puts the server's field problems under the fields of the form: its organisations under the organisations, a
 * condition (numbered among the conditions sent) under its category. Returns the rest, for the summary.
 */
function placeServerErrors(err: unknown, values: PracticeFormValues, setError: UseFormSetError<PracticeFormValues>): string[] {
  if (!(err instanceof ApiError)) return [];
  const sent = conditionsOf(values);
  const rest: string[] = [];
  let focused = false;
  for (const problem of err.fieldErrors) {
    const [head, index] = problem.field.split('.');
    const condition = head === 'conditions' ? sent[Number(index)] : undefined;
    const path = head === 'organizationIds' ? 'organizations' : condition ? `conditions.${condition.category}` : FIELDS.includes(head) ? head : null;
    if (!path) {
      rest.push(problem.field ? `${problem.field}: ${problem.message}` : problem.message);
      continue;
    }
    setError(path as FieldPath<PracticeFormValues>, { type: 'server', message: problem.message }, { shouldFocus: !focused });
    focused = true;
  }
  return rest;
}

function bodyOf(v: PracticeFormValues): PracticeInput {
  return {
    organizationIds: v.organizations.map((o) => o.id),
    authors: v.authors.map((a) => (a.userId ? { userId: a.userId } : { name: a.name.trim() })),
    title: v.title.trim(),
    direction: v.direction ?? '',
    levels: v.levels as PracticeInput['levels'],
    audiences: v.audiences as PracticeInput['audiences'],
    problem: v.problem,
    description: v.description,
    conditions: conditionsOf(v),
    results: v.results,
    evidence: v.evidence,
    tags: v.tags,
  };
}

/** /practices/new: someone who works in a school starts a practice (saved as a draft of its first version). */
export function NewPracticePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('practices.form.newTitle'));
  const { user } = useAuth();
  const operator = !!user?.platformRoles.includes('operator');
  const memberships = user?.memberships ?? [];
  if (!user || (!memberships.length && !operator)) return <Forbidden text={t('practices.form.onlyStaff')} />;
  const own = memberships[0];
  const defaults: PracticeFormValues = {
    organizations: own ? [{ id: own.organizationId, name: own.organizationName }] : [],
    authors: own ? [{ userId: user.id, name: user.fullName }] : [],
    title: '',
    direction: null,
    levels: [],
    audiences: [],
    problem: '',
    description: '',
    conditions: emptyConditions(),
    results: '',
    evidence: '',
    tags: [],
  };
  return (
    <FormPageFrame backTo="/practices" backLabel={t('practices.title')} title={t('practices.form.newTitle')} hint={t('practices.form.newHint')}>
      <PracticeForm defaults={defaults} />
    </FormPageFrame>
  );
}

/** /practices/:id/edit — a draft is edited in place; a submitted or published practice gets a new draft version. */
export function EditPracticePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const practice = usePractice(id);
  useDocumentTitle(t('practices.form.editTitle'));
  return (
    <QueryDetail query={practice} backTo={`/practices/${id}`} backLabel={t('practices.form.toPractice')} skeletonHeight={640}>
      {(data) =>
        data.canEdit && data.state !== 'archived' ? (
          <FormPageFrame title={t('practices.form.editTitle')} hint={data.working?.state === 'draft' ? undefined : t('practices.form.newVersionHint')}>
            <PracticeForm key={data.version} practice={data} defaults={valuesOf(data)} />
          </FormPageFrame>
        ) : (
          <Forbidden text={data.state === 'archived' ? t('practices.form.archived') : t('practices.form.onlyAuthors')} />
        )
      }
    </QueryDetail>
  );
}

const within = (t: (key: string, o?: Record<string, unknown>) => string, what: string, [min, max]: readonly [number, number], required = false) => ({
  ...(required ? { required: t('practices.form.required', { what }) } : {}),
  validate: (value: string | null) => {
    const length = (value ?? '').trim().length;
    if (!length) return true;
    if (length < min) return t('practices.form.tooShort', { what, min });
    if (length > max) return t('practices.form.tooLong', { what, max });
    return true;
  },
});

function PracticeForm({ practice, defaults }: { practice?: PracticeDetail; defaults: PracticeFormValues }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { user } = useAuth();
  const [summary, setSummary] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const { control, register, handleSubmit, watch, setError, formState } = useForm<PracticeFormValues>({ defaultValues: defaults });
  const authors = useFieldArray({ control, name: 'authors' });
  const organizations = watch('organizations');
  const chosenAuthors = watch('authors');
  const directions = usePracticeDirections();
  const lead = organizations[0]?.id ?? '';
  // Heads see their organisation's staff and may name colleagues; others name themselves or a name.
  const staff = useOrganizationStaff(lead);
  const errors = formState.errors;

  const people = new Map<string, string>();
  if (user && user.memberships.some((m) => organizations.some((o) => o.id === m.organizationId))) people.set(user.id, user.fullName);
  for (const m of staff.data?.members ?? []) if (!m.disabledAt) people.set(m.id, m.fullName);
  const accountOptions = [...people].filter(([id]) => !chosenAuthors.some((a) => a.userId === id)).map(([value, label]) => ({ value, label }));

  const directionOptions = (directions.data ?? []).map((d) => ({ value: d.direction, label: d.direction }));
  if (defaults.direction && !directionOptions.some((o) => o.value === defaults.direction)) directionOptions.unshift({ value: defaults.direction, label: defaults.direction });

  const submit = handleSubmit(async (values) => {
    setSummary(null);
    setStale(null);
    try {
      const body = bodyOf(values);
      const saved = practice ? await practiceApi.update(practice.id, { version: practice.version, ...body }) : await practiceApi.create(body);
      qc.setQueryData(practiceKeys.one(saved.id), saved);
      void qc.invalidateQueries({ queryKey: practiceKeys.all });
      navigate(`/practices/${saved.id}`);
    } catch (err) {
      if (isStaleVersion(err)) return setStale(errorMessage(err, t));
      const rest = placeServerErrors(err, values, setError);
      setSummary(rest.length ? rest.join('; ') : err instanceof ApiError && err.fieldErrors.length ? t('errors.fixFields') : errorMessage(err, t));
    }
  });

  const section = (title: string, children: React.ReactNode, hint?: string) => (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section">
      <Title order={2} size="h4" mb={hint ? 4 : 'sm'}>
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed" mb="sm">
          {hint}
        </Text>
      )}
      {children}
    </Paper>
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg" maw={960}>
        {stale && (
          <ConflictAlert title={t('practices.form.conflictTitle')} onReload={() => qc.invalidateQueries({ queryKey: practiceKeys.one(practice!.id) })}>
            <Text size="sm">{stale}</Text>
          </ConflictAlert>
        )}

        {section(
          t('practices.form.whose'),
          <Stack gap="sm">
            <Controller
              control={control}
              name="organizations"
              rules={{ validate: (list) => (list.length ? true : t('practices.form.organizationRequired')) }}
              render={({ field }) => (
                <Stack gap="xs">
                  {field.value.map((org, index) => (
                    <Group key={org.id} gap="xs" wrap="nowrap" justify="space-between">
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {org.name}
                        {index === 0 && (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            · {t('practices.form.lead')}
                          </Text>
                        )}
                      </Text>
                      {(index > 0 || !!practice) && field.value.length > 1 && (
                        <ActionIcon variant="subtle" color="red" onClick={() => field.onChange(field.value.filter((o) => o.id !== org.id))} aria-label={t('practices.form.removeOrganization', { name: org.name })}>
                          ×
                        </ActionIcon>
                      )}
                    </Group>
                  ))}
                  {field.value.length < LIMITS.organizations && (
                    <OrganizationPicker
                      label={field.value.length ? t('practices.form.addOrganization') : t('practices.field.organization')}
                      description={t('practices.form.organizationsHint')}
                      value={null}
                      exclude={field.value.map((o) => o.id)}
                      suggestions={(user?.memberships ?? []).map((m) => ({ id: m.organizationId, name: m.organizationName }))}
                      onChange={(org) => org && field.onChange([...field.value, org])}
                      error={errors.organizations?.message}
                      required={!field.value.length}
                    />
                  )}
                </Stack>
              )}
            />
            <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
              <Text component="legend" size="sm" fw={500}>
                {t('practices.authors')}
              </Text>
              {authors.fields.map((author, index) => (
                <Group key={author.id} gap="xs" wrap="nowrap" align="flex-start">
                  {chosenAuthors[index]?.userId ? (
                    <Text size="sm" style={{ flex: 1 }} py={6}>
                      {chosenAuthors[index].name} <Text span size="xs" c="dimmed">· {t('practices.form.withAccount')}</Text>
                    </Text>
                  ) : (
                    <TextInput
                      style={{ flex: 1 }}
                      aria-label={t('practices.form.authorName', { n: index + 1 })}
                      placeholder={t('practices.form.authorNamePlaceholder')}
                      {...register(`authors.${index}.name`, within(t, t('practices.form.authorNameWhat'), LIMITS.authorName, true))}
                      error={errors.authors?.[index]?.name?.message}
                    />
                  )}
                  <ActionIcon variant="subtle" color="red" mt={4} onClick={() => authors.remove(index)} aria-label={t('practices.form.removeAuthor', { name: chosenAuthors[index]?.name || index + 1 })}>
                    ×
                  </ActionIcon>
                </Group>
              ))}
              {errors.authors?.message && (
                <Text size="sm" c="red.8" role="alert">
                  {errors.authors.message}
                </Text>
              )}
              {authors.fields.length < LIMITS.authors && (
                <Group gap="xs" align="flex-end" wrap="wrap">
                  {accountOptions.length > 0 && (
                    <Select
                      label={t('practices.form.addAccountAuthor')}
                      placeholder={t('practices.form.choosePerson')}
                      data={accountOptions}
                      value={null}
                      searchable
                      onChange={(id) => id && authors.append({ userId: id, name: people.get(id) ?? '' })}
                      w={{ base: '100%', sm: 320 }}
                    />
                  )}
                  <Button variant="light" onClick={() => authors.append({ userId: null, name: '' })}>
                    {t('practices.form.addNamedAuthor')}
                  </Button>
                </Group>
              )}
              <Text size="xs" c="dimmed">
                {t('practices.form.authorsHint')}
              </Text>
            </Stack>
          </Stack>,
        )}

        {section(
          t('practices.form.what'),
          <Grid gap="sm">
            <Grid.Col span={12}>
              <TextInput label={t('practices.field.title')} {...requiredProps} {...register('title', within(t, t('practices.field.title'), LIMITS.title, true))} error={errors.title?.message} />
            </Grid.Col>
            <Grid.Col span={12}>
              <Controller
                control={control}
                name="direction"
                rules={{ required: t('practices.form.directionRequired') }}
                render={({ field }) => (
                  <Select
                    label={t('practices.direction')}
                    description={t('practices.form.directionHint')}
                    inputWrapperOrder={['label', 'input', 'description', 'error']}
                    data={directionOptions}
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    searchable
                    nothingFoundMessage={t('practices.form.noDirection')}
                    error={errors.direction?.message}
                    {...requiredProps}
                  />
                )}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Controller
                control={control}
                name="levels"
                rules={{ validate: (list) => (list.length ? true : t('practices.form.levelRequired')) }}
                render={({ field }) => (
                  <Checkbox.Group label={t('practices.form.levels')} value={field.value} onChange={field.onChange} error={errors.levels?.message} labelProps={requiredProps.labelProps}>
                    <Stack gap={6} mt={6}>
                      {PRACTICE_LEVELS.map((level) => (
                        <Checkbox key={level} value={level} label={t(`practices.levels.${level}`)} />
                      ))}
                    </Stack>
                  </Checkbox.Group>
                )}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Controller
                control={control}
                name="audiences"
                rules={{ validate: (list) => (list.length ? true : t('practices.form.audienceRequired')) }}
                render={({ field }) => (
                  <Checkbox.Group label={t('practices.audience')} value={field.value} onChange={field.onChange} error={errors.audiences?.message} labelProps={requiredProps.labelProps}>
                    <Stack gap={6} mt={6}>
                      {PRACTICE_AUDIENCES.map((audience) => (
                        <Checkbox key={audience} value={audience} label={t(`practices.audiences.${audience}`)} />
                      ))}
                    </Stack>
                  </Checkbox.Group>
                )}
              />
            </Grid.Col>
          </Grid>,
        )}

        {section(
          t('practices.form.content'),
          <Stack gap="sm">
            <Textarea label={t('practices.problem')} autosize minRows={2} {...register('problem', within(t, t('practices.problem'), LIMITS.problem))} error={errors.problem?.message} />
            <Textarea
              label={t('practices.description')}
              description={t('practices.form.descriptionHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              autosize
              minRows={5}
              {...requiredProps}
              {...register('description', within(t, t('practices.description'), LIMITS.description, true))}
              error={errors.description?.message}
            />
            <Textarea label={t('practices.results')} autosize minRows={3} {...register('results', within(t, t('practices.results'), LIMITS.results))} error={errors.results?.message} />
            <Textarea label={t('practices.evidence')} description={t('practices.form.evidenceHint')} inputWrapperOrder={['label', 'input', 'description', 'error']} autosize minRows={2} {...register('evidence', within(t, t('practices.evidence'), LIMITS.evidence))} error={errors.evidence?.message} />
          </Stack>,
        )}

        {section(
          t('practices.conditions'),
          <Stack gap="sm">
            {RESOURCE_CATEGORIES.map((category) => (
              <Textarea
                key={category}
                label={t(`practices.categories.${category}`)}
                autosize
                minRows={1}
                {...register(`conditions.${category}`, within(t, t('practices.form.conditionWhat'), LIMITS.condition))}
                error={errors.conditions?.[category]?.message}
              />
            ))}
          </Stack>,
          t('practices.form.conditionsHint'),
        )}

        {section(
          t('practices.form.tags'),
          <Controller
            control={control}
            name="tags"
            rules={{
              validate: (list) =>
                list.length > LIMITS.tags ? t('practices.form.tooManyTags', { max: LIMITS.tags }) : list.some((tag) => tag.length > LIMITS.tag) ? t('practices.form.tagTooLong', { max: LIMITS.tag }) : true,
            }}
            render={({ field }) => (
              <TagsInput label={t('practices.form.tags')} description={t('practices.form.tagsHint')} inputWrapperOrder={['label', 'input', 'description', 'error']} value={field.value} onChange={field.onChange} error={errors.tags?.message} clearable />
            )}
          />,
        )}

        {summary && (
          <Text c="red.8" role="alert">
            {summary}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={formState.isSubmitting}>
            {practice ? t('practices.form.save') : t('practices.form.create')}
          </Button>
          <Button component={Link} to={practice ? `/practices/${practice.id}` : '/practices'} variant="default">
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
