import { z } from 'zod';
import { instant, recordVersion } from '../../platform/fields';
import type { Config } from '../../platform/config';
import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { idParams, networkParams } from '../../platform/http/params';
import { addCouncilMember } from './add-council-member';
import { cancelMeeting, holdMeeting } from './change-meeting-state';
import { addDecision, closeVoting, openVoting } from './decisions';
import { getCouncil, listCouncilCandidates } from './get-council';
import { getMeeting, listMeetings } from './get-meeting';
import { approveMinutes, editMinutes } from './minutes';
import { recordAttendance } from './record-attendance';
import { removeCouncilMember } from './remove-council-member';
import { scheduleMeeting } from './schedule-meeting';
import { cancelElection, castBallot, closeElection, createElection, listElections, nominateCandidate, openElection, withdrawNomination } from './elections';
import { councilRoles, seatKinds, voteChoices } from './schema';
import { inviteCouncilMember, updateCouncilMember } from './update-council-member';
import { castVote, changeMyVote, changeVote } from './votes';

const uuid = (error: string) => z.uuid({ error });
/** A JSON body; a missing one is answered in Russian too. */
const body = <Shape extends z.ZodRawShape>(shape: Shape) => z.object(shape, { error: 'Отправьте данные формы в теле запроса (JSON)' });
const text = (what: string, min: number, max: number) =>
  z
    .string({ error: `${what}: введите текст` })
    .trim()
    .min(min, { error: min > 1 ? `${what}: не короче ${min} символов` : `${what}: заполните поле` })
    .max(max, { error: `${what}: не длиннее ${max} символов` });
const optionalText = (what: string, max: number) => z.string({ error: `${what}: введите текст` }).trim().max(max, { error: `${what}: не длиннее ${max} символов` }).default('');

const role = z.enum(councilRoles, { error: 'Роль: председатель (chair), секретарь (secretary) или член совета (member)' });
const voting = z.boolean({ error: 'Право голоса: решающий (true) или совещательный (false)' });
const email = z
  .string({ error: 'Адрес почты: введите текст' })
  .trim()
  .max(254, { error: 'Адрес почты: не длиннее 254 символов' })
  .pipe(z.email({ error: 'Введите адрес почты, например ivanova@mail.ru' }));
const memberBody = body({
  kind: z
    .enum(seatKinds, { error: 'Кого представляет: организацию-участника (representative), родителей (parent), обучающихся (pupil), предприятие (enterprise) или общественность (public)' })
    .default('representative'),
  fullName: text('ФИО', 3, 200),
  position: optionalText('Должность', 200),
  organizationId: uuid('Выберите организацию — участника сети').nullish(),
  userId: uuid('Неверная учётная запись').nullish(),
  affiliation: optionalText('Кого представляет', 300),
  role: role.default('member'),
  voting: voting.optional(),
  email: email.nullish(),
  consentConfirmed: z.boolean({ error: 'Согласие родителей: да (true) или нет (false)' }).optional(),
});
const memberChanges = body({ role: role.optional(), voting: voting.optional() }).refine((v) => v.role !== undefined || v.voting !== undefined, {
  error: 'Укажите, что изменить: роль или право голоса',
});
const electionBody = body({
  title: text('Название выборов', 3, 300),
  seats: z.number({ error: 'Число мест: целое число' }).int({ error: 'Число мест: целое число' }).min(1, { error: 'Хотя бы одно место' }).max(100, { error: 'Не больше 100 мест' }),
});
const nominationBody = body({
  organizationId: uuid('Выберите организацию — участника сети'),
  userId: uuid('Неверная учётная запись').nullish(),
  fullName: text('ФИО кандидата', 3, 200),
  position: optionalText('Должность', 200),
});
const ballotBody = body({
  nominationIds: z.array(uuid('Неверный идентификатор кандидата'), { error: 'Бюллетень — список кандидатов' }).max(100, { error: 'Слишком много кандидатов' }),
  organizationId: uuid('Неверный идентификатор организации').optional(),
});

const meetingBody = body({
  title: text('Тема заседания', 3, 300),
  startsAt: instant('Дата и время начала').transform((value) => new Date(value)),
  place: optionalText('Место', 300),
  agenda: z
    .array(text('Вопрос повестки', 1, 1000), { error: 'Повестка — список вопросов' })
    .max(50, { error: 'В повестке не больше 50 вопросов' })
    .default([]),
});

const attendanceMark = z.object(
  {
    councilMemberId: uuid('Неверный идентификатор члена совета'),
    attended: z.boolean({ error: 'Отметка: присутствовал (true) или нет (false)' }),
  },
  { error: 'Отметка — { councilMemberId, attended }' },
);
const attendanceBody = body({
  entries: z
    .array(attendanceMark, { error: 'Список отметок о присутствии' })
    .min(1, { error: 'Отметьте хотя бы одного члена совета' })
    .max(500, { error: 'Слишком много отметок в одном запросе' }),
});

const minutesVersion = recordVersion('Укажите версию протокола, с которой вы работали');
const minutesBody = body({
  minutes: z.string({ error: 'Текст протокола — строка' }).max(200_000, { error: 'Протокол длиннее 200 000 символов' }),
  minutesVersion,
});

const decisionBody = body({ title: text('Вопрос', 3, 500), text: optionalText('Текст решения', 20_000) });
const choice = z.enum(voteChoices, { error: 'Голос: за (for), против (against) или воздержался (abstain)' });

export async function councilRoutes(app: App, handle: DatabaseHandle, config: Config) {
  const tags = ['councils'];
  const invitationOptions = { publicUrl: config.publicUrl, ttlDays: config.invitationTtlDays };

  app.get('/networks/:networkId/council', { schema: { tags, summary: 'Координационный совет сети: состав, сформирован ли, правила голосования', params: networkParams } }, async (request) =>
    getCouncil(commandContext(request, handle), request.params.networkId),
  );

  app.get(
    '/networks/:networkId/council/candidates',
    { schema: { tags, summary: 'Организации-участники и их учётные записи для включения в совет (координатор)', params: networkParams } },
    async (request) => listCouncilCandidates(commandContext(request, handle), request.params.networkId),
  );

  app.post(
    '/networks/:networkId/council/members',
    { schema: { tags, summary: 'Включить человека в совет', params: networkParams, body: memberBody }, config: { policy: 'councils.manageComposition' } },
    async (request, reply) => reply.status(201).send(await addCouncilMember(commandContext(request, handle), request.params.networkId, request.body, invitationOptions)),
  );

  app.patch(
    '/council-members/:id',
    { schema: { tags, summary: 'Изменить роль члена совета или его право голоса', params: idParams, body: memberChanges }, config: { policy: 'councils.manageComposition' } },
    async (request) => updateCouncilMember(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/council-members/:id/invitation',
    {
      schema: { tags, summary: 'Пригласить члена совета вне организаций-участников (учётная запись без роли)', params: idParams, body: body({ email }) },
      config: { policy: 'councils.manageComposition' },
    },
    async (request, reply) => reply.status(201).send(await inviteCouncilMember(commandContext(request, handle), request.params.id, request.body, invitationOptions)),
  );

  app.get('/networks/:networkId/council/elections', { schema: { tags, summary: 'Выборы совета сети', params: networkParams } }, async (request) =>
    listElections(commandContext(request, handle), request.params.networkId),
  );

  app.post(
    '/networks/:networkId/council/elections',
    { schema: { tags, summary: 'Начать выборы совета (выдвижение кандидатов)', params: networkParams, body: electionBody }, config: { policy: 'councils.runElection' } },
    async (request, reply) => reply.status(201).send(await createElection(commandContext(request, handle), request.params.networkId, request.body)),
  );

  app.post(
    '/council-elections/:id/nominations',
    { schema: { tags, summary: 'Выдвинуть кандидата в совет', params: idParams, body: nominationBody }, config: { policy: 'councils.nominate' } },
    async (request, reply) => reply.status(201).send(await nominateCandidate(commandContext(request, handle), request.params.id, request.body)),
  );

  app.delete(
    '/council-nominations/:id',
    { schema: { tags, summary: 'Снять кандидата до начала голосования', params: idParams }, config: { policy: 'councils.nominate' } },
    async (request, reply) => {
      await withdrawNomination(commandContext(request, handle), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/council-elections/:id/open',
    { schema: { tags, summary: 'Открыть голосование на выборах совета', params: idParams }, config: { policy: 'councils.runElection' } },
    async (request) => openElection(commandContext(request, handle), request.params.id),
  );

  app.post(
    '/council-elections/:id/ballots',
    { schema: { tags, summary: 'Подать бюллетень организации-участника', params: idParams, body: ballotBody }, config: { policy: 'councils.castBallot' } },
    async (request, reply) => reply.status(201).send(await castBallot(commandContext(request, handle), request.params.id, request.body)),
  );

  app.post(
    '/council-elections/:id/close',
    { schema: { tags, summary: 'Подвести итоги выборов: протокол и состав совета', params: idParams }, config: { policy: 'councils.runElection' } },
    async (request) => closeElection(commandContext(request, handle), request.params.id),
  );

  app.post(
    '/council-elections/:id/cancel',
    { schema: { tags, summary: 'Отменить выборы', params: idParams }, config: { policy: 'councils.runElection' } },
    async (request) => cancelElection(commandContext(request, handle), request.params.id),
  );

  app.delete(
    '/council-members/:id',
    { schema: { tags, summary: 'Исключить человека из совета', params: idParams }, config: { policy: 'councils.manageComposition' } },
    async (request, reply) => {
      await removeCouncilMember(commandContext(request, handle), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get('/networks/:networkId/meetings', { schema: { tags, summary: 'Заседания совета сети', params: networkParams } }, async (request) =>
    listMeetings(commandContext(request, handle), request.params.networkId),
  );

  app.post(
    '/networks/:networkId/meetings',
    { schema: { tags, summary: 'Назначить заседание совета', params: networkParams, body: meetingBody }, config: { policy: 'councils.scheduleMeeting' } },
    async (request, reply) => reply.status(201).send(await scheduleMeeting(commandContext(request, handle), request.params.networkId, request.body)),
  );

  app.get('/meetings/:id', { schema: { tags, summary: 'Заседание: повестка, присутствие, решения, протокол', params: idParams } }, async (request) =>
    getMeeting(commandContext(request, handle), request.params.id),
  );

  app.post(
    '/meetings/:id/attendance',
    { schema: { tags, summary: 'Отметить присутствие (секретарь)', params: idParams, body: attendanceBody }, config: { policy: 'councils.recordAttendance' } },
    async (request) => recordAttendance(commandContext(request, handle), request.params.id, request.body.entries),
  );

  app.post(
    '/meetings/:id/hold',
    { schema: { tags, summary: 'Отметить, что заседание состоялось', params: idParams }, config: { policy: 'councils.holdMeeting' } },
    async (request) => holdMeeting(commandContext(request, handle), request.params.id),
  );

  app.post(
    '/meetings/:id/cancel',
    { schema: { tags, summary: 'Отменить заседание', params: idParams }, config: { policy: 'councils.cancelMeeting' } },
    async (request) => cancelMeeting(commandContext(request, handle), request.params.id),
  );

  app.put(
    '/meetings/:id/minutes',
    { schema: { tags, summary: 'Составить или дополнить протокол (секретарь, присутствовавшие)', params: idParams, body: minutesBody }, config: { policy: 'councils.editMinutes' } },
    async (request) => editMinutes(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/meetings/:id/approve',
    { schema: { tags, summary: 'Утвердить протокол (председатель)', params: idParams, body: body({ minutesVersion }) }, config: { policy: 'councils.approveMinutes' } },
    async (request) => approveMinutes(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/meetings/:id/decisions',
    { schema: { tags, summary: 'Вынести вопрос на голосование', params: idParams, body: decisionBody }, config: { policy: 'councils.addDecision' } },
    async (request, reply) => reply.status(201).send(await addDecision(commandContext(request, handle), request.params.id, request.body)),
  );

  app.post(
    '/decisions/:id/open',
    { schema: { tags, summary: 'Открыть голосование (председатель)', params: idParams }, config: { policy: 'councils.runVoting' } },
    async (request) => openVoting(commandContext(request, handle), request.params.id),
  );

  app.post(
    '/decisions/:id/votes',
    {
      schema: { tags, summary: 'Проголосовать от своей организации', params: idParams, body: body({ choice, organizationId: uuid('Неверный идентификатор организации').optional() }) },
      config: { policy: 'councils.vote' },
    },
    async (request, reply) => reply.status(201).send(await castVote(commandContext(request, handle), request.params.id, request.body)),
  );

  app.put(
    '/decisions/:id/votes/:organizationId',
    {
      schema: {
        tags,
        summary: 'Изменить свой голос до закрытия голосования',
        params: idParams.extend({ organizationId: uuid('Неверный идентификатор организации') }),
        body: body({ choice }),
      },
      config: { policy: 'councils.changeVote' },
    },
    async (request) => changeVote(commandContext(request, handle), request.params.id, request.params.organizationId, request.body),
  );

  app.put(
    '/decisions/:id/my-vote',
    { schema: { tags, summary: 'Изменить поданный мной голос до закрытия голосования', params: idParams, body: body({ choice }) }, config: { policy: 'councils.changeVote' } },
    async (request) => changeMyVote(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/decisions/:id/close',
    { schema: { tags, summary: 'Закрыть голосование и подвести итоги (председатель)', params: idParams }, config: { policy: 'councils.runVoting' } },
    async (request) => closeVoting(commandContext(request, handle), request.params.id),
  );
}
