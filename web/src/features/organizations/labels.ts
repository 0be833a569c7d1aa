import type { MantineColor } from '@mantine/core';
import type { OrganizationKind, OrganizationState, OrganizationStatus } from '../../shared/api/types';

/** Marker and legend colours by kind; dark enough for white outlines and contrast on light tiles. */
export const KIND_COLORS: Record<OrganizationKind, string> = {
  school: '#1c7ed6',
  lyceum: '#3b5bdb',
  gymnasium: '#6741d9',
  preschool: '#d6336c',
  supplementary: '#ae3ec9',
  college: '#0c8599',
  university: '#364fc7',
  ngo: '#2b8a3e',
  library: '#b35c00',
  museum: '#d9480f',
  culture: '#e8590c',
  sports: '#2f9e44',
  enterprise: '#495057',
  authority: '#c92a2a',
  methodical_centre: '#0b7285',
};

export function kindColor(kind: string): string {
  return KIND_COLORS[kind as OrganizationKind] ?? '#495057';
}

export const STATUS_COLORS: Record<OrganizationStatus, MantineColor> = {
  base_school: 'blue',
  innovation_site: 'violet',
  low_results: 'orange',
  adverse_conditions: 'orange',
  resilient: 'teal',
  consultant: 'green',
};

export const STATE_COLORS: Record<OrganizationState, MantineColor> = {
  unverified: 'gray',
  verified: 'green',
  archived: 'dark',
};
