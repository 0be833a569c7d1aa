import { Text } from '@mantine/core';
import { Controller, type Control, type FieldPath, type FieldValues, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useMunicipalities } from '../../shared/api/queries';
import { useAuth } from '../../shared/auth/AuthContext';
import { SelectField } from '../../shared/components/SelectField';
import { requiredProps } from '../../shared/components/required';
import { OrganizationPicker, type PickedOrganization } from '../networks/OrganizationPicker';
import { type AnyRole, type NamedRef, type RoleGrant, isMembershipRole } from './types';
import './strings';

/** The part of a form that names a role and its place; named like the API's fields so that their errors land here. */
export interface RolePlaceValues {
  role: AnyRole | '';
  organizationId: PickedOrganization | null;
  municipalityId: string;
}

export const ROLE_PLACE_FIELDS = ['role', 'organizationId', 'municipalityId'] as const;

/** A fixed place: an organisation's «Сотрудники», or a municipality's authority staff. */
export interface FixedPlace {
  organization?: NamedRef & { municipalityId: string };
  municipality?: NamedRef;
}

/** The form's first values: the only role when there is one, and the authority's own municipality. */
export function rolePlaceDefaults(roles: AnyRole[], fixed: FixedPlace, ownMunicipalityId: string | null): RolePlaceValues {
  return { role: roles.length === 1 ? roles[0] : '', organizationId: null, municipalityId: fixed.municipality?.id ?? ownMunicipalityId ?? '' };
}

/** What the API takes: the organisation for a role in one, the municipality for an authority, nothing else. */
export function toRoleGrant(values: RolePlaceValues & { role: AnyRole }, fixed: FixedPlace): RoleGrant {
  if (isMembershipRole(values.role)) return { role: values.role, organizationId: fixed.organization?.id ?? values.organizationId?.id };
  if (values.role === 'authority') return { role: values.role, municipalityId: values.municipalityId || undefined };
  return { role: values.role };
}

/** An authority gives roles only in its own municipality; the operator anywhere (null). */
export function useOwnMunicipalityId(): string | null {
  const { user } = useAuth();
  return user?.platformRoles.includes('operator') ? null : (user?.municipalityId ?? null);
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Text size="sm">
      <Text span fw={600}>
        {label}:
      </Text>{' '}
      {value}
    </Text>
  );
}

/**
 * The role (only those offered) with a line on what it means, then its place: an organisation found by name (in the
 * authority's own municipality), or for an authority its municipality. A fixed place is shown as text.
 */
export function RolePlaceFields<T extends FieldValues & RolePlaceValues>({ control, roles, fixed }: { control: Control<T>; roles: AnyRole[]; fixed: FixedPlace }) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  const ownMunicipalityId = useOwnMunicipalityId();
  const role = useWatch({ control, name: 'role' as FieldPath<T> }) as RolePlaceValues['role'];
  const municipalityName = (id: string | null) => municipalities.data?.find((m) => m.id === id)?.name ?? '';
  const field = (name: keyof RolePlaceValues) => name as FieldPath<T>;

  return (
    <>
      {roles.length > 1 ? (
        <SelectField
          control={control}
          name={field('role')}
          rules={{ required: t('people.invite.roleRequired') }}
          label={t('people.invite.role')}
          placeholder={t('people.invite.rolePlaceholder')}
          description={role ? t(`people.roleHints.${role}`) : undefined}
          data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          {...requiredProps}
        />
      ) : (
        roles[0] && <Fact label={t('people.invite.role')} value={`${t(`roles.${roles[0]}`)} — ${t(`people.roleHints.${roles[0]}`)}`} />
      )}
      {fixed.organization && <Fact label={t('people.invite.organization')} value={fixed.organization.name} />}
      {fixed.municipality && <Fact label={t('people.invite.municipality')} value={fixed.municipality.name} />}
      {!fixed.organization && role !== '' && isMembershipRole(role) && (
        <Controller
          control={control}
          name={field('organizationId')}
          rules={{ validate: (v) => !!v || t('people.invite.organizationRequired') }}
          render={({ field: f, fieldState }) => (
            <OrganizationPicker
              label={t('people.invite.organization')}
              description={ownMunicipalityId ? t('people.invite.organizationOwnMunicipality', { name: municipalityName(ownMunicipalityId) }) : undefined}
              municipalityId={ownMunicipalityId}
              required
              value={f.value}
              onChange={f.onChange}
              onBlur={f.onBlur}
              inputRef={f.ref}
              name={f.name}
              error={fieldState.error?.message}
            />
          )}
        />
      )}
      {!fixed.municipality &&
        role === 'authority' &&
        (ownMunicipalityId ? (
          <Fact label={t('people.invite.municipality')} value={municipalityName(ownMunicipalityId)} />
        ) : (
          <SelectField
            control={control}
            name={field('municipalityId')}
            rules={{ required: t('people.invite.municipalityRequired') }}
            label={t('people.invite.municipality')}
            searchable
            data={(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
            {...requiredProps}
          />
        ))}
    </>
  );
}
