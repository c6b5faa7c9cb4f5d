// Exports the sequence diagram for slides: an SVG with its computed styles
// written inline (the page's CSS variables do not travel with the file) and a
// PNG drawn from that SVG at twice the size.

import { downloadBlob } from '../ui/download';

const styledProperties = [
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'font-family',
  'font-size',
  'font-weight',
  'opacity',
] as const;

/** Returns a standalone copy of `svg` whose look no longer depends on the page's stylesheet. */
export function serializeStandaloneSvg(svg: SVGSVGElement, background: string): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const sourceNodes = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const copyNodes = [copy, ...Array.from(copy.querySelectorAll('*'))];

  sourceNodes.forEach((node, index) => {
    const target = copyNodes[index] as SVGElement | undefined;
    if (!target) return;
    const computed = getComputedStyle(node);
    // Set through the CSSOM: a style attribute string would break the page's CSP (style-src 'self').
    for (const property of styledProperties) {
      target.style.setProperty(property, computed.getPropertyValue(property));
    }
    target.removeAttribute('class');
    target.removeAttribute('tabindex');
  });

  const [, , width, height] = (svg.getAttribute('viewBox') ?? '0 0 640 400').split(' ').map(Number);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const backdrop = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  backdrop.setAttribute('width', '100%');
  backdrop.setAttribute('height', '100%');
  backdrop.setAttribute('fill', background);
  copy.insertBefore(backdrop, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

export function exportSvg(svg: SVGSVGElement, fileName: string, background: string): void {
  const text = serializeStandaloneSvg(svg, background);
  downloadBlob(new Blob([text], { type: 'image/svg+xml' }), `${fileName}.svg`);
}

export async function exportPng(
  svg: SVGSVGElement,
  fileName: string,
  background: string,
): Promise<void> {
  const text = serializeStandaloneSvg(svg, background);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth * scale;
    canvas.height = image.naturalHeight * scale;
    const context = canvas.getContext('2d');
    if (!context)
      throw new Error('This browser cannot draw to a canvas, so the PNG export is unavailable.');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The browser could not encode the PNG.');
    downloadBlob(blob, `${fileName}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
