// The screens government offices have (1280×720 … 1920×1080) at the Windows scalings laptops run (100–150 %), as a
// browser sees them: a 1366×768 screen at 150 % is a 911×512 CSS-pixel viewport drawn at device scale 1.5. One list
// for the fit test (tests/e2e/screen-fit.spec.ts) and the screenshot scripts.
export interface OfficeScreen {
  width: number;
  height: number;
  /** Windows «Масштаб»: 1, 1.25, 1.5. */
  scale: number;
}

export const OFFICE_SIZES = [[1280, 720], [1366, 768], [1440, 900], [1920, 1080]] as const;
export const OFFICE_SCALES = [1, 1.25, 1.5] as const;

export const OFFICE_SCREENS: readonly OfficeScreen[] = OFFICE_SIZES.flatMap(([width, height]) =>
  OFFICE_SCALES.map((scale) => ({ width, height, scale })));

/** «1366×768 @150%». */
export const screenLabel = (screen: OfficeScreen): string =>
  `${screen.width}×${screen.height} @${Math.round(screen.scale * 100)}%`;

/** Playwright's page options for that screen: the CSS-pixel viewport and the device scale. */
export function pageOptionsFor(screen: OfficeScreen): { viewport: { width: number; height: number }; deviceScaleFactor: number } {
  return {
    viewport: { width: Math.floor(screen.width / screen.scale), height: Math.floor(screen.height / screen.scale) },
    deviceScaleFactor: screen.scale,
  };
}

/** Parses «1366x768@1.5» (or «1366x768», scale 1); throws on anything else. */
export function parseScreen(text: string): OfficeScreen {
  const match = /^(\d{3,4})x(\d{3,4})(?:@(\d(?:\.\d+)?))?$/.exec(text);
  if (match === null) throw new Error(`screen «${text}»: expected WIDTHxHEIGHT[@SCALE], e.g. 1366x768@1.5`);
  return { width: Number(match[1]), height: Number(match[2]), scale: Number(match[3] ?? 1) };
}
