// Citizen text is hostile by default: these helpers make it safe to show as plain text in one line or a pane.
// (React already renders strings inertly; this removes what could still mislead a reader or break the layout.)

// C0/C1 controls except tab and newline; the bidi marks, embeddings, overrides and isolates (U+061C, U+200E/F,
// U+202A–202E, U+2066–2069) that can reorder what the operator reads (the "Trojan Source" trick: an author
// «Иван\u202E яаминтсеВ» would show reversed); and the invisible zero-widths used to smuggle or split text
// (U+200B space, U+200C non-joiner, U+2060–2064 word joiner and invisible operators, U+206A–206F deprecated
// format marks, U+FEFF, U+180E). U+200D, the zero-width *joiner*, is not here: see STRAY_JOINER.
// And the soft hyphen U+00AD: text copied from a web page carries one between most syllables («ин\u00ADсу\u00ADлин»),
// invisible unless the line breaks there, yet it split every word for the search and the routing (a probe of
// 5 December: insulin by prescription went to social policy); it is also an invisible base a mark pile can sit on.
// eslint-disable-next-line no-control-regex
const INVISIBLE_OR_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

// U+200D is no direction control: it cannot reorder anything. Between two emoji it is what makes one glyph of a
// sequence (👨‍👩‍👧 a family, 🏳️‍🌈 a flag, 🧑🏽‍💻 with its skin tone): stripping it turned a family into three people.
// Anywhere else (between letters) it is invisible and only serves to split a word so it looks whole but does not
// match a search or a keyword rule, so it goes there. "Emoji" = Extended_Pictographic, optionally with its
// variation selector U+FE0F or a skin tone modifier before the joiner.
const STRAY_JOINER = /(?<!\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

// «Zalgo»: dozens of combining marks stacked on one letter draw far above and below its line, over the rows and lines
// around it (a helper's trial of 5 December, through the connector). Written languages need few on one base: Russian
// one (й, ё, a stress mark), Vietnamese two, an emoji keycap two (U+FE0F U+20E3); Burmese, Tibetan and cantillated
// Hebrew up to four. Five are kept, the rest go.
const MARK_PILE = /(\p{M}{5})\p{M}+/gu;

function withoutControls(text: string): string {
  return text.replace(INVISIBLE_OR_CONTROL, '').replace(STRAY_JOINER, '').replace(MARK_PILE, '$1');
}

/**
 * Text as it is matched — searched, routed, compared: the characters the operator is shown (what inertText removes
 * is gone: controls, direction marks, zero-widths, soft hyphens, a joiner between letters), in Unicode NFC. So a word
 * split by something invisible, or typed decomposed («и» + U+0306), is the word the operator reads. A carriage
 * return is a line break here, not nothing: it must not join the words either side.
 */
export function matchForm(text: string): string {
  return isMatchedAsWritten(text) ? text : withoutControls(text.replace(/\r\n?/g, '\n')).normalize('NFC');
}

// Most texts are letters, digits and punctuation only, which matchForm leaves as they are: one scan tells, where the
// form's five passes and NFC on every text made training on 100,000 decisions 3.9 → 5.3 s (bench, 5 December, one
// run under load; with this scan 4.0 s). Printable ASCII but for the
// carriage return, Latin-1 but for the soft hyphen, Latin Extended and Cyrillic letters (never the combining
// U+0483–0489), general punctuation («—», «…», «“», never U+200B–200F, U+202A–202E, U+2060 on), «№», «₽».
const MATCHED_AS_WRITTEN = /^[\t\n\x20-\x7E\u00A0-\u00AC\u00AE-\u02FF\u0400-\u0482\u048A-\u052F\u2010-\u2027\u2030-\u205E\u2116\u20BD]*$/;

/** The text holds nothing matchForm (or a stricter form built on it) would change: no mark, nothing invisible. */
export function isMatchedAsWritten(text: string): boolean {
  return MATCHED_AS_WRITTEN.test(text);
}

// Two or more empty lines in a row (spaces only counting as empty): one is a paragraph break, the rest only push the
// text below the pane (trial: a post with a dozen blank lines showed its first line and then nothing).
const BLANK_RUN = /\n(?:[ \t\u00A0]*\n){2,}/g;
const LEADING_BLANK_LINES = /^(?:[ \t\u00A0]*\n)+/;

/** Full text for a detail view: line breaks kept (runs of blank lines as one), controls and bidi overrides removed,
 * length capped. */
export function inertText(text: string, maxLength = 200_000): string {
  const clean = withoutControls(text.replace(/\r\n?/g, '\n')).replace(BLANK_RUN, '\n\n')
    .replace(LEADING_BLANK_LINES, '').trimEnd();
  return clean.length > maxLength ? `${clean.slice(0, maxLength)}…` : clean;
}

/** One-line excerpt for a grid cell: whitespace collapsed, controls removed, cut at a word where possible. */
export function excerptOf(text: string, maxLength = 240): string {
  const line = withoutControls(text).replace(/\s+/g, ' ').trim();
  if (line.length <= maxLength) return line;
  const cut = line.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/**
 * Nothing to read once made inert (blanks and zero-width characters only): a post of photos only, or a message
 * emptied on the platform. The detail pane and the lead's reading of one appeal say «Без текста» for it.
 */
export function isBlankText(inert: string): boolean {
  return /^[\s\u200b-\u200d\u2060\ufeff]*$/u.test(inert);
}
