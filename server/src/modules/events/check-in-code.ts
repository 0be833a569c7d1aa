/** The prefix of what a registration's QR code carries: the check-in page of the event, the code in its fragment. */
export const checkInPath = (eventId: string) => `/events/${eventId}/check-in`;

export { readCheckInCode } from '../../algorithms/check-in-code';
