// A card around a chart or the map: a heading, the graphic, and PNG/SVG download buttons.
import { useRef, useState, type ReactNode } from 'react';
import { useApp } from '../app/context';
import { saveBytes } from '../app/save';
import { useLanguage } from '../i18n/i18n';
import { pngBytes, svgBytes } from './download-graphic';

interface Props {
  title: string;
  /** Base of the downloaded file's name. */
  name: string;
  description?: string;
  children: ReactNode;
  controls?: ReactNode;
}

export function Figure({ title, name, description, children, controls }: Props) {
  const { host } = useApp();
  const { t } = useLanguage();
  const body = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState('');

  async function download(format: 'png' | 'svg') {
    const svg = body.current?.querySelector('svg.figure-graphic, svg.recharts-surface');
    if (!(svg instanceof SVGSVGElement)) return;
    try {
      const bytes = format === 'svg' ? svgBytes(svg) : await pngBytes(svg);
      const saved = await saveBytes(host, name, format, bytes);
      if (saved !== null) setStatus(t('exported', { path: saved.path }));
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
    </figure>
  );
}
