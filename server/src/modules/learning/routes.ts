import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { idParams } from '../../platform/http/params';
import { getAttendance } from './get-attendance';
import { getLearningPath } from './get-learning-path';
import { attendanceMarksRequest, attendanceQuery, resultRequest } from './learning-fields';
import { listStudentsProgress } from './list-students-progress';
import { recordAttendance } from './record-attendance';
import { recordResult } from './record-result';

export async function learningRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['learning'];

  app.get('/children/:id/learning-path', { schema: { tags, summary: 'Расписание ребёнка на неделю по всем программам, пересечения, посещаемость и итоги', params: idParams } }, async (request) =>
    getLearningPath(commandContext(request, handle), request.params.id),
  );

  app.get(
    '/programmes/:id/attendance',
    { schema: { tags, summary: 'Журнал посещаемости программы (для сотрудников организации)', params: idParams, querystring: attendanceQuery } },
    async (request) => getAttendance(commandContext(request, handle), request.params.id, request.query),
  );

  app.put(
    '/programmes/:id/attendance',
    { schema: { tags, summary: 'Отметить посещаемость занятия', params: idParams, body: attendanceMarksRequest }, config: { policy: 'learning.recordAttendance' } },
    async (request) => recordAttendance(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/enrolments/:id/result',
    { schema: { tags, summary: 'Записать итог обучения (зачёт, сертификат, не завершил)', params: idParams, body: resultRequest }, config: { policy: 'learning.recordResult' } },
    async (request) => recordResult(commandContext(request, handle), request.params.id, request.body),
  );

  app.get(
    '/organizations/:id/students/progress',
    { schema: { tags, summary: 'Программы учеников школы в других организациях: посещаемость и итоги', params: idParams } },
    async (request) => listStudentsProgress(commandContext(request, handle), request.params.id),
  );
}
