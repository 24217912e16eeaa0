/** The part of the "qrcode" package the screens use: the module matrix, drawn as SVG by kiosk-ui QrCode.tsx and counter-ui EntranceQr.tsx. One declaration, included by both apps (tsconfig "include"). */
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
