import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMunicipalities } from '../api/queries';
import { placeName } from '../i18n/place-names';
import '../../features/organizations/strings';

/** The «Муниципалитет» filter of a list page: the region's municipalities, searchable, clearable for «все». */
export function MunicipalityFilter({ value, onChange }: { value: string | null; onChange: (municipalityId: string | null) => void }) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  return (
    <Select
      label={t('registry.municipality')}
      placeholder={t('registry.anyMunicipality')}
      data={(municipalities.data ?? []).map((m) => ({ value: m.id, label: placeName(m.name) }))}
      value={value}
      onChange={onChange}
      clearable
      searchable
      nothingFoundMessage={t('card.mergeNothing')}
    />
  );
}
