import type { CommandContext } from '../../platform/context';
import { changeProgrammeState, unavailable } from './change-programme-state';

/**
 * Takes a programme out of the catalogue: nobody new enrols; children already enrolled stay on its
 * roster, so their attendance and results can still be recorded.
 */
export const archiveProgramme = (context: CommandContext, id: string, version: number) =>
  changeProgrammeState(context, id, version, 'archived', (current) => {
    if (current.state === 'archived') throw unavailable('Программа уже в архиве', 'Программа уже снята с каталога.');
  });
