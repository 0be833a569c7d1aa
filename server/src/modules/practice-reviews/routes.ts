import type { DatabaseHandle } from '../../platform/db/client';
import { idParams } from '../../platform/http/params';
import { type App, commandContext } from '../../platform/http/route-kit';
import { assignExpert, autoAssign, listRoundExperts, removeAssignment } from './assignments';
import { answerReview, getPracticeReview, publishComposite, roundPracticeReviews } from './composites';
import { getAssignment, myAssignments, saveScores } from './expert-work';
import { setExpertDirections } from './experts';
import {
  answerFields,
  assignmentFields,
  autoAssignFields,
  expertDirectionsFields,
  expertListQuery,
  practiceChoice,
  roundFields,
  roundPracticeParams,
  rubricChanges,
  rubricFields,
  scoresFields,
} from './review-fields';
import { addRoundPractice, createRound, getRound, listRounds } from './rounds';
import { createRubric, getRubric, listRubrics, updateRubric } from './rubrics';

/** Expert review of practices (issue 17): rubrics, rounds, assignments, scores, the published composite. */
export async function practiceReviewRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['practice-reviews'];

  app.get('/practice-rubrics', { schema: { tags, summary: 'Критерии экспертизы практик' } }, async (request) => listRubrics(commandContext(request, handle)));
  app.post('/practice-rubrics', { schema: { tags, summary: 'Создать критерии экспертизы (регион — оператор, сеть — её координаторы)', body: rubricFields }, config: { policy: 'practiceReviews.editRubric' } }, async (request, reply) =>
    reply.status(201).send(await createRubric(commandContext(request, handle), request.body)),
  );
  app.get('/practice-rubrics/:id', { schema: { tags, summary: 'Критерии экспертизы', params: idParams } }, async (request) => getRubric(commandContext(request, handle), request.params.id));
  app.patch('/practice-rubrics/:id', { schema: { tags, summary: 'Изменить критерии, пока их не использует тур', params: idParams, body: rubricChanges }, config: { policy: 'practiceReviews.editRubric' } }, async (request) =>
    updateRubric(commandContext(request, handle), request.params.id, request.body),
  );

  app.get('/review-rounds', { schema: { tags, summary: 'Туры экспертизы, которые проводит пользователь' } }, async (request) => listRounds(commandContext(request, handle)));
  app.post('/review-rounds', { schema: { tags, summary: 'Начать тур экспертизы', body: roundFields }, config: { policy: 'practiceReviews.editRound' } }, async (request, reply) =>
    reply.status(201).send(await createRound(commandContext(request, handle), request.body)),
  );
  app.get('/review-rounds/:id', { schema: { tags, summary: 'Тур экспертизы: практики, эксперты, состояние, итоги', params: idParams } }, async (request) => getRound(commandContext(request, handle), request.params.id));
  app.post('/review-rounds/:id/practices', { schema: { tags, summary: 'Включить отправленную практику в тур', params: idParams, body: practiceChoice }, config: { policy: 'practiceReviews.editRound' } }, async (request, reply) =>
    reply.status(201).send(await addRoundPractice(commandContext(request, handle), request.params.id, request.body.practiceId)),
  );
  app.get('/review-rounds/:id/experts', { schema: { tags, summary: 'Эксперты для практики тура: направления, загрузка, конфликт интересов', params: idParams, querystring: expertListQuery } }, async (request) =>
    listRoundExperts(commandContext(request, handle), request.params.id, request.query.practiceId),
  );
  app.post('/review-rounds/:id/assignments', { schema: { tags, summary: 'Назначить эксперта на практику (конфликт интересов — отказ)', params: idParams, body: assignmentFields }, config: { policy: 'practiceReviews.editRound' } }, async (request, reply) =>
    reply.status(201).send(await assignExpert(commandContext(request, handle), request.params.id, request.body.practiceId, request.body.expertId)),
  );
  app.post('/review-rounds/:id/auto-assign', { schema: { tags, summary: 'Назначить по два эксперта автоматически: по направлению, затем по загрузке', params: idParams, body: autoAssignFields }, config: { policy: 'practiceReviews.editRound' } }, async (request) =>
    autoAssign(commandContext(request, handle), request.params.id, request.body.practiceId),
  );
  app.get('/review-rounds/:id/practices/:practiceId/reviews', { schema: { tags, summary: 'Экспертизы практики рядом: оценки, суммы, расхождение, итог', params: roundPracticeParams } }, async (request) =>
    roundPracticeReviews(commandContext(request, handle), request.params.id, request.params.practiceId),
  );
  app.post('/review-rounds/:id/practices/:practiceId/publish', { schema: { tags, summary: 'Опубликовать итог экспертизы практики', params: roundPracticeParams }, config: { policy: 'practiceReviews.editRound' } }, async (request) =>
    publishComposite(commandContext(request, handle), request.params.id, request.params.practiceId),
  );

  app.get('/review-assignments/mine', { schema: { tags, summary: 'Мои экспертизы' } }, async (request) => myAssignments(commandContext(request, handle)));
  app.get('/review-assignments/:id', { schema: { tags, summary: 'Экспертиза: текст оцениваемой версии, критерии, мои оценки', params: idParams } }, async (request) =>
    getAssignment(commandContext(request, handle), request.params.id),
  );
  app.put('/review-assignments/:id/scores', { schema: { tags, summary: 'Сохранить или отправить оценки по критериям', params: idParams, body: scoresFields }, config: { policy: 'practiceReviews.score' } }, async (request) =>
    saveScores(commandContext(request, handle), request.params.id, request.body),
  );
  app.delete('/review-assignments/:id', { schema: { tags, summary: 'Снять эксперта до отправки оценки', params: idParams }, config: { policy: 'practiceReviews.editRound' } }, async (request, reply) => {
    await removeAssignment(commandContext(request, handle), request.params.id);
    return reply.status(204).send();
  });

  app.put('/review-experts/:id', { schema: { tags, summary: 'Направления эксперта (для автоматического назначения)', params: idParams, body: expertDirectionsFields }, config: { policy: 'practiceReviews.setExpertDirections' } }, async (request) =>
    setExpertDirections(commandContext(request, handle), request.params.id, request.body.directions),
  );

  app.get('/practices/:id/review', { schema: { tags, summary: 'Экспертиза практики: «Не оценивалась», на экспертизе или итог по критериям', params: idParams } }, async (request) =>
    getPracticeReview(commandContext(request, handle), request.params.id),
  );
  app.post('/practices/:id/review/answer', { schema: { tags, summary: 'Ответ авторов на итог экспертизы (один раз)', params: idParams, body: answerFields }, config: { policy: 'practiceReviews.answer' } }, async (request, reply) =>
    reply.status(201).send(await answerReview(commandContext(request, handle), request.params.id, request.body.text)),
  );
}
