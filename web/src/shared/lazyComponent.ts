import { lazy, type ComponentType } from 'react';

/**
 * A component loaded with its own chunk the first time it is shown, so the first visit downloads only the shell.
 * `lazyComponent(() => import('./RegistryPage'), 'RegistryPage')` takes the module's named export (our modules have no default exports).
 * Pages render inside the layout's Suspense (see App.tsx), which shows a loader while the chunk arrives.
 */
// any props: each component declares its own
export function lazyComponent<M extends Record<K, ComponentType<any>>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
