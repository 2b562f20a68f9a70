// Turns a chart's or map's SVG into SVG or PNG bytes for saving. PNG goes through an
// <img> of a blob: URL and a canvas, which the CSP allows (img-src blob:).
export function svgBytes(svg: SVGSVGElement): Uint8Array {
  const clone = svg.cloneNode(true);
  if (!(clone instanceof SVGSVGElement)) return new Uint8Array();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = svg.getBoundingClientRect();
  clone.setAttribute('width', String(Math.round(box.width)));
  clone.setAttribute('height', String(Math.round(box.height)));
  // Charts inherit the page font; write it in so the file looks the same elsewhere.
  clone.setAttribute('style', `font-family: ${getComputedStyle(svg).fontFamily}; background: #ffffff`);
  return new TextEncoder().encode(new XMLSerializer().serializeToString(clone));
}

export async function pngBytes(svg: SVGSVGElement, scale = 2): Promise<Uint8Array> {
  const source = svgBytes(svg);
  const box = svg.getBoundingClientRect();
  const url = URL.createObjectURL(new Blob([new Uint8Array(source)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(box.width * scale);
    canvas.height = Math.round(box.height * scale);
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('canvas 2d unavailable');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob === null) throw new Error('PNG encoding failed');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
