/**
 * The address people open the platform at, for links in letters. It is set once at start-up from the
 * configuration (buildApp, the CLI), so that code which leaves a letter as a side effect — notify() is called
 * from many commands — need not carry the setting through every caller. Commands whose whole purpose is a
 * link (an invitation, a reset) may still take `publicUrl` in their input; both end up in the same address.
 */
let publicUrl = 'http://localhost:3000';

export function setPublicUrl(url: string) {
  publicUrl = url.replace(/\/+$/, '');
}

/** The full address of a path inside the web app: `/children/1` → `https://orbita.example.ru/children/1`. */
export function absoluteUrl(path: string) {
  return `${publicUrl}${path.startsWith('/') ? '' : '/'}${path}`;
}
