/**
 * What features keep on the device about other people (the door's roster of names) and must forget when its user signs
 * out: the device may be shared. Each feature registers its own forgetting; `signOut` runs them all.
 */
const forgettings = new Set<() => void | Promise<void>>();

export function forgetOnSignOut(forget: () => void | Promise<void>): void {
  forgettings.add(forget);
}

/** Runs every registered forgetting; one that fails does not stop the others. */
export async function forgetSignedOutData(): Promise<void> {
  await Promise.allSettled([...forgettings].map(async (forget) => forget()));
}
