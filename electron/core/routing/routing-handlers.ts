// Desk API handlers for routing suggestions (ROUTING_METHODS); the stored suggestions are read, never computed
// here: the worker computes them off the request path.
import type { ROUTING_METHODS } from '../../../shared/desk-api/routing-contract.js';
import type { Handlers } from '../handler-types.js';
import type { SuggestionService } from './suggestion-service.js';

export function createRoutingHandlers(service: SuggestionService | undefined): Handlers<typeof ROUTING_METHODS> {
  const get = (appealId: string) =>
    service?.get(appealId) ?? { appealId, suggestions: [], place: null, reject: null, ready: false };
  return {
    'suggestions.get': ({ appealId }) => get(appealId),
    'suggestions.forIds': ({ ids }) => ({ items: ids.map(get) }),
  };
}
