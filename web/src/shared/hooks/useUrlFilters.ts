import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useUrlSearch } from './useUrlSearch';

/**
 * A list page's filters kept in the URL, so a filtered list can be linked and survives a reload:
 * `filters` parsed from the URL, `update` to change some of them (any change but the page's own
 * starts again from page 1, and drops a list's `cursor`), `replaceAll` to put a whole new set (a reset), and `search`, the
 * page's search box over `q` (see useUrlSearch).
 */
export function useUrlFilters<F extends { q: string; page: number; cursor?: string | null }>(parse: (params: URLSearchParams) => F, toSearch: (filters: F) => URLSearchParams) {
  const [searchParams, setSearchParams] = useSearchParams();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const filters = useMemo(() => parse(searchParams), [searchParams]);
  const update = (patch: Partial<F>, opts: { replace?: boolean } = {}) => {
    const next = { ...filters, ...patch };
    if (!('page' in patch)) {
      next.page = 1;
      if ('cursor' in next) next.cursor = null;
    }
    setSearchParams(toSearch(next), { replace: opts.replace });
  };
  const search = useUrlSearch(filters.q, (q, replace) => update({ q } as Partial<F>, { replace }));
  const replaceAll = (params: URLSearchParams) => setSearchParams(params);
  return { filters, update, search, replaceAll };
}
