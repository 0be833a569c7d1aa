/**
 * Reading a check-in code, the same on the server and on the organiser's phone (the web app imports this file).
 * What the camera read or the organiser typed is a code of this event when it is a bare code (any case, spaces and
 * dashes ignored) or the QR's address `…/events/<id>/check-in#code=<code>`; a QR of another event gives `otherEvent`.
 */
export function readCheckInCode(input: string, eventId: string): { code: string } | { otherEvent: true } | null {
  const text = input.trim();
  const fromUrl = /\/events\/([0-9a-f-]{36})\/check-in#code=([A-Za-z0-9-]+)/i.exec(text);
  if (fromUrl) {
    if (fromUrl[1].toLowerCase() !== eventId.toLowerCase()) return { otherEvent: true };
    return { code: fromUrl[2].replace(/-/g, '').toUpperCase() };
  }
  const bare = text.replace(/[\s-]+/g, '').toUpperCase();
  return /^[A-Z0-9]{4,16}$/.test(bare) ? { code: bare } : null;
}
