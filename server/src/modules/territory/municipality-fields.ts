import { z } from 'zod';
import { uniqueViolation } from '../../platform/db/errors';
import { Problem } from '../../platform/problem';
import { municipalities } from './schema';

export type MunicipalityRow = typeof municipalities.$inferSelect;

const fields = {
  name: z.string({ error: 'Укажите название' }).trim().min(2, { error: 'Название — не короче 2 символов' }).max(200, { error: 'Не длиннее 200 символов' }),
  kind: z.enum(['city', 'district'], { error: 'Тип: city (городской округ) или district (район)' }),
  subjectName: z.string().trim().max(200, { error: 'Не длиннее 200 символов' }),
  centerLat: z.number({ error: 'Широта — число' }).min(-90, { error: 'Широта — от −90 до 90' }).max(90, { error: 'Широта — от −90 до 90' }),
  centerLon: z.number({ error: 'Долгота — число' }).min(-180, { error: 'Долгота — от −180 до 180' }).max(180, { error: 'Долгота — от −180 до 180' }),
};

export const municipalityFields = z.object({ ...fields, subjectName: fields.subjectName.optional() });
export const municipalityChanges = z.object(fields).partial();
export type MunicipalityInput = z.infer<typeof municipalityFields>;
export type MunicipalityChanges = z.infer<typeof municipalityChanges>;

/** A municipality as the API shows it: the region is implied. */
export const presentMunicipality = ({ regionId: _region, ...municipality }: MunicipalityRow) => municipality;

/** Two municipalities of one region never share a name. */
export function explainMunicipalityWriteError(error: unknown): never {
  if (uniqueViolation(error) === 'municipalities_name_unique') {
    throw new Problem(409, 'Такой муниципалитет уже есть', 'Муниципалитет с таким названием уже есть в регионе.', {
      errors: [{ field: 'name', message: 'Это название уже занято' }],
    });
  }
  throw error;
}
