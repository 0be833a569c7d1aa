import { useEffect, useState } from 'react';
import { DOOR_WORKER_SCOPE, DOOR_WORKER_URL } from './door-worker-rules';
import { forgetEndedDoors } from './door-store';

/**
 * Installs the check-in page's service worker (door-worker.ts; in a build only) on each visit — the browser fetches it
 * again and takes a new build's at once — and forgets the rosters of events over for a day. Says whether the page is
 * kept on the phone, i.e. opens again without network.
 */
export function useDoorWorker(): boolean {
  const [kept, setKept] = useState(false);
  useEffect(() => {
    forgetEndedDoors(localStorage, new Date());
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    let live = true;
    navigator.serviceWorker
      .register(DOOR_WORKER_URL, { scope: DOOR_WORKER_SCOPE, updateViaCache: 'none' })
      .then(() => navigator.serviceWorker.ready)
      .then(() => live && setKept(true))
      // Without it the page still works offline while it stays open; only opening it again needs the network.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return kept;
}
