import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../shared/api/client';
import type { AttendanceSheet, EnrolmentResult, LearningPath, Roster, StudentsProgressAnswer } from './types';

const enc = encodeURIComponent;

export const learningKeys = {
  path: (childId: string) => ['learning-path', childId] as const,
  progress: (organizationId: string) => ['students-progress', organizationId] as const,
  attendance: (programmeId: string) => ['attendance', programmeId] as const,
  roster: (programmeId: string) => ['roster', programmeId] as const,
};

export function useLearningPath(childId: string) {
  return useQuery({
    queryKey: learningKeys.path(childId),
    queryFn: ({ signal }) => http.get<LearningPath>(`/children/${enc(childId)}/learning-path`, undefined, signal),
  });
}

export function useStudentsProgress(organizationId: string) {
  return useQuery({
    queryKey: learningKeys.progress(organizationId),
    queryFn: ({ signal }) => http.get<StudentsProgressAnswer>(`/organizations/${enc(organizationId)}/students/progress`, undefined, signal),
  });
}

export function useAttendance(programmeId: string) {
  return useQuery({
    queryKey: learningKeys.attendance(programmeId),
    queryFn: ({ signal }) => http.get<AttendanceSheet>(`/programmes/${enc(programmeId)}/attendance`, undefined, signal),
    placeholderData: keepPreviousData,
  });
}

/** The enrolled and the waitlist of a programme (the enrolments area's API). */
export function useRoster(programmeId: string) {
  return useQuery({
    queryKey: learningKeys.roster(programmeId),
    queryFn: ({ signal }) => http.get<Roster>(`/programmes/${enc(programmeId)}/enrolments`, undefined, signal),
  });
}

/** After any change to a programme's roster or records, both views of it are stale. */
function useRefreshProgramme(programmeId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: learningKeys.roster(programmeId) });
    void qc.invalidateQueries({ queryKey: learningKeys.attendance(programmeId) });
  };
}

export function useRecordAttendance(programmeId: string) {
  const refresh = useRefreshProgramme(programmeId);
  return useMutation({
    mutationFn: (body: { classDate: string; marks: { enrolmentId: string; present: boolean }[] }) => http.put(`/programmes/${enc(programmeId)}/attendance`, body),
    onSettled: refresh,
  });
}

export function useRecordResult(programmeId: string) {
  const refresh = useRefreshProgramme(programmeId);
  return useMutation({
    mutationFn: ({ enrolmentId, ...body }: { enrolmentId: string; version: number; result: EnrolmentResult; note: string }) => http.post(`/enrolments/${enc(enrolmentId)}/result`, body),
    onSettled: refresh,
  });
}

/** Taking a child off the programme, with the reason the family is told (the enrolments area's API). */
export function useRemoveEnrolment(programmeId: string) {
  const refresh = useRefreshProgramme(programmeId);
  return useMutation({
    mutationFn: ({ enrolmentId, ...body }: { enrolmentId: string; version: number; reason: string }) => http.post(`/enrolments/${enc(enrolmentId)}/remove`, body),
    onSettled: refresh,
  });
}
