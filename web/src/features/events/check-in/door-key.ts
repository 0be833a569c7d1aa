// Where the check-in page keeps an event's door on the phone (door-store.ts). Apart from it so that the route, in the
// app's shell, can ask whether the phone holds an event's door without bringing the check-in page's code along.

const PREFIX = 'orbita.check-in.';

export const doorKey = (eventId: string) => `${PREFIX}${eventId}`;

/** The event ids whose door this storage holds. */
export function heldDoors(storage: Pick<Storage, 'length' | 'key'>): string[] {
  const ids: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const name = storage.key(i);
    if (name?.startsWith(PREFIX)) ids.push(name.slice(PREFIX.length));
  }
  return ids;
}

/** Whether the phone holds this event's door (a roster or marks waiting), so that the page can work without the server. */
export function holdsDoor(storage: Pick<Storage, 'getItem'>, eventId: string): boolean {
  try {
    return storage.getItem(doorKey(eventId)) !== null;
  } catch {
    return false;
  }
}
