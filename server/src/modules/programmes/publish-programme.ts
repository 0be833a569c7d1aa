import type { CommandContext } from '../../platform/context';
import { changeProgrammeState, unavailable } from './change-programme-state';

/**
 * Puts a programme into the public catalogue, where families enrol. It needs its weekly classes unless
 * it is taught at a distance, so the timetable of a child who enrols can show it.
 */
export const publishProgramme = (context: CommandContext, id: string, version: number) =>
  changeProgrammeState(context, id, version, 'published', (current, slotCount) => {
    if (current.state === 'published') throw unavailable('Программа уже опубликована', 'Программа уже в каталоге.');
    if (!slotCount && current.format !== 'distance') {
      throw unavailable('Нет расписания', 'Добавьте в расписание хотя бы одно занятие в неделю, чтобы семьи видели, когда оно проходит.');
    }
  });
