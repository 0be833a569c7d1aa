import { Fragment } from 'react';

/** A piece of a found text as the server cuts it (platform/search): marked when it is a word the query found. */
export interface HighlightSegment {
  text: string;
  match: boolean;
}

/** Dark text on light yellow: readable inside a link too (a link's own blue on yellow would not be). */
const MARK = { backgroundColor: '#fff0a8', color: '#1a1b1e', borderRadius: 2, padding: '0 1px' } as const;

/**
 * A text with the words a search found marked. The server sends fragments, never HTML, and React escapes
 * each one, so a name such as «<b>» is shown as typed. Without fragments (no query) the plain text.
 */
export function Highlighted({ text, segments }: { text: string; segments?: HighlightSegment[] }) {
  if (!segments?.some((segment) => segment.match)) return <>{text}</>;
  return (
    <>
      {segments.map((segment, index) =>
        segment.match ? (
          <mark key={index} style={MARK}>
            {segment.text}
          </mark>
        ) : (
          <Fragment key={index}>{segment.text}</Fragment>
        ),
      )}
    </>
  );
}

/** Whether any of the fragments is a found word. */
export const hasMatch = (segments?: HighlightSegment[]) => segments?.some((segment) => segment.match) ?? false;
