import { uniqueViolation } from '../../platform/db/errors';
import { Problem, conflict } from '../../platform/problem';

const duplicateFields: Record<string, { field: string; message: string }> = {
  organizations_inn_key: { field: 'inn', message: 'Организация с таким ИНН уже есть в реестре' },
  organizations_ogrn_key: { field: 'ogrn', message: 'Организация с таким ОГРН уже есть в реестре' },
  organizations_external_id_key: { field: 'externalId', message: 'Организация с таким внешним кодом уже есть в реестре' },
};

/** Turns a unique-index violation into a 409 that names the field, so the form can show it. */
export function explainWriteError(error: unknown): never {
  const constraint = uniqueViolation(error);
  if (constraint !== null) {
    const duplicate = duplicateFields[constraint];
    if (duplicate) throw new Problem(409, 'Такая организация уже есть', duplicate.message, { errors: [duplicate] });
    throw conflict('Запись с такими данными уже существует.');
  }
  throw error;
}
