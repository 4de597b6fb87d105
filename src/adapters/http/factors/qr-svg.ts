import QRCode from 'qrcode';

/**
 * `text` as a QR code, an SVG drawn on the server, as a `data:` URI for an `<img>`: the pages'
 * Content-Security-Policy allows `data:` images, and the page runs no script to draw it.
 */
export async function qrSvgDataUri(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/** A base32 secret in groups of four, easier to type into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}
