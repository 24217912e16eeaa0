/** The part of the "qrcode" package the kiosk uses: the module matrix, drawn by QrCode.tsx as SVG. */
declare module 'qrcode' {
  export interface QRCodeOptions {
    errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
  }
  export interface QRCode {
    modules: { size: number; data: Uint8Array };
  }
  export function create(text: string, options?: QRCodeOptions): QRCode;
  const _default: { create: typeof create };
  export default _default;
}
