import { z } from 'zod';

/** Path parameters every module uses: a record's id and the id of the network it belongs to. */
export const idParams = z.object({ id: z.uuid({ error: 'Неверный идентификатор' }) });
export const networkParams = z.object({ networkId: z.uuid({ error: 'Неверный идентификатор сети' }) });
