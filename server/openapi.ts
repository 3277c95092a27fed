// The OpenAPI 3.1 document, derived from the contract's zod schemas so it cannot drift from what the server checks.
import { z } from 'zod';
import { API_PREFIX, ApiError, ENDPOINTS, STREAMS } from '../shared/central-api/contract.js';
import { CONNECTOR_PATHS } from './connectors/connectors-openapi.js';

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 for one zod schema; OpenAPI 3.1 uses that dialect, so only `$schema` is dropped. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const errorRef = { $ref: '#/components/schemas/ApiError' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorRef } } });

function queryParameters(schema: z.ZodType): unknown[] {
  const json = schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({ name, in: 'query', required: required.has(name), schema: s }));
}

export function buildOpenApiDocument(): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, ep] of Object.entries(ENDPOINTS)) {
    const operation: Record<string, unknown> = {
      operationId: name,
      summary: ep.summary,
      security: ep.auth === null ? [] : [{ bearer: [] }],
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: schemaOf(ep.response, 'output') } } },
        400: errorResponse('Invalid request (body or query does not match the schema; a string that is not '
          + 'well-formed Unicode, e.g. a lone UTF-16 surrogate, is refused with its field named)'),
        ...(ep.auth === null ? {} : {
          401: errorResponse('goneTokenAnswered' in ep
            ? 'Missing or malformed bearer token (a revoked or expired one is answered 200)'
            : 'Missing or invalid bearer token'),
          403: errorResponse(`Role not allowed; allowed: ${ep.auth.join(', ')}`),
        }),
        ...('body' in ep ? {
          413: errorResponse(`Body larger than ${ep.maxBodyBytes} bytes (refused from Content-Length before reading)`),
          415: errorResponse('Content-Type is not application/json (charset, if given, utf-8)'),
        } : {}),
        ...(name === 'holds' ? { 404: errorResponse('An appeal of the request is unknown to the server (nothing changed)') } : {}),
        429: errorResponse('Too many requests (failed sign-ins, hold requests); see Retry-After'),
        500: errorResponse('Internal error'),
        503: errorResponse('The database is out of reach for now (storage_unavailable); see Retry-After'),
        507: errorResponse('The server\'s disk is full (storage_full): nothing was stored; retry later'),
      },
    };
    if (ep.auth !== null) operation['x-roles'] = ep.auth;
    if ('body' in ep) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(ep.body, 'input') } } };
      operation['x-max-body-bytes'] = ep.maxBodyBytes;
    }
    if ('query' in ep) operation.parameters = queryParameters(ep.query);
    paths[API_PREFIX + ep.path] = { ...paths[API_PREFIX + ep.path], [ep.method.toLowerCase()]: operation };
  }
  const eventSchemas: Record<string, JsonSchema> = {};
  for (const [name, stream] of Object.entries(STREAMS)) {
    const events: Record<string, unknown> = {};
    for (const [event, schema] of Object.entries(stream.events)) {
      const ref = `Live${event[0]?.toUpperCase() ?? ''}${event.slice(1)}Event`;
      eventSchemas[ref] = schemaOf(schema, 'output');
      events[event] = { $ref: `#/components/schemas/${ref}` };
    }
    paths[API_PREFIX + stream.path] = {
      [stream.method.toLowerCase()]: {
        operationId: name,
        summary: stream.summary,
        security: [{ bearer: [] }],
        'x-roles': stream.auth,
        parameters: queryParameters(stream.query),
        responses: {
          200: {
            description: 'A server-sent event stream (never ends on its own). Each event is `event: <name>` and one '
              + '`data:` line of JSON matching x-events[name]; `hello` comes first; comment lines `: hb` arrive every '
              + 'heartbeatMs; `bye` precedes the server closing the stream.',
            headers: {
              'cache-control': { schema: { const: 'no-store' } },
              'x-accel-buffering': { schema: { const: 'no' } },
            },
            content: { 'text/event-stream': { schema: { type: 'string' }, 'x-events': events } },
          },
          400: errorResponse('Invalid query'),
          401: errorResponse('Missing or invalid bearer token'),
          403: errorResponse(`Role not allowed; allowed: ${stream.auth.join(', ')}`),
          429: errorResponse('Too many open live connections for this session; see Retry-After'),
          503: errorResponse('Too many live connections on the server, or it is stopping; poll instead'),
        },
      },
    };
  }
  Object.assign(paths, CONNECTOR_PATHS);
  paths[`${API_PREFIX}/health`] = {
    get: {
      operationId: 'health', summary: 'Liveness probe', security: [],
      responses: { 200: { description: 'OK', content: { 'application/json': { schema: {
        type: 'object', properties: { ok: { const: true } }, required: ['ok'] } } } } },
    },
  };
  paths[`${API_PREFIX}/openapi.json`] = {
    get: {
      operationId: 'openapi', summary: 'This document', security: [],
      responses: { 200: { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Triage Desk central API',
      version: '1.0.0',
      description: 'ЦУР · Разбор обращений: appeals, routing targets, sessions, idempotent operator decisions and team '
        + 'mode (holds, presence and the live channel).',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { ApiError: schemaOf(ApiError, 'output'), ...eventSchemas },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
