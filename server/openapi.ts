// The OpenAPI 3.1 document, derived from the contract's zod schemas so it cannot drift from what the server checks.
import { z } from 'zod';
import { API_PREFIX, ApiError, ENDPOINTS } from '../shared/central-api/contract.js';

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
        400: errorResponse('Invalid request (body or query does not match the schema)'),
        ...(ep.auth === null ? {} : {
          401: errorResponse('Missing or invalid bearer token'),
          403: errorResponse(`Role not allowed; allowed: ${ep.auth.join(', ')}`),
        }),
        ...('body' in ep ? { 413: errorResponse('Body larger than 5 MB') } : {}),
        429: errorResponse('Too many requests (reserved)'),
        500: errorResponse('Internal error'),
      },
    };
    if (ep.auth !== null) operation['x-roles'] = ep.auth;
    if ('body' in ep) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(ep.body, 'input') } } };
    }
    if ('query' in ep) operation.parameters = queryParameters(ep.query);
    paths[API_PREFIX + ep.path] = { ...paths[API_PREFIX + ep.path], [ep.method.toLowerCase()]: operation };
  }
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
      description: 'ЦУР · Разбор обращений: appeals, routing targets, sessions and idempotent operator decisions.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { ApiError: schemaOf(ApiError, 'output') },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
