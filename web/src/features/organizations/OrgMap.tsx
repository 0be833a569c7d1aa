import { Suspense } from 'react';
import { Group, Skeleton, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MapItem } from '../../shared/api/types';
import { lazyComponent } from '../../shared/lazyComponent';
import type { MapMarker, OrgMapProps } from './LeafletMap';
import { kindColor } from './labels';

export type { MapMarker } from './LeafletMap';

// Leaflet is the largest library we use: it loads with the first map shown, not with the app.
const LeafletMap = lazyComponent(() => import('./LeafletMap'), 'LeafletMap');

/** Organisations on a map (see LeafletMap); a grey box of the same height holds its place while Leaflet loads. */
export function OrgMap<T extends MapMarker>(props: OrgMapProps<T>) {
  return (
    <Suspense fallback={<Skeleton height={props.height} radius="md" aria-hidden />}>
      <LeafletMap {...(props as unknown as OrgMapProps<MapMarker>)} />
    </Suspense>
  );
}

/** The kinds present on the map with their colours. */
export function MapLegend({ items }: { items: Pick<MapItem, 'kind'>[] }) {
  const { t } = useTranslation();
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  const kinds = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (kinds.length === 0) return null;
  return (
    <Group gap="md" component="ul" aria-label={t('map.legend')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {kinds.map(([kind, n]) => (
        <Group key={kind} gap={6} component="li" wrap="nowrap">
          <span className="orbita-legend-dot" style={{ background: kindColor(kind) }} aria-hidden />
          <Text size="sm">
            {t(`kinds.${kind}`)} <Text span c="dimmed" size="sm">({n})</Text>
          </Text>
        </Group>
      ))}
    </Group>
  );
}
