// The CBS municipality boundaries per year (data/geo/, bundled as lazy chunks) turned into
// SVG paths with a Mercator projection fitted to the map's box. Picks the snapshot's year,
// or the nearest year there is (the caller says so on screen).
import { geoMercator, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const TOPOLOGIES = import.meta.glob<string>('../../data/geo/gemeente_*.topojson', { query: '?raw', import: 'default' });

export const MAP_WIDTH = 560;
export const MAP_HEIGHT = 660;

export interface MunicipalityShape {
  code: string;
  name: string;
  path: string;
}

export interface MapGeometry {
  year: number;
  shapes: MunicipalityShape[];
}

export function availableYears(): number[] {
  return Object.keys(TOPOLOGIES)
    .map((path) => Number(/gemeente_(\d{4})\.topojson$/.exec(path)?.[1]))
    .filter((year) => Number.isInteger(year))
    .sort((a, b) => a - b);
}

export function nearestYear(wanted: number, years: readonly number[]): number | null {
  let best: number | null = null;
  for (const year of years) if (best === null || Math.abs(year - wanted) < Math.abs(best - wanted)) best = year;
  return best;
}

interface MunicipalityProperties {
  statcode?: string;
  statnaam?: string;
}

function isTopology(value: unknown): value is Topology<Record<string, GeometryCollection<MunicipalityProperties>>> {
  return typeof value === 'object' && value !== null && 'type' in value && value.type === 'Topology' && 'objects' in value;
}

export async function loadMapGeometry(year: number): Promise<MapGeometry> {
  const entry = Object.entries(TOPOLOGIES).find(([path]) => path.endsWith(`gemeente_${year}.topojson`));
  if (entry === undefined) throw new Error(`no map for ${year}`);
  const parsed: unknown = JSON.parse(await entry[1]());
  if (!isTopology(parsed)) throw new Error(`gemeente_${year}.topojson is not a TopoJSON topology`);
  const object = Object.values(parsed.objects)[0];
  if (object === undefined) throw new Error(`gemeente_${year}.topojson has no objects`);
  const collection = feature(parsed, object);
  const projection = geoMercator().fitSize([MAP_WIDTH, MAP_HEIGHT], collection);
  const path = geoPath(projection);
  const shapes = collection.features.map((f) => ({
    code: f.properties?.statcode ?? '',
    name: f.properties?.statnaam ?? '',
    path: path(f) ?? '',
  }));
  return { year, shapes };
}
