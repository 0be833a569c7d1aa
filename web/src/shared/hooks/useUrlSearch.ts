import { useEffect, useRef, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';

/**
 * The search box of a list page whose query lives in the URL: the box types freely and the URL
 * follows after a pause (one history entry per search, not per keystroke), and a query that changes
 * in the URL (back, a link) refills the box.
 *
 * `q` is the query in the URL; `push` puts a new one there (`replace`: over the current entry).
 */
export function useUrlSearch(q: string, push: (q: string, replace: boolean) => void) {
  const [text, setText] = useState(q);
  // what this box last put into the URL (or found there)
  const pushed = useRef(q);
  useEffect(() => {
    if (q !== pushed.current) {
      pushed.current = q;
      setText(q);
    }
  }, [q]);
  const [debounced] = useDebouncedValue(text, 350);
  useEffect(() => {
    if (debounced !== pushed.current) {
      const replace = pushed.current !== '' && debounced !== '';
      pushed.current = debounced;
      push(debounced, replace);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  return {
    text,
    setText,
    /** the form's submit: the typed text goes to the URL now, without waiting */
    submit: () => {
      if (text !== q) {
        pushed.current = text;
        push(text, false);
      }
    },
    /** empties the box when the page resets its filters itself (no push of its own) */
    clear: () => {
      pushed.current = '';
      setText('');
    },
  };
}
