import type { TFunction } from 'i18next';
import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import { ApiError, NetworkError } from './client';

/** A message for a failed request. The server's problem details are actionable and in the interface's language; use them first. */
export function errorMessage(err: unknown, t: TFunction): string {
  if (err instanceof NetworkError) return t('errors.network');
  if (err instanceof ApiError) {
    const p = err.problem;
    if (err.status >= 500) return p.detail || t('errors.server');
    if (p.detail && p.title && p.detail !== p.title && !p.errors?.length) return `${p.title}. ${p.detail}`;
    if (p.detail) return p.detail;
    if (p.title) return p.title;
    switch (err.status) {
      case 401:
        return t('errors.unauthorized');
      case 403:
        return t('errors.forbidden');
      case 404:
        return t('errors.notFound');
      case 409:
        return t('errors.conflict');
      case 429:
        return t('errors.tooMany');
      default:
        return t('errors.badRequest');
    }
  }
  return t('errors.unknown');
}

export function isStatus(err: unknown, status: number): boolean {
  return err instanceof ApiError && err.status === status;
}

/** A 409 without field errors: someone saved the record since it was loaded (a duplicate INN, say, comes with field errors). */
export function isStaleVersion(err: unknown): boolean {
  return isStatus(err, 409) && !(err as ApiError).fieldErrors.length;
}

/**
 * Puts the server's field errors onto the form fields. Returns the errors that match no field,
 * so the caller can show them in a summary.
 */
export function applyFieldErrors<T extends FieldValues>(
  err: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
): string[] {
  if (!(err instanceof ApiError)) return [];
  const rest: string[] = [];
  let focused = false;
  for (const fe of err.fieldErrors) {
    // the server may name nested paths like "body.inn" or "inn.0"; match the first known segment
    const name = fe.field.split(/[.[\]]/).find((part) => fields.includes(part));
    if (name) {
      setError(name as FieldPath<T>, { type: 'server', message: fe.message }, { shouldFocus: !focused });
      focused = true;
    } else {
      rest.push(fe.field ? `${fe.field}: ${fe.message}` : fe.message);
    }
  }
  return rest;
}
