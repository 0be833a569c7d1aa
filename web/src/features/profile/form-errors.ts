import type { TFunction } from 'i18next';
import type { FieldValues, UseFormSetError } from 'react-hook-form';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors, errorMessage } from '../../shared/api/errors';

/**
 * Puts a refused request's field errors on the form's fields and returns what is left for the alert above the
 * form: errors no field takes, or the problem's message when nothing landed on a field; null when all did.
 */
export function formErrorSummary<T extends FieldValues>(err: unknown, setError: UseFormSetError<T>, fields: readonly string[], t: TFunction): string | null {
  const rest = applyFieldErrors(err, setError, fields);
  if (rest.length) return rest.join('; ');
  const onFields = err instanceof ApiError && err.fieldErrors.length > 0;
  return onFields ? null : errorMessage(err, t);
}
