/** Filled by the notifications area: the header bell with the unread count and the latest messages. */
export function NotificationBell() {
  return null;
}
