import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, NetworkError } from '../../../shared/api/client';
import { checkInApi } from './api';
import { type DoorState, type LocalOutcome, applySync, loadDoor, saveDoor, scan, withRoster } from './door-store';

const BATCH = 500;
const REFRESH_MS = 20_000;

export type Connection = 'online' | 'offline';

/**
 * The door's state for one event: the roster and queue kept on the phone, whether the network answers, and the
 * loop that sends the queue and refreshes the roster whenever it does (at once on «online», else every 20 s).
 */
export function useDoor(eventId: string) {
  const [state, setState] = useState<DoorState>(() => loadDoor(localStorage, eventId));
  const [connection, setConnection] = useState<Connection>(() => (navigator.onLine ? 'online' : 'offline'));
  const [syncing, setSyncing] = useState(false);
  const [fatal, setFatal] = useState<unknown>(null);
  const stateRef = useRef(state);
  const busy = useRef(false);

  const update = useCallback(
    (next: (previous: DoorState) => DoorState) => {
      const value = next(stateRef.current);
      stateRef.current = value;
      saveDoor(localStorage, eventId, value);
      setState(value);
    },
    [eventId],
  );

  const failed = useCallback((error: unknown) => {
    if (error instanceof NetworkError) setConnection('offline');
    else if (error instanceof ApiError && (error.status === 403 || error.status === 404 || error.status === 401)) setFatal(error);
  }, []);

  /** Sends what waits, then takes a fresh roster; one run at a time. */
  const sync = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      while (stateRef.current.queue.length) {
        const sent = stateRef.current.queue.slice(0, BATCH);
        setSyncing(true);
        const { outcomes } = await checkInApi.sync(eventId, sent);
        update((previous) => applySync(previous, sent, outcomes, new Date()));
        setConnection('online');
      }
      const roster = await checkInApi.roster(eventId);
      update((previous) => ({ ...withRoster(previous, roster), lastSyncAt: previous.queue.length ? previous.lastSyncAt : new Date().toISOString() }));
      setConnection('online');
      setFatal(null);
    } catch (error) {
      failed(error);
    } finally {
      busy.current = false;
      setSyncing(false);
    }
  }, [eventId, update, failed]);

  useEffect(() => {
    const goOnline = () => {
      setConnection('online');
      void sync();
    };
    const goOffline = () => setConnection('offline');
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    void sync();
    const timer = window.setInterval(() => {
      if (navigator.onLine) void sync();
    }, REFRESH_MS);
    return () => {
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
      window.clearInterval(timer);
    };
  }, [sync]);

  /** A scan or a typed code: judged on the phone at once, queued, and sent when the network answers. */
  const checkIn = useCallback(
    (input: string): LocalOutcome => {
      const result = scan(stateRef.current, eventId, input, new Date());
      if (result.state !== stateRef.current) update(() => result.state);
      if (result.outcome.kind === 'queued' && navigator.onLine) void sync();
      return result.outcome;
    },
    [eventId, update, sync],
  );

  /** Taking a wrong mark off is done online only: the server's mark may have come from another phone. */
  const unmark = useCallback(
    async (registrationId: string) => {
      const answer = await checkInApi.mark(eventId, registrationId, false);
      update((previous) => ({
        ...previous,
        roster: previous.roster && { ...previous.roster, items: previous.roster.items.map((i) => (i.registrationId === registrationId ? { ...i, checkedInAt: answer.checkedInAt } : i)) },
      }));
    },
    [eventId, update],
  );

  return { state, connection, syncing, fatal, checkIn, unmark, sync };
}
