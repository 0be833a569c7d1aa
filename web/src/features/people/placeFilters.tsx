import { Grid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MunicipalityFilter } from '../../shared/components/MunicipalityFilter';
import { OrganizationPicker } from '../networks/OrganizationPicker';
import './strings';

/** Where the people or invitations of a list are: a municipality (the operator's choice) and an organisation. */
export interface PlaceFilters {
  municipalityId: string | null;
  organizationId: string | null;
  /** kept in the URL beside the id, so the picker shows the name without asking the server again */
  organizationName: string;
  page: number;
}

export function readPlaceFilters(sp: URLSearchParams): PlaceFilters {
  const page = Number.parseInt(sp.get('page') ?? '1', 10);
  return {
    municipalityId: sp.get('municipalityId') || null,
    organizationId: sp.get('organizationId') || null,
    organizationName: sp.get('organizationName') ?? '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** Adds the place filters to a list's URL, leaving defaults out so links stay short. */
export function writePlaceFilters(sp: URLSearchParams, f: PlaceFilters): URLSearchParams {
  if (f.municipalityId) sp.set('municipalityId', f.municipalityId);
  if (f.organizationId) {
    sp.set('organizationId', f.organizationId);
    sp.set('organizationName', f.organizationName);
  }
  if (f.page > 1) sp.set('page', String(f.page));
  return sp;
}

/** The municipality (for the operator, who sees them all) and organisation filters, as grid columns of a filter panel. */
export function PlaceFilterFields({ filters, update, operator, organizationColumnId }: { filters: PlaceFilters; update: (patch: Partial<PlaceFilters>) => void; operator: boolean; organizationColumnId?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {operator && (
        <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
          <MunicipalityFilter value={filters.municipalityId} onChange={(municipalityId) => update({ municipalityId })} />
        </Grid.Col>
      )}
      <Grid.Col span={{ base: 12, sm: 6, md: operator ? 4 : 6 }} id={organizationColumnId}>
        <OrganizationPicker
          label={t('people.list.organization')}
          placeholder={t('people.list.anyOrganization')}
          value={filters.organizationId ? { id: filters.organizationId, name: filters.organizationName } : null}
          onChange={(org) => update({ organizationId: org?.id ?? null, organizationName: org?.name ?? '' })}
        />
      </Grid.Col>
    </>
  );
}
