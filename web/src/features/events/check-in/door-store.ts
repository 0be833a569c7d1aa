// The check-in page's memory on the organiser's phone: the roster downloaded while online, the scans not yet sent,
// and what the last syncs reported. Kept in localStorage per event, so the page survives the network going away
// for the length of the event (and a reload once it is back). Pure functions over a Storage, tested without a browser.

import { readCheckInCode } from '../../../../../server/src/algorithms/check-in-code';
import { doorKey as key, heldDoors } from './door-key';

export interface RosterItem {
  registrationId: string;
  code: string;
  state: 'pending' | 'waitlisted' | 'registered' | 'cancelled' | 'rejected';
  role: 'participant' | 'speaker';
  name: string;
  child: boolean;
  school: string | null;
  section: string | null;
  checkedInAt: string | null;
  version: number;
}

export interface Roster {
  event: { id: string; title: string; state: string; startsAt: string; endsAt: string };
  fetchedAt: string;
  items: RosterItem[];
}

/** A scan waiting for the network: its code, when it happened, and (for a list mark) the registration ticked. */
export interface QueuedScan {
  code: string;
  scannedAt: string;
}

/** What the last syncs said that the organiser should see: a person let in by another phone first, an unknown code. */
export interface SyncNote {
  code: string;
  name: string | null;
  kind: 'already' | 'unknown' | 'not_registered';
  checkedInAt: string | null;
}

export interface DoorState {
  roster: Roster | null;
  queue: QueuedScan[];
  notes: SyncNote[];
  lastSyncAt: string | null;
}

const EMPTY: DoorState = { roster: null, queue: [], notes: [], lastSyncAt: null };

export function loadDoor(storage: Pick<Storage, 'getItem'>, eventId: string): DoorState {
  try {
    const raw = storage.getItem(key(eventId));
    if (!raw) return EMPTY;
    const parsed = JSON.parse(raw) as Partial<DoorState>;
    return { roster: parsed.roster ?? null, queue: parsed.queue ?? [], notes: parsed.notes ?? [], lastSyncAt: parsed.lastSyncAt ?? null };
  } catch {
    return EMPTY;
  }
}

export function saveDoor(storage: Pick<Storage, 'setItem'>, eventId: string, state: DoorState): void {
  try {
    storage.setItem(key(eventId), JSON.stringify(state));
  } catch {
    // A full storage keeps the state in memory for this page; the queue is still sent while the page is open.
  }
}

/** How long after its end an event's roster stays on the phone: the organiser may still look at who came. */
export const DOOR_KEPT_AFTER_END_MS = 24 * 3_600_000;

/**
 * Forgets the doors of events that ended more than a day ago (and any holding neither a roster nor marks) — the
 * roster names people, and the phone keeps it only for the door — unless marks still wait to be sent: those stay
 * until the server has them.
 */
export function forgetEndedDoors(storage: Pick<Storage, 'length' | 'key' | 'getItem' | 'removeItem'>, now: Date): string[] {
  const forgotten: string[] = [];
  for (const eventId of heldDoors(storage)) {
    const { roster, queue } = loadDoor(storage, eventId);
    const over = !roster || Date.parse(roster.event.endsAt) + DOOR_KEPT_AFTER_END_MS < now.getTime();
    if (queue.length === 0 && over) forgotten.push(eventId);
  }
  for (const eventId of forgotten) storage.removeItem(key(eventId));
  return forgotten;
}

/**
 * Signing out: every door forgets its roster and notes (names of people); a door with marks still waiting keeps just
 * those codes and times, sent once an organiser signs in and opens the page again, and an idle door is gone.
 */
export function forgetDoorPeople(storage: Pick<Storage, 'length' | 'key' | 'getItem' | 'setItem' | 'removeItem'>): void {
  for (const eventId of heldDoors(storage)) {
    const { queue } = loadDoor(storage, eventId);
    if (queue.length) saveDoor(storage, eventId, { ...EMPTY, queue });
    else storage.removeItem(key(eventId));
  }
}

/** A bare code or the QR's address, read the same way as the server reads it. */
export const readCode = readCheckInCode;

/** What the phone says at once about a scan, before (or without) asking the server. */
export type LocalOutcome =
  | { kind: 'queued'; code: string; item: RosterItem | null }
  | { kind: 'already'; code: string; item: RosterItem; checkedInAt: string; onThisPhone: boolean }
  | { kind: 'not_registered'; code: string; item: RosterItem }
  | { kind: 'unknown'; code: string }
  | { kind: 'other_event' }
  | { kind: 'unreadable' };

/**
 * A scan judged against the roster the phone holds: a known registered person not yet in is queued and shown as let
 * in; someone already in (by the server's roster or this phone's queue) is not queued again. Without a roster every
 * readable code is queued, and the server decides when the phone is back online.
 */
export function scan(state: DoorState, eventId: string, input: string, now: Date): { state: DoorState; outcome: LocalOutcome } {
  const read = readCode(input, eventId);
  if (!read) return { state, outcome: { kind: 'unreadable' } };
  if ('otherEvent' in read) return { state, outcome: { kind: 'other_event' } };
  const { code } = read;
  const item = state.roster?.items.find((i) => i.code === code) ?? null;
  const queued = state.queue.find((q) => q.code === code);
  if (state.roster && !item) return { state, outcome: { kind: 'unknown', code } };
  if (item && item.state !== 'registered') return { state, outcome: { kind: 'not_registered', code, item } };
  if (item && (item.checkedInAt || queued)) {
    return { state, outcome: { kind: 'already', code, item, checkedInAt: queued?.scannedAt ?? item.checkedInAt!, onThisPhone: !!queued } };
  }
  if (queued) return { state, outcome: { kind: 'queued', code, item } };
  return { state: { ...state, queue: [...state.queue, { code, scannedAt: now.toISOString() }] }, outcome: { kind: 'queued', code, item } };
}

/** The server's answer to one scan of the batch. */
export type ServerOutcome =
  | { code: string; outcome: 'checked_in'; registrationId: string; name: string; checkedInAt: string }
  | { code: string; outcome: 'already'; registrationId: string; name: string; checkedInAt: string; byYou: boolean }
  | { code: string; outcome: 'not_registered'; registrationId: string; name: string; state: string }
  | { code: string; outcome: 'unknown' };

/**
 * Folds the server's answers to a sent batch into the state: the sent scans leave the queue, the roster takes the
 * server's times (the first phone's, when another phone was first), and what the organiser should know becomes a note.
 */
export function applySync(state: DoorState, sent: QueuedScan[], outcomes: ServerOutcome[], now: Date): DoorState {
  const sentCodes = new Set(sent.map((s) => `${s.code}@${s.scannedAt}`));
  const times = new Map<string, string>();
  const notes: SyncNote[] = [];
  for (const o of outcomes) {
    if (o.outcome === 'checked_in') times.set(o.code, o.checkedInAt);
    else if (o.outcome === 'already') {
      // Someone was first — another phone, or this account on another phone (a replay of our own scan answers checked_in).
      times.set(o.code, o.checkedInAt);
      notes.push({ code: o.code, name: o.name, kind: 'already', checkedInAt: o.checkedInAt });
    } else notes.push({ code: o.code, name: 'name' in o ? o.name : null, kind: o.outcome, checkedInAt: null });
  }
  return {
    roster: state.roster && { ...state.roster, items: state.roster.items.map((i) => (times.has(i.code) ? { ...i, checkedInAt: times.get(i.code)! } : i)) },
    queue: state.queue.filter((q) => !sentCodes.has(`${q.code}@${q.scannedAt}`)),
    notes: [...notes, ...state.notes].slice(0, 50),
    lastSyncAt: now.toISOString(),
  };
}

/** A fresh roster from the server, keeping this phone's queued scans shown as let in. */
export function withRoster(state: DoorState, roster: Roster): DoorState {
  return { ...state, roster };
}

/** How many are in: by the server's roster, plus the queued scans of people it does not yet count. */
export function countIn(state: DoorState): { inside: number; registered: number } {
  const items = state.roster?.items.filter((i) => i.state === 'registered') ?? [];
  const queued = new Set(state.queue.map((q) => q.code));
  return { inside: items.filter((i) => i.checkedInAt || queued.has(i.code)).length, registered: items.length };
}
