// One citizen-supplied string in a list (an author, a channel, an excerpt): cleaned by excerptOf() of the
// controls and direction overrides that could make it read otherwise, and isolated (dir="auto", which the
// stylesheet also sets to unicode-bidi: isolate) so a right-to-left name cannot reorder its neighbours in the row.
import type { ReactNode } from 'react';
import { excerptOf } from '../../../shared/text/inert-text.js';

export function InertLine({ text, className, maxLength = 240 }: { text: string; className?: string; maxLength?: number }): ReactNode {
  return <span dir="auto" className={className ? `inert-line ${className}` : 'inert-line'}>{excerptOf(text, maxLength)}</span>;
}
