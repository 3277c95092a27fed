// The search request, its results and saved views as the desk API carries them (see shared/desk-api/contract.ts).
import { z } from 'zod';
import { AppealStatus, Source } from '../domain/appeal.js';
import { CalendarDay } from '../domain/calendar-day.js';

export const SearchQuery = z.object({
  /** Words to find (all of them, each as a prefix); empty = filters only, newest first. */
  text: z.string().max(500).default(''),
  sources: z.array(Source).max(4).default([]),
  statuses: z.array(AppealStatus).max(3).default([]),
  /** Routed to this target (local view). */
  targetId: z.string().min(1).max(100).nullable().default(null),
  /** A municipality target: routed to it, or arrived through its page (channel) — until appeals carry a place. */
  municipalityId: z.string().min(1).max(100).nullable().default(null),
  /** Received on or after this day / on or before this day, Novosibirsk calendar days. */
  fromDay: CalendarDay.nullable().default(null),
  toDay: CalendarDay.nullable().default(null),
  /** Only appeals past their deadline; needs the deadline columns of issue #4a (refused with a message until then). */
  overdue: z.boolean().default(false),
}).strict();
export type SearchQuery = z.output<typeof SearchQuery>;
export type SearchQueryInput = z.input<typeof SearchQuery>;

export const MAX_SEARCH_IDS = 5_000;

export const SearchResult = z.object({
  /** Best first (rank, then newest); at most MAX_SEARCH_IDS. */
  ids: z.array(z.string()),
  /** All matches, which may exceed ids.length. */
  total: z.number().int().nonnegative(),
  /** Folded query words, for highlighting (of usedText when that is given). */
  terms: z.array(z.string()),
  /**
   * The text the results are for when it is not the text as typed: that found nothing, and its other-layout
   * reading did («ghbdtn» → «привет», shared/text/keyboard-layout.ts). Absent otherwise; optional, so a desk or
   * core without it still speaks this contract.
   */
  usedText: z.string().optional(),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SavedView = z.object({
  id: z.string(),
  name: z.string().min(1).max(100),
  query: SearchQuery,
  savedAt: z.string(),
});
export type SavedView = z.infer<typeof SavedView>;

/** What saving a view did: a new entry, a new query for the entry of that name, or nothing (the search was saved). */
export const SaveViewOutcome = z.enum(['saved', 'updated', 'already-saved']);
export type SaveViewOutcome = z.infer<typeof SaveViewOutcome>;
