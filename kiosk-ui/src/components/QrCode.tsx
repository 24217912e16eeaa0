import { useMemo } from 'react';
import QRCode from 'qrcode';

interface Props {
  value: string;
  /** The accessible name: what the code is for. */
  label: string;
}

/** A QR code drawn as one SVG path, black on white with the quiet zone, in every colour mode. */
export function QrCode({ value, label }: Props) {
  const { size, path } = useMemo(() => {
    const { modules } = QRCode.create(value, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let y = 0; y < modules.size; y += 1) {
      for (let x = 0; x < modules.size; x += 1) {
        if (modules.data[y * modules.size + x]) d += `M${x + 4} ${y + 4}h1v1h-1z`;
      }
    }
    return { size: modules.size + 8, path: d };
  }, [value]);
  return (
    <svg className="qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} data-value={value} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
