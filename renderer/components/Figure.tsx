// A card around a chart or the map: a heading, the graphic, and PNG/SVG download buttons.
// A graphic shows its tables' numbers unprotected, so its download goes through the one
// way out with those tables (`sources`): confirmed when they hold small counts, and audited.
import { useRef, useState, type ReactNode } from 'react';
import type { TableModel } from '../../shared/tables/model';
import { useWayOut } from '../app/use-way-out';
import { useLanguage } from '../i18n/i18n';
import { pngBytes, svgBytes } from './download-graphic';

interface Props {
  title: string;
  /** Base of the downloaded file's name. */
  name: string;
  description?: string;
  children: ReactNode;
  controls?: ReactNode;
  /** The tables the graphic is drawn from (null while one is still being built). */
  sources: readonly (TableModel | null)[];
}

export function Figure({ title, name, description, children, controls, sources }: Props) {
  const { send, dialog } = useWayOut();
  const { t } = useLanguage();
  const body = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState('');

  async function download(format: 'png' | 'svg') {
    const svg = body.current?.querySelector('svg.figure-graphic, svg.recharts-surface');
    if (!(svg instanceof SVGSVGElement)) return;
    const models = sources.filter((model): model is TableModel => model !== null);
    if (models.length === 0) return;
    try {
      const bytes = format === 'svg' ? svgBytes(svg) : await pngBytes(svg);
      setStatus(await send({ way: 'chart', models, view: null, disclosure: { method: 'none' }, target: { kind: 'graphic' }, graphic: { bytes, format }, fileName: name }));
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <figure className="card figure" aria-label={title}>
      <div className="figure-head">
        <h2 className="figure-title">{title}</h2>
        <div className="figure-tools">
          {controls}
          <button type="button" className="secondary small" onClick={() => void download('png')} aria-label={t('downloadChart', { format: 'PNG' })}>{t('downloadPng')}</button>
          <button type="button" className="secondary small" onClick={() => void download('svg')} aria-label={t('downloadChart', { format: 'SVG' })}>{t('downloadSvg')}</button>
        </div>
      </div>
      {description !== undefined && <p className="figure-description">{description}</p>}
      <div ref={body} className="figure-body">{children}</div>
      <span role="status" className="grid-status">{status}</span>
      {dialog}
    </figure>
  );
}
