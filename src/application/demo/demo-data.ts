/** The demo API key of dj-api-auth's example project, so that its clients work unchanged. */
export const DEMO_API_KEY = {
  apiKey: '483a570a',
  secretKey: 'd7228d70cd7f456d9bfdc35ed8fee375',
  entryPoints: ['GET /api/hello/', 'GET /api/goodbye/', 'POST /api/goodbye/'],
  note: 'demo key (dj-api-auth example)',
} as const;
