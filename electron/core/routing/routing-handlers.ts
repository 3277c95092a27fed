// Desk API handlers for routing suggestions (ROUTING_METHODS); the stored suggestions are read, never computed
// here: the worker computes them off the request path.
import type { z } from 'zod';
import type { ROUTING_METHODS } from '../../../shared/desk-api/routing-contract.js';
import type { SuggestionService } from './suggestion-service.js';

type RoutingHandlers = {
  [M in keyof typeof ROUTING_METHODS]: (input: z.output<(typeof ROUTING_METHODS)[M]['input']>) =>
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
