// One citizen-supplied string in a list (an author, a channel, an excerpt): cleaned by excerptOf() of the
// controls and direction overrides that could make it read otherwise, and isolated (dir="auto", which the
// stylesheet also sets to unicode-bidi: isolate) so a right-to-left name cannot reorder its neighbours in the row.
// Search results pass the query's terms: the words found are marked as <mark> runs of the cleaned text, never markup.
import type { ReactNode } from 'react';
import { excerptOf } from '../../../shared/text/inert-text.js';
import { markTerms } from '../features/search/mark-terms.js';

interface InertLineProps {
  text: string;
  className?: string;
  maxLength?: number;
  /** A block (a line of its own that can be cut with an ellipsis) instead of a run inside a line. */
  block?: boolean;
  /** Query terms to mark (search results); none: the text as is. */
  terms?: readonly string[];
  /** Shown instead when nothing of the text is left after cleaning (e.g. an appeal not in this desk's cache). */
  placeholder?: string;
}

export function InertLine({ text, className, maxLength = 240, block = false, terms, placeholder }: InertLineProps): ReactNode {
  const line = excerptOf(text, maxLength);
  const Tag = block ? 'div' : 'span';
  const content = line === '' && placeholder !== undefined ? placeholder
    : terms === undefined || terms.length === 0 ? line
      : markTerms(line, terms).map((run, i) => (run.hit ? <mark key={i}>{run.text}</mark> : run.text));
  return <Tag dir="auto" className={className ? `inert-line ${className}` : 'inert-line'}>{content}</Tag>;
}
