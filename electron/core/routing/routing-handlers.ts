// Desk API handlers for routing suggestions (ROUTING_METHODS); the stored suggestions are read, never computed
// here: the worker computes them off the request path.
import type { z } from 'zod';
import type { ROUTING_METHODS } from '../../../shared/desk-api/routing-contract.js';
import type { SuggestionService } from './suggestion-service.js';

// The cluster methods of the same contract are served by clusters/cluster-handlers.ts.
type SuggestionMethod = 'suggestions.get' | 'suggestions.forIds';
type RoutingHandlers = {
  [M in SuggestionMethod]: (input: z.output<(typeof ROUTING_METHODS)[M]['input']>) =>
    z.output<(typeof ROUTING_METHODS)[M]['output']>;
};

export function createRoutingHandlers(service: SuggestionService | undefined): RoutingHandlers {
  const get = (appealId: string) =>
    service?.get(appealId) ?? { appealId, suggestions: [], place: null, ready: false };
  return {
    'suggestions.get': ({ appealId }) => get(appealId),
    'suggestions.forIds': ({ ids }) => ({ items: ids.map(get) }),
  };
}
