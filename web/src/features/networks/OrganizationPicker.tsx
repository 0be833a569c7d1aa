import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { http } from '../../shared/api/client';
import type { Organization, Page } from '../../shared/api/types';
import './strings';
import '../organizations/strings';

export interface PickedOrganization {
  id: string;
  name: string;
}

interface OrganizationPickerProps {
  label: string;
  description?: string;
  placeholder?: string;
  value: PickedOrganization | null;
  onChange: (org: PickedOrganization | null) => void;
  onBlur?: () => void;
  error?: string;
  required?: boolean;
  /** organisations that may not be chosen (already in the network, for example) */
  exclude?: readonly string[];
  /** shown before anything is typed, e.g. the user's own organisations */
  suggestions?: PickedOrganization[];
  /** only organisations of these kinds are offered (a child's school, say) */
  kinds?: readonly Organization['kind'][];
  /** only organisations of this municipality are found (an authority invites into its own) */
  municipalityId?: string | null;
  name?: string;
  inputRef?: React.Ref<HTMLInputElement>;
  autoFocus?: boolean;
}

/** Finds an organisation in the registry by name, INN or address (GET /api/organizations?q=). */
export function OrganizationPicker({
  label,
  description,
  placeholder,
  value,
  onChange,
  onBlur,
  error,
  required,
  exclude = [],
  suggestions = [],
  kinds,
  municipalityId,
  name,
  inputRef,
  autoFocus,
}: OrganizationPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  // while the field shows the chosen name, do not search for it
  const query = value && debounced === value.name ? '' : debounced;

  const results = useQuery({
    queryKey: ['organizations', 'picker', query, municipalityId ?? null],
    queryFn: ({ signal }) => http.get<Page<Organization>>('/organizations', { q: query, pageSize: 20, municipalityId }, signal),
    enabled: query.length >= 2,
    select: (d) => d.items,
  });

  const found: PickedOrganization[] =
    query.length >= 2
      ? (results.data ?? []).filter((o) => !kinds || kinds.includes(o.kind)).map((o) => ({ id: o.id, name: o.shortName || o.fullName }))
      : suggestions;
  // the municipality tells apart schools with the same number in different towns
  const hints = new Map((results.data ?? []).map((o) => [o.id, o.municipalityName ?? '']));
  const options = found
    .filter((o) => !exclude.includes(o.id))
    .map((o) => ({ value: o.id, label: hints.get(o.id) ? `${o.name} · ${hints.get(o.id)}` : o.name }));
  if (value && !options.some((o) => o.value === value.id)) options.unshift({ value: value.id, label: value.name });
  const names = new Map(found.map((o) => [o.id, o.name]));

  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder ?? t('networks.pickerPlaceholder')}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      data={options}
      filter={({ options: o }) => o}
      value={value?.id ?? null}
      onChange={(id) => {
        if (!id) return onChange(null);
        if (value && id === value.id) return onChange(value);
        onChange({ id, name: names.get(id) ?? id });
      }}
      onBlur={onBlur}
      error={error}
      labelProps={required ? { className: 'orbita-required' } : undefined}
      aria-required={required || undefined}
      name={name}
      ref={inputRef}
      autoFocus={autoFocus}
      nothingFoundMessage={
        query.length < 2 ? t('networks.pickerTypeMore') : results.isFetching ? t('common.loading') : t('card.mergeNothing')
      }
      comboboxProps={{ withinPortal: true }}
    />
  );
}
