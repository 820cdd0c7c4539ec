/**
 * How the tests and the bench start Chromium: Debian's package (no browser downloads on our machines),
 * overridable with CHROMIUM_PATH, headless without background traffic, WebGL in software (SwiftShader).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];
