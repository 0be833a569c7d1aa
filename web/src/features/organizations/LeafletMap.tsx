import { useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MapItem, Region } from '../../shared/api/types';
import { kindColor } from './labels';

/** What a marker needs. Kind and statuses colour and size it unless the map is given its own colours. */
export type MapMarker = Pick<MapItem, 'id' | 'shortName' | 'lat' | 'lon'> & Partial<Pick<MapItem, 'kind' | 'statuses'>>;

export interface OrgMapProps<T extends MapMarker> {
  items: T[];
  region: Region;
  height: number | string;
  /** zoom to the markers whenever they change */
  fitToItems?: boolean;
  /** a single organisation's map on its card: no popups, closer zoom */
  single?: boolean;
  /** accessible name of the map region */
  label?: string;
  /** a marker's fill colour; by default the colour of the organisation's kind */
  markerColor?: (item: T) => string;
  /** the popup's line under the name; by default the organisation's kind */
  describe?: (item: T) => string;
  /** where a marker's popup leads; by default the organisation's card */
  linkTo?: (item: T) => string;
  /** a place picker: a click on the map gives its point (the form shows it as the single marker) */
  onPick?: (point: { lat: number; lon: number }) => void;
}

/**
 * Organisations as circle markers on a Leaflet map. No image icons; the tile layer comes from
 * /api/region and the markers stay visible when tiles cannot load.
 */
export function LeafletMap<T extends MapMarker>({ items, region, height, fitToItems = true, single = false, label, markerColor, describe, linkTo, onPick }: OrgMapProps<T>) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const navigateRef = useRef(navigate);
  navigateRef.current = navigate;
  const tRef = useRef(t);
  tRef.current = t;
  // read when markers are drawn: an inline function must not redraw and refit the map on every render
  const markerColorRef = useRef(markerColor);
  markerColorRef.current = markerColor;
  const describeRef = useRef(describe);
  describeRef.current = describe;
  const linkToRef = useRef(linkTo);
  linkToRef.current = linkTo;
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;

  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const markersRef = useRef<L.FeatureGroup | null>(null);
  const [tilesFailed, setTilesFailed] = useState(false);

  // create the map once
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const map = L.map(el, {
      center: [region.centerLat, region.centerLon],
      zoom: region.zoom,
      scrollWheelZoom: false,
      zoomControl: false,
    });
    L.control.zoom({ zoomInTitle: tRef.current('map.zoomIn'), zoomOutTitle: tRef.current('map.zoomOut') }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    // wheel zoom only after the user has engaged with the map, so the page scrolls normally
    map.on('click focus', () => map.scrollWheelZoom.enable());
    map.on('blur', () => map.scrollWheelZoom.disable());
    map.on('click', (e: L.LeafletMouseEvent) => onPickRef.current?.({ lat: round(e.latlng.lat), lon: round(e.latlng.lng) }));
    markersRef.current = L.featureGroup().addTo(map);
    mapRef.current = map;

    const ro = new ResizeObserver(() => map.invalidateSize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      map.remove();
      mapRef.current = null;
      markersRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // tiles from the region's configuration
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    setTilesFailed(false);
    if (!region.tileUrl) {
      setTilesFailed(true);
      return;
    }
    const tiles = L.tileLayer(region.tileUrl, {
      // Leaflet writes attributions as HTML: the configured one goes in escaped, to show as the text it is
      attribution: textElement(region.tileAttribution).innerHTML,
      maxZoom: 19,
      crossOrigin: false,
    });
    let failures = 0;
    tiles.on('tileerror', () => {
      failures += 1;
      if (failures >= 2) setTilesFailed(true);
    });
    tiles.on('tileload', () => {
      failures = 0;
      setTilesFailed(false);
    });
    tiles.addTo(map);
    return () => {
      tiles.remove();
    };
  }, [region.tileUrl, region.tileAttribution]);

  // markers
  useEffect(() => {
    const map = mapRef.current;
    const group = markersRef.current;
    if (!map || !group) return;
    group.clearLayers();
    for (const item of items) {
      if (item.lat == null || item.lon == null) continue;
      const isBase = item.statuses?.includes('base_school');
      const marker = L.circleMarker([item.lat, item.lon], {
        radius: single ? 10 : isBase ? 8 : 6,
        color: '#ffffff',
        weight: isBase ? 2.5 : 1.5,
        fillColor: markerColorRef.current ? markerColorRef.current(item) : kindColor(item.kind ?? ''),
        fillOpacity: 0.92,
        className: item.kind ? `orbita-marker orbita-marker-${item.kind}` : 'orbita-marker',
      });
      const name = item.shortName || '—';
      // an element, not a string: Leaflet would insert a string as HTML, and names come from users and imports
      marker.bindTooltip(textElement(name), { direction: 'top', offset: [0, -6] });
      if (!single) {
        marker.bindPopup(() => popupContent(item, name));
      }
      group.addLayer(marker);
    }
    if (single && items[0]) {
      // a picked point keeps the zoom the person chose; a card opens close
      map.setView([items[0].lat, items[0].lon], onPickRef.current ? Math.max(map.getZoom(), 13) : 15);
    } else if (fitToItems && group.getLayers().length > 0) {
      const bounds = group.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [28, 28], maxZoom: 14 });
    } else if (fitToItems) {
      map.setView([region.centerLat, region.centerLon], region.zoom);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items, single, fitToItems]);

  function popupContent(item: T, name: string): HTMLElement {
    const root = document.createElement('div');
    const a = document.createElement('a');
    const href = linkToRef.current ? linkToRef.current(item) : `/organizations/${encodeURIComponent(item.id)}`;
    a.href = href;
    a.textContent = name;
    a.addEventListener('click', (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigateRef.current(href);
    });
    const kind = document.createElement('div');
    kind.className = 'orbita-map-popup-kind';
    kind.textContent = describeRef.current ? describeRef.current(item) : item.kind ? tRef.current(`kinds.${item.kind}`) : '';
    root.append(a, kind);
    return root;
  }

  return (
    // its own stacking context: the notice stays above the map but under dialogs
    <div style={{ position: 'relative', zIndex: 0 }}>
      <div
        ref={containerRef}
        className="orbita-map"
        style={{ height, cursor: onPick ? 'crosshair' : undefined }}
        role="region"
        aria-label={label ?? t('map.label')}
        data-testid="org-map"
      />
      {tilesFailed && (
        <div className="orbita-map-notice" role="note">
          {t('map.tilesUnavailable')}
        </div>
      )}
    </div>
  );
}

/** Six decimals: some ten centimetres, more than an address needs. */
const round = (value: number) => Math.round(value * 1e6) / 1e6;

function textElement(text: string): HTMLElement {
  const element = document.createElement('span');
  element.textContent = text;
  return element;
}
