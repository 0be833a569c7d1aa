import { http } from '../../shared/api/client';
import type { StoredImportState } from '../../shared/components/SpreadsheetImport';

/** A staff list between upload and commit, then its letters on their way (GET /api/staff-imports/:id). */
export interface StaffImport extends StoredImportState {
  /** Invitations to addresses without an account. */
  toInvite: number;
  /** Invitations that add a role to an existing account. */
  toAddRole: number;
  delivery: { sent: number; waiting: number; failed: number };
}

export const staffImportKeys = {
  one: (id: string) => ['staff-imports', id] as const,
};

function upload(path: string, file: File) {
  const body = new FormData();
  body.append('file', file, file.name);
  return http.post<StaffImport>(path, body);
}

export const staffImportApi = {
  /** For one organisation's page, or (organizationId null) across the organisations the caller reaches. */
  upload: (organizationId: string | null, file: File) =>
    upload(organizationId ? `/organizations/${encodeURIComponent(organizationId)}/staff/imports` : '/staff-imports', file),
  get: (id: string, signal?: AbortSignal) => http.get<StaffImport>(`/staff-imports/${encodeURIComponent(id)}`, undefined, signal),
  commit: (id: string) => http.post<StaffImport>(`/staff-imports/${encodeURIComponent(id)}/commit`),
};
