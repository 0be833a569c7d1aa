import { z } from 'zod';
import { admissionModes, memberRoles, networkKinds, quorumBases, voteUnits } from './schema';

const goalList = z.array(z.string().trim().min(1, { error: 'Пустая строка в списке' }).max(500, { error: 'Не длиннее 500 символов' })).max(30, { error: 'Не больше 30 пунктов' });

/** A network's description as its coordinator types it, with Russian messages. */
export const networkFields = z.object({
  name: z.string({ error: 'Укажите название сети' }).trim().min(3, { error: 'Укажите название сети' }).max(300, { error: 'Не длиннее 300 символов' }),
  kind: z.enum(networkKinds, { error: 'Выберите вид сети' }),
  strategicGoal: z.string().trim().max(2000, { error: 'Не длиннее 2000 символов' }).optional(),
  tacticalGoals: goalList.optional(),
  directions: goalList.optional(),
  description: z.string().trim().max(5000, { error: 'Не длиннее 5000 символов' }).optional(),
  municipalityIds: z.array(z.uuid({ error: 'Неверный муниципалитет' })).max(100).optional(),
  managingOrganizationId: z.uuid({ error: 'Выберите управляющую организацию' }),
  parentNetworkId: z.uuid({ error: 'Неверная родительская сеть' }).nullish(),
  visibility: z.enum(['public', 'members'], { error: 'Видимость: public или members' }).optional(),
  quorumPercent: z.number({ error: 'Кворум — число процентов' }).int().min(1, { error: 'Кворум от 1 до 100 %' }).max(100, { error: 'Кворум от 1 до 100 %' }).optional(),
  majority: z.enum(['simple', 'two_thirds'], { error: 'Большинство: simple или two_thirds' }).optional(),
  quorumBasis: z.enum(quorumBases, { error: 'Кворум считается от голосовавших членов совета (seats) или от присутствующих на заседании (attendance)' }).optional(),
  voteUnit: z.enum(voteUnits, { error: 'Голос: один от организации (organization) или у каждого члена совета (seat)' }).optional(),
  chairCastingVote: z.boolean({ error: 'Решающий голос председателя: да (true) или нет (false)' }).optional(),
  admission: z.enum(admissionModes, { error: 'Приём участников: координатором (coordinator) или решением совета (council)' }).optional(),
  exchangesVisibleToCouncil: z.boolean({ error: 'Видимость обменов совету: да (true) или нет (false)' }).optional(),
});
export type NetworkInput = z.output<typeof networkFields>;

export const networkChanges = networkFields.omit({ kind: true }).partial();
export type NetworkChanges = z.output<typeof networkChanges>;

export const memberProposal = z.object({
  organizationId: z.uuid({ error: 'Выберите организацию' }),
  role: z.enum(memberRoles, { error: 'Выберите роль в сети' }),
  message: z.string().trim().max(2000, { error: 'Не длиннее 2000 символов' }).optional(),
});
export type MemberProposal = z.output<typeof memberProposal>;
