// Text of the statistics charts (charts.tsx) measured in the page's font: an SVG label neither wraps nor stops at its
// column by itself, so each is laid out here — whole on as many lines as it needs, «…» only past the last allowed.

let measureContext: CanvasRenderingContext2D | null | undefined;
/** Rendered width of `text` in the page's font at `sizePx` (an estimate where no canvas is available). */
export function textWidth(text: string, sizePx: number): number {
  if (measureContext === undefined) {
    measureContext = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  }
  if (!measureContext) return text.length * sizePx * 0.6;
  measureContext.font = `${sizePx}px ${getComputedStyle(document.body).fontFamily}`;
  return measureContext.measureText(text).width;
}

/** `text` cut with «…» to fit `maxPx`. */
export function fitText(text: string, sizePx: number, maxPx: number): string {
  if (textWidth(text, sizePx) <= maxPx) return text;
  let cut = text.length;
  while (cut > 1 && textWidth(`${text.slice(0, cut)}…`, sizePx) > maxPx) cut--;
  return `${text.slice(0, cut)}…`;
}

/**
 * `text` broken at spaces into lines of at most `maxPx` («больше суток» → «больше», «суток» under a narrow column at
 * 150 %, where one line cut it to «больше …»); at most `maxLines`, the last then ending in «…», as does a single word
 * wider than a line.
 */
export function wrapText(text: string, sizePx: number, maxPx: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const joined = line === '' ? word : `${line} ${word}`;
    if (line === '' || textWidth(joined, sizePx) <= maxPx) { line = joined; continue; }
    lines.push(line);
    line = word;
  }
  if (line !== '') lines.push(line);
  const kept = lines.slice(0, maxLines);
  if (lines.length > maxLines) kept[maxLines - 1] = `${kept[maxLines - 1] ?? ''} ${lines.slice(maxLines).join(' ')}`;
  return kept.map((l) => fitText(l, sizePx, maxPx));
}
