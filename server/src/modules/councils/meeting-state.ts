import { Problem } from '../../platform/problem';
import type { MeetingRow } from './load';

/** Why a meeting in this state refuses a change, in words a council member can act on. */
export function refuseUnlessOpen(meeting: Pick<MeetingRow, 'state'>, what: string) {
  if (meeting.state === 'approved') throw new Problem(409, 'Протокол утверждён', `Протокол заседания утверждён и закрыт для изменений: ${what} больше нельзя.`);
  if (meeting.state === 'cancelled') throw new Problem(409, 'Заседание отменено', `Заседание отменено: ${what} нельзя.`);
}
