import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApiRoutes } from '../../src/adapters/http/admin/admin-api.table.js';
import { startTestService, type TestService } from '../support/test-service.js';

type Operation = {
  summary: string;
  parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: { 'application/json': { schema: { properties: Record<string, unknown>; required?: string[] } } } };
  responses: Record<string, { content?: { 'application/json': { schema: Record<string, unknown> } } }>;
  security: Record<string, string[]>[];
  'x-signet-entry-point'?: string;
};
type Document = {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
};

describe('/openapi.json', () => {
  let service: TestService;
  let document: Document;

  beforeAll(async () => {
    service = await startTestService();
    const response = await fetch(`${service.baseUrl}/openapi.json`);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    document = (await response.json()) as Document;
  });
  afterAll(() => service.close());

  it('is an OpenAPI 3.1 document with both signing protocols as security schemes', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['signetV1', 'signetV2']);
  });

  it('describes every signed route, with its entry point and both protocols', () => {
    const hello = document.paths['/api/hello/']!.get!;
    expect(hello['x-signet-entry-point']).toBe('GET /api/hello/');
    expect(hello.security).toEqual([{ signetV2: [] }, { signetV1: [] }]);
    expect(Object.keys(hello.responses)).toEqual(expect.arrayContaining(['200', '403', '429']));
    expect(document.paths['/api/goodbye/']!.post!['x-signet-entry-point']).toBe('POST /api/goodbye/');
    expect(document.paths['/api/public/hello/']).toBeUndefined();
  });

  it('describes the SSO APIs with their parameters', () => {
    const redeem = document.paths['/sso/authtoken/']!.get!;
    expect(redeem.parameters?.map((parameter) => [parameter.name, parameter.in, parameter.required])).toEqual([
      ['request_token', 'query', true],
      ['auth_token', 'query', true],
    ]);
    expect(document.paths['/sso/requesttoken/']!.get!.responses['200']!.content!['application/json'].schema).toMatchObject({
      properties: { request_token: { type: 'string' } },
    });
  });

  it('describes every admin API route, v2 only, with parameters and bodies from the schemas that check them', () => {
    for (const route of Object.values(adminApiRoutes)) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      const operation = document.paths[path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation!.security).toEqual([{ signetV2: [] }]);
      expect(operation!['x-signet-entry-point']).toBe(`${route.method} ${route.path}`);
    }
    const create = document.paths['/admin/api/keys']!.post!;
    expect(Object.keys(create.requestBody!.content['application/json'].schema.properties)).toEqual([
      'username',
      'entryPoints',
      'note',
      'expiresAt',
      'rateLimitPerMinute',
    ]);
    expect(create.responses['201']!.content!['application/json'].schema).toMatchObject({ required: ['apiKey', 'secretKey'] });
    const rotate = document.paths['/admin/api/keys/{apiKey}/rotate']!.post!;
    expect(rotate.parameters).toEqual([
      { name: 'apiKey', in: 'path', required: true, schema: expect.objectContaining({ type: 'string' }) },
    ]);
    expect(rotate.requestBody!.content['application/json'].schema.properties.graceSeconds).toMatchObject({
      minimum: 60,
      maximum: 86_400,
    });
    const audit = document.paths['/admin/api/audit']!.get!;
    expect(audit.parameters!.map((parameter) => parameter.name)).toEqual([
      'actor',
      'action',
      'target',
      'via',
      'since',
      'until',
      'limit',
      'before',
    ]);
    expect(audit.requestBody).toBeUndefined();
  });

  it('describes the MongoDB reader’s JSON routes with their parameters', () => {
    const find = document.paths['/mongo/{db}/{col}/_find']?.get;
    expect(find?.summary).toContain('Find documents');
    const names = (find?.parameters ?? []).map((parameter: { name: string; in: string }) => `${parameter.in}:${parameter.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'path:db',
        'path:col',
        'query:criteria',
        'query:fields',
        'query:sort',
        'query:skip',
        'query:limit',
      ]),
    );
    for (const path of ['_count', '_status', '_overview', '_explain', 'exportcsv']) {
      expect(document.paths[`/mongo/{db}/{col}/${path}`]?.get?.summary, path).toBeTruthy();
    }
    expect(document.paths['/mongo/_collections']?.get?.summary).toBeTruthy();
  });

  it('leaves the pages out', () => {
    expect(
      Object.keys(document.paths).filter(
        (path) =>
          !path.startsWith('/api/') &&
          !path.startsWith('/sso/') &&
          !path.startsWith('/admin/api/') &&
          !path.startsWith('/mongo/'),
      ),
    ).toEqual([]);
    expect(document.paths['/mongo']).toBeUndefined();
    expect(document.paths['/mongo/']).toBeUndefined();
  });
});
