// Citizen text is hostile by default: these helpers make it safe to show as plain text in one line or a pane.
// (React already renders strings inertly; this removes what could still mislead a reader or break the layout.)

// C0/C1 controls except tab and newline, plus the bidi embedding/override/isolate marks that can reorder
// what the operator reads (the "Trojan Source" trick) and zero-width joiners used to smuggle text.
// eslint-disable-next-line no-control-regex
const INVISIBLE_OR_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Full text for a detail view: line breaks kept, controls and bidi overrides removed, length capped. */
export function inertText(text: string, maxLength = 200_000): string {
  const clean = text.replace(/\r\n?/g, '\n').replace(INVISIBLE_OR_CONTROL, '');
  return clean.length > maxLength ? `${clean.slice(0, maxLength)}…` : clean;
}

/** One-line excerpt for a grid cell: whitespace collapsed, controls removed, cut at a word where possible. */
export function excerptOf(text: string, maxLength = 240): string {
  const line = text.replace(INVISIBLE_OR_CONTROL, '').replace(/\s+/g, ' ').trim();
  if (line.length <= maxLength) return line;
  const cut = line.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
