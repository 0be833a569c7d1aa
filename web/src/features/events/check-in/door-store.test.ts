import { describe, expect, it } from 'vitest';
import { holdsDoor } from './door-key';
import { type DoorState, type Roster, applySync, countIn, forgetDoorPeople, forgetEndedDoors, loadDoor, readCode, saveDoor, scan } from './door-store';

const EVENT = '11111111-2222-3333-4444-555555555555';
const roster: Roster = {
  event: { id: EVENT, title: 'Семинар', state: 'published', startsAt: '2026-12-07T06:00:00Z', endsAt: '2026-12-07T10:00:00Z' },
  fetchedAt: '2026-12-07T06:00:00Z',
  items: [
    { registrationId: 'r1', code: 'AAA111', state: 'registered', role: 'participant', name: 'Анна', child: false, school: null, section: null, checkedInAt: null, version: 1 },
    { registrationId: 'r2', code: 'BBB222', state: 'registered', role: 'participant', name: 'Борис', child: false, school: null, section: null, checkedInAt: '2026-12-07T06:05:00Z', version: 2 },
    { registrationId: 'r3', code: 'CCC333', state: 'cancelled', role: 'participant', name: 'Вера', child: false, school: null, section: null, checkedInAt: null, version: 1 },
  ],
};
const start: DoorState = { roster, queue: [], notes: [], lastSyncAt: null };
const at = new Date('2026-12-07T06:10:00Z');

describe('the check-in page offline', () => {
  it('reads typed codes and the QR address of this event, and knows another event’s QR', () => {
    expect(readCode(' aaa-111 ', EVENT)).toEqual({ code: 'AAA111' });
    expect(readCode(`https://orbita.example/events/${EVENT}/check-in#code=AAA111`, EVENT)).toEqual({ code: 'AAA111' });
    expect(readCode('https://orbita.example/events/99999999-2222-3333-4444-555555555555/check-in#code=AAA111', EVENT)).toEqual({ otherEvent: true });
    expect(readCode('??', EVENT)).toBeNull();
  });

  it('queues a known person once, refuses unknown and cancelled codes, and says who is already in', () => {
    const first = scan(start, EVENT, 'aaa111', at);
    expect(first.outcome).toMatchObject({ kind: 'queued', item: { name: 'Анна' } });
    expect(first.state.queue).toEqual([{ code: 'AAA111', scannedAt: at.toISOString() }]);
    const again = scan(first.state, EVENT, 'AAA111', new Date(at.getTime() + 1000));
    expect(again.outcome).toMatchObject({ kind: 'already', onThisPhone: true, checkedInAt: at.toISOString() });
    expect(again.state.queue).toHaveLength(1);
    expect(scan(start, EVENT, 'BBB222', at).outcome).toMatchObject({ kind: 'already', onThisPhone: false, checkedInAt: '2026-12-07T06:05:00Z' });
    expect(scan(start, EVENT, 'CCC333', at).outcome.kind).toBe('not_registered');
    expect(scan(start, EVENT, 'ZZZ999', at).outcome.kind).toBe('unknown');
    expect(countIn(first.state)).toEqual({ inside: 2, registered: 2 });
  });

  it('without a roster queues any readable code for the server to judge', () => {
    const { state, outcome } = scan({ ...start, roster: null }, EVENT, 'ZZZ999', at);
    expect(outcome.kind).toBe('queued');
    expect(state.queue).toHaveLength(1);
  });

  it('after a sync empties the queue, takes the server’s time and notes a person another phone let in first', () => {
    const queued = scan(start, EVENT, 'AAA111', at).state;
    const synced = applySync(queued, queued.queue, [{ code: 'AAA111', outcome: 'already', registrationId: 'r1', name: 'Анна', checkedInAt: '2026-12-07T06:09:00Z', byYou: false }], at);
    expect(synced.queue).toEqual([]);
    expect(synced.roster!.items[0].checkedInAt).toBe('2026-12-07T06:09:00Z');
    expect(synced.notes).toEqual([{ code: 'AAA111', name: 'Анна', kind: 'already', checkedInAt: '2026-12-07T06:09:00Z' }]);
    expect(synced.lastSyncAt).toBe(at.toISOString());
  });

  it('keeps a scan made while a batch was on its way', () => {
    const queued = scan(start, EVENT, 'AAA111', at).state;
    const sent = queued.queue;
    const meanwhile = scan({ ...queued, roster: { ...roster, items: roster.items.map((i) => (i.code === 'BBB222' ? { ...i, checkedInAt: null } : i)) } }, EVENT, 'BBB222', at).state;
    const synced = applySync(meanwhile, sent, [{ code: 'AAA111', outcome: 'checked_in', registrationId: 'r1', name: 'Анна', checkedInAt: at.toISOString() }], at);
    expect(synced.queue.map((q) => q.code)).toEqual(['BBB222']);
  });

  it('survives a reload through storage', () => {
    const storage = new Map<string, string>();
    const store = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) };
    const queued = scan(start, EVENT, 'AAA111', at).state;
    saveDoor(store, EVENT, queued);
    expect(loadDoor(store, EVENT)).toEqual(queued);
    expect(loadDoor(store, 'other')).toEqual({ roster: null, queue: [], notes: [], lastSyncAt: null });
  });

  it('forgets an event’s roster a day after its end, but never marks still waiting for the network', () => {
    const storage = memoryStorage();
    const other = '99999999-2222-3333-4444-555555555555';
    saveDoor(storage, EVENT, start);
    saveDoor(storage, other, { ...start, roster: { ...roster, event: { ...roster.event, id: other } }, queue: [{ code: 'AAA111', scannedAt: at.toISOString() }] });
    storage.setItem('orbita.something-else', 'x');
    const end = Date.parse(roster.event.endsAt);
    expect(forgetEndedDoors(storage, new Date(end + 23 * 3_600_000))).toEqual([]);
    expect(holdsDoor(storage, EVENT)).toBe(true);
    expect(forgetEndedDoors(storage, new Date(end + 25 * 3_600_000))).toEqual([EVENT]);
    expect(holdsDoor(storage, EVENT)).toBe(false);
    expect(loadDoor(storage, other).queue).toHaveLength(1);
    expect(storage.getItem('orbita.something-else')).toBe('x');
  });

  it('forgets every roster’s names when its user signs out, keeping only the codes of marks still waiting', () => {
    const storage = memoryStorage();
    const other = '99999999-2222-3333-4444-555555555555';
    saveDoor(storage, EVENT, start);
    const waiting = scan({ ...start, roster: { ...roster, event: { ...roster.event, id: other } } }, other, 'AAA111', at).state;
    saveDoor(storage, other, waiting);
    forgetDoorPeople(storage);
    expect(holdsDoor(storage, EVENT)).toBe(false);
    expect(loadDoor(storage, other)).toEqual({ roster: null, queue: waiting.queue, notes: [], lastSyncAt: null });
    expect(JSON.stringify([...Array(storage.length).keys()].map((i) => storage.getItem(storage.key(i)!)))).not.toContain('Анна');
  });
});

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    clear: () => map.clear(),
  };
}
