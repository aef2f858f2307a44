// Saves a chart as PNG in the page: the chart's SVG is serialised, drawn onto
// a canvas at twice its size (sharp when printed), and the canvas saved as a
// PNG blob. Nothing leaves the page; the CSP allows blob: images.
import { saveBlob } from '../reports/saveBytes';

const SCALE = 2;

export async function svgToPngBlob(svg: SVGSVGElement): Promise<Blob> {
  const box = svg.getBoundingClientRect();
  const width = Math.ceil(box.width) || Number(svg.getAttribute('width')) || 600;
  const height = Math.ceil(box.height) || Number(svg.getAttribute('height')) || 300;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  // standalone, the SVG no longer inherits the page's font
  clone.setAttribute(
    'style',
    `font-family: ${getComputedStyle(svg).fontFamily}; font-size: 12px; background: #fff`,
  );
  const text = new XMLSerializer().serializeToString(clone);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = width * SCALE;
    canvas.height = height * SCALE;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(SCALE, SCALE);
    ctx.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function saveSvgAsPng(svg: SVGSVGElement, fileName: string): Promise<void> {
  saveBlob(fileName, await svgToPngBlob(svg));
}
