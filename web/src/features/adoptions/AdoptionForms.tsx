import { useState } from 'react';
import { ActionIcon, Alert, Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { DateField } from '../../shared/components/DateField';
import { ModalActions } from '../../shared/components/ModalActions';
import { requiredProps } from '../../shared/components/required';
import { regionToday } from '../../shared/dates';
import { useAdoptionWrites } from './api';
import type { Adoption, AdoptionFigure, PracticeAdoptions } from './types';
import './strings';
import '../practices/strings';

/** The server's message for a field, if it named one. */
const fieldError = (error: unknown, field: string) => (error instanceof ApiError ? error.fieldErrors.find((e) => e.field === field)?.message : undefined);

/** The server's refusal above the form, unless it is told at a field. */
function FormError({ error, fields }: { error: unknown; fields: string[] }) {
  const { t } = useTranslation();
  if (!error || fields.some((f) => fieldError(error, f))) return null;
  return (
    <Alert color="red" role="alert">
      {errorMessage(error, t)}
    </Alert>
  );
}

/** «Внедряем у себя»: which organisation (when the person works in several), since when, what changes, which of its needs. */
export function AdoptModal({ practiceId, organizations, onClose }: { practiceId: string; organizations: PracticeAdoptions['adoptableOrganizations']; onClose: () => void }) {
  const { t } = useTranslation();
  const { record } = useAdoptionWrites(practiceId);
  const [organizationId, setOrganizationId] = useState(organizations[0]?.id ?? '');
  const [startedOn, setStartedOn] = useState(regionToday());
  const [changes, setChanges] = useState('');
  const [needIds, setNeedIds] = useState<string[]>([]);
  const organization = organizations.find((o) => o.id === organizationId);
  const submit = () =>
    record.mutate(
      { organizationId, startedOn, changes, needIds },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('adoptions.form.saved') });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={t('adoptions.form.title')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <FormError error={record.error} fields={['startedOn', 'changes', 'needIds', 'organizationId']} />
          {organizations.length > 1 && (
            <Select
              {...requiredProps}
              label={t('adoptions.form.organization')}
              data={organizations.map((o) => ({ value: o.id, label: o.shortName }))}
              value={organizationId}
              allowDeselect={false}
              onChange={(value) => {
                setOrganizationId(value ?? '');
                setNeedIds([]);
              }}
              error={fieldError(record.error, 'organizationId')}
            />
          )}
          <DateField {...requiredProps} label={t('adoptions.form.startedOn')} value={startedOn} onChange={setStartedOn} clearable={false} error={fieldError(record.error, 'startedOn')} />
          <Textarea
            {...requiredProps}
            label={t('adoptions.form.changes')}
            description={t('adoptions.form.changesHint')}
            autosize
            minRows={3}
            maxLength={4000}
            value={changes}
            onChange={(e) => setChanges(e.currentTarget.value)}
            error={fieldError(record.error, 'changes')}
          />
          {organization && organization.needs.length > 0 ? (
            <Checkbox.Group label={t('adoptions.form.needs')} description={t('adoptions.form.needsHint')} value={needIds} onChange={setNeedIds} error={fieldError(record.error, 'needIds')}>
              <Stack gap={6} mt={6}>
                {organization.needs.map((need) => (
                  <Checkbox key={need.id} value={need.id} label={`${need.title} (${t(`practices.categories.${need.category}`)})`} />
                ))}
              </Stack>
            </Checkbox.Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t('adoptions.form.noNeeds')}
            </Text>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={record.isPending}>
              {t('adoptions.form.save')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

type FigureDraft = { indicator: string; before: number | string; after: number | string; unit: string };
const toFigure = (f: FigureDraft): AdoptionFigure => ({ indicator: f.indicator, before: f.before === '' ? null : Number(f.before), after: Number(f.after), unit: f.unit });

/** «Добавить результаты»: what came of it, as of which day, and figures if the school has them. */
export function ResultsModal({ practiceId, adoption, onClose }: { practiceId: string; adoption: Adoption; onClose: () => void }) {
  const { t } = useTranslation();
  const { results: save } = useAdoptionWrites(practiceId);
  const [results, setResults] = useState(adoption.results ?? '');
  const [resultsOn, setResultsOn] = useState(regionToday());
  const [figures, setFigures] = useState<FigureDraft[]>(adoption.figures.map((f) => ({ ...f, before: f.before ?? '' })));
  const change = (index: number, patch: Partial<FigureDraft>) => setFigures((list) => list.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  const submit = () =>
    save.mutate(
      { id: adoption.id, version: adoption.version, results, resultsOn, figures: figures.filter((f) => f.indicator.trim() || f.after !== '').map(toFigure) },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('adoptions.resultsForm.saved') });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={`${t('adoptions.resultsForm.title')}: ${adoption.organization.shortName}`} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <FormError error={save.error} fields={['results', 'resultsOn']} />
          <Textarea {...requiredProps} label={t('adoptions.resultsForm.results')} autosize minRows={3} maxLength={4000} value={results} onChange={(e) => setResults(e.currentTarget.value)} error={fieldError(save.error, 'results')} />
          <DateField {...requiredProps} label={t('adoptions.resultsForm.resultsOn')} value={resultsOn} onChange={setResultsOn} clearable={false} error={fieldError(save.error, 'resultsOn')} />
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {t('adoptions.resultsForm.figures')}
            </Text>
            {figures.map((figure, index) => (
              <Group key={index} gap="xs" align="flex-end" wrap="wrap">
                <TextInput label={t('adoptions.resultsForm.indicator')} value={figure.indicator} onChange={(e) => change(index, { indicator: e.currentTarget.value })} style={{ flex: '1 1 200px' }} />
                <NumberInput label={t('adoptions.resultsForm.before')} value={figure.before} onChange={(v) => change(index, { before: v })} decimalSeparator="," w={90} />
                <NumberInput label={t('adoptions.resultsForm.after')} value={figure.after} onChange={(v) => change(index, { after: v })} decimalSeparator="," w={90} />
                <TextInput label={t('adoptions.resultsForm.unit')} value={figure.unit} onChange={(e) => change(index, { unit: e.currentTarget.value })} w={80} />
                <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('adoptions.resultsForm.removeFigure')} onClick={() => setFigures((list) => list.filter((_, i) => i !== index))}>
                  ×
                </ActionIcon>
              </Group>
            ))}
            {figures.length < 10 && (
              <Group>
                <Button variant="subtle" size="xs" onClick={() => setFigures((list) => [...list, { indicator: '', before: '', after: '', unit: '' }])}>
                  {t('adoptions.resultsForm.addFigure')}
                </Button>
              </Group>
            )}
          </Stack>
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={save.isPending}>
              {t('adoptions.resultsForm.save')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}
