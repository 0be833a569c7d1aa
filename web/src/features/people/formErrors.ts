import type { TFunction } from 'i18next';
import type { FieldValues, UseFormSetError } from 'react-hook-form';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors, errorMessage, isStatus } from '../../shared/api/errors';

/**
 * What a failed submit says above the form: the server's field errors go onto their fields, and the rest — errors for
 * no field, a refusal, a conflict (409: the server's Russian detail says what to do, e.g. resend the invitation) — is
 * returned for the form's alert. Null when every error found its field.
 */
export function submitFailure<T extends FieldValues>(err: unknown, setError: UseFormSetError<T>, fields: readonly string[], t: TFunction): string | null {
  const rest = applyFieldErrors(err, setError, fields);
  if (rest.length) return rest.join('; ');
  if (err instanceof ApiError && err.fieldErrors.length && !isStatus(err, 409)) return null;
  return errorMessage(err, t);
}
