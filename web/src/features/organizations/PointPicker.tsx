import { Button, Grid, NumberInput, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRegion } from '../../shared/api/queries';
import { OrgMap } from './OrgMap';

type Coordinate = number | string;

interface PointPickerProps {
  /** '' while not given */
  lat: Coordinate;
  lon: Coordinate;
  onChange: (lat: Coordinate, lon: Coordinate) => void;
  /** what the marker's tooltip says (the address, say) */
  title?: string;
  latError?: string;
  lonError?: string;
  height?: number;
}

const given = (value: Coordinate): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * A place on the map for a form: a click on the region's map (the same lazy Leaflet map as the registry's) puts the
 * point, and the latitude and longitude can be typed too, so it works without a mouse or without map tiles.
 */
export function PointPicker({ lat, lon, onChange, title, latError, lonError, height = 280 }: PointPickerProps) {
  const { t } = useTranslation();
  const region = useRegion();
  const point = given(lat) && given(lon) ? { id: 'point', shortName: title || t('map.picked'), lat, lon } : null;
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('map.pickLabel')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('map.pickHint')}
      </Text>
      {region.data ? (
        <OrgMap
          items={point ? [point] : []}
          region={region.data}
          height={height}
          single={!!point}
          fitToItems={!point}
          label={t('map.pickLabel')}
          markerColor={() => '#1c7ed6'}
          onPick={(p) => onChange(p.lat, p.lon)}
        />
      ) : (
        <Skeleton height={height} radius="md" aria-hidden />
      )}
      <Grid gap="sm" align="flex-end">
        <Grid.Col span={{ base: 6, sm: 4 }}>
          <NumberInput label={t('map.lat')} value={lat} onChange={(value) => onChange(value, lon)} min={-90} max={90} decimalScale={6} hideControls error={latError} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 4 }}>
          <NumberInput label={t('map.lon')} value={lon} onChange={(value) => onChange(lat, value)} min={-180} max={180} decimalScale={6} hideControls error={lonError} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Button variant="default" onClick={() => onChange('', '')} disabled={lat === '' && lon === ''}>
            {t('map.clearPoint')}
          </Button>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
