import type { AdoptionState } from './types';

/** An adoption's badge colour by its state. */
export const STATE_COLORS: Record<AdoptionState, string> = { adopting: 'blue', results_recorded: 'green', stopped: 'gray' };
