import { readableCode } from '../../platform/secret-tokens';

export const CHECK_IN_CODE_LENGTH = 6;

/** A new check-in code: 6 readable characters (about 148 million codes), unique per event (a unique index settles a clash). */
export const newCheckInCode = () => readableCode(CHECK_IN_CODE_LENGTH);

/** The prefix of what a registration's QR code carries: the check-in page of the event, the code in its fragment. */
export const checkInPath = (eventId: string) => `/events/${eventId}/check-in`;

export { readCheckInCode } from '../../algorithms/check-in-code';
