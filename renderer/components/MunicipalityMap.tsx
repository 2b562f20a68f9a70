// Choropleth of the Netherlands by municipality. Hover or focus a municipality to see its
// figures; municipalities with a value are in the Tab order. Colour classes come with a
// legend and every figure is also in the table below the map (no colour-only information).
import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import { formatCount, formatDecimal } from '../../shared/format/index';
import { useLanguage } from '../i18n/i18n';
import { CLASS_COLOURS, EMPTY_COLOUR, classBounds, colourFor } from './map-classes';
import { availableYears, loadMapGeometry, MAP_HEIGHT, MAP_WIDTH, nearestYear, type MapGeometry } from './map-data';

export interface MunicipalityFigures {
  name: string;
  personen: number;
  personen_ingezien: number;
  inzagen: number;
  persoonsdagen: number;
}

export type MapMeasure = 'personen' | 'personen_ingezien' | 'persoonsdagen';

/** Pointer position relative to the map box, where the tooltip is placed. */
function pointer(event: MouseEvent<SVGPathElement>): { x: number; y: number } {
  const canvas = event.currentTarget.closest('.map-canvas')?.getBoundingClientRect();
  return { x: event.clientX - (canvas?.left ?? 0), y: event.clientY - (canvas?.top ?? 0) };
}

interface Props {
  year: number;
  figures: ReadonlyMap<string, MunicipalityFigures>;
  measure: MapMeasure;
  measureLabel: string;
  /** Called when a municipality with figures is clicked or chosen with Enter (the breach drill-down). */
  onSelect?: (code: string) => void;
  selected?: string | null;
}

export function MunicipalityMap({ year, figures, measure, measureLabel, onSelect, selected = null }: Props) {
  const { t } = useLanguage();
  const [geometry, setGeometry] = useState<MapGeometry | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState<{ code: string; name: string; x: number; y: number } | null>(null);
  const usedYear = useMemo(() => nearestYear(year, availableYears()), [year]);

  useEffect(() => {
    if (usedYear === null) return;
    let current = true;
    loadMapGeometry(usedYear).then(
      (loaded) => current && setGeometry(loaded),
      (caught: unknown) => current && setError(caught instanceof Error ? caught.message : String(caught)),
    );
    return () => {
      current = false;
    };
  }, [usedYear]);

  const valueOf = (code: string) => figures.get(code)?.[measure] ?? 0;
  const bounds = classBounds(Array.from(figures.values(), (f) => f[measure]), measure === 'persoonsdagen');
  const format = (value: number) => (measure === 'persoonsdagen' ? formatDecimal(value, 1) : formatCount(value));

  if (error !== null) return <p className="note" role="note">{error}</p>;
  if (geometry === null) return <p className="muted">{t('mapLoading')}</p>;

  const activeFigures = active === null ? undefined : figures.get(active.code);
  const withData = geometry.shapes.filter((shape) => valueOf(shape.code) > 0);
  const withoutData = geometry.shapes.filter((shape) => valueOf(shape.code) <= 0);

  return (
    <div className="map">
      {usedYear !== year && <p className="note" role="note">{t('mapYearFallback', { wanted: year, used: usedYear ?? '' })}</p>}
      <p className="muted small">{t('mapKeyboardHint')}</p>
      <div className="map-canvas" onMouseLeave={() => setActive(null)}>
        <svg
          className="figure-graphic"
          viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
          role="group"
          aria-label={`${t('mapTitle')}: ${measureLabel}`}
        >
          <g aria-hidden="true">
            {withoutData.map((shape) => (
              <path
                key={shape.code}
                d={shape.path}
                fill={EMPTY_COLOUR}
                stroke="#ffffff"
                strokeWidth={0.6}
                data-code={shape.code}
                onMouseMove={(event) => setActive({ code: shape.code, name: shape.name, ...pointer(event) })}
              />
            ))}
          </g>
          <g>
            {withData.map((shape) => {
              const value = valueOf(shape.code);
              return (
                <path
                  key={shape.code}
                  d={shape.path}
                  fill={colourFor(value, bounds)}
                  stroke={active?.code === shape.code || selected === shape.code ? '#e17000' : '#ffffff'}
                  strokeWidth={active?.code === shape.code || selected === shape.code ? 2 : 0.6}
                  tabIndex={0}
                  role="img"
                  aria-label={`${shape.name}: ${format(value)} ${measureLabel.toLowerCase()}`}
                  data-code={shape.code}
                  className="map-area"
                  onMouseMove={(event) => setActive({ code: shape.code, name: shape.name, ...pointer(event) })}
                  onFocus={(event) => {
                    const box = event.currentTarget.getBoundingClientRect();
                    const canvas = event.currentTarget.closest('.map-canvas')?.getBoundingClientRect();
                    setActive({ code: shape.code, name: shape.name, x: box.right - (canvas?.left ?? 0), y: box.top - (canvas?.top ?? 0) });
                  }}
                  onBlur={() => setActive(null)}
                  onClick={onSelect === undefined ? undefined : () => onSelect(shape.code)}
                  onKeyDown={onSelect === undefined ? undefined : (event) => {
                    if (event.key !== 'Enter' && event.key !== ' ') return;
                    event.preventDefault();
                    onSelect(shape.code);
                  }}
                />
              );
            })}
          </g>
        </svg>
        {active !== null && (
          <div className="map-tooltip" role="tooltip" style={{ left: active.x + 14, top: active.y + 8 }} data-testid="map-tooltip">
            <strong>{active.name}</strong> <span className="mono muted">{active.code}</span>
            {activeFigures === undefined ? (
              <p>{t('tooltipNone')}</p>
            ) : (
              <dl>
                <div><dt>{t('tooltipPersonen')}</dt><dd>{formatCount(activeFigures.personen)}</dd></div>
                <div><dt>{t('tooltipIngezien')}</dt><dd>{formatCount(activeFigures.personen_ingezien)}</dd></div>
                <div><dt>{t('tooltipInzagen')}</dt><dd>{formatCount(activeFigures.inzagen)}</dd></div>
                <div><dt>{t('tooltipPersoonsdagen')}</dt><dd>{formatDecimal(activeFigures.persoonsdagen, 1)}</dd></div>
              </dl>
            )}
          </div>
        )}
      </div>
      <div className="legend" aria-label={t('mapLegend')} role="group">
        <span className="legend-title">{measureLabel}</span>
        <span className="legend-item"><span className="swatch" style={{ background: EMPTY_COLOUR }} />{t('mapNoData')}</span>
        {bounds.map((bound, index) => (
          <span key={bound} className="legend-item">
            <span className="swatch" style={{ background: CLASS_COLOURS[index] }} />
            {index === 0 ? `${measure === 'persoonsdagen' ? formatDecimal(0.1, 1) : '1'} – ${format(bound)}` : `${format((bounds[index - 1] ?? 0) + (measure === 'persoonsdagen' ? 0.1 : 1))} – ${format(bound)}`}
          </span>
        ))}
      </div>
    </div>
  );
}
