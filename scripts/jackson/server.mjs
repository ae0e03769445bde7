// SAML Jackson 26.2 directory sync as a plain SCIM 2.0 server, for the side-by-side benchmark
// (scripts/jackson-start.sh installs it and starts this file; docs/benchmarks.md says how it is used).
//
// One Entra ID ("azure-scim-v2") directory is created at start through the library's directory-sync
// controller; every request under /api/scim/v2.0/<directoryId>/{Users,Groups}[/<id>] is handed to
// directorySyncController.requests.handle the way Jackson's own Next.js API route does it.
//
// Environment:
//   JACKSON_PORT     port on 127.0.0.1                                        (default 15225)
//   JACKSON_DB_URL   postgres://user:password@host:port/db, or "memory"       (default memory)
//   JACKSON_EVENTS   "none" (default): events go to a no-op callback, as an embedding application that
//                    ignores them; "internal": Jackson's hosted-mode callback (looks the directory up again
//                    and logs "Webhook not configured" for every change)
//
// On start it prints two lines to stdout and then only errors:
//   JACKSON_SCIM_URL=http://127.0.0.1:15225/api/scim/v2.0/<directoryId>
//   JACKSON_SCIM_TOKEN=<the directory's bearer token>
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jackson = require('@boxyhq/saml-jackson');

const port = Number(process.env.JACKSON_PORT || 15225);
const dbUrl = process.env.JACKSON_DB_URL || 'memory';
const events = process.env.JACKSON_EVENTS || 'none';
const scimPath = '/api/scim/v2.0';
const maxBody = 1024 * 1024;

const quiet = { info: () => {}, warn: console.warn.bind(console), error: console.error.bind(console) };
const db = dbUrl === 'memory' ? { engine: 'mem' } : { engine: 'sql', type: 'postgres', url: dbUrl };
const opts = {
  externalUrl: `http://127.0.0.1:${port}`,
  samlPath: '/api/oauth/saml',
  scimPath,
  noAnalytics: true,
  logger: quiet,
  db,
};
if (events === 'none') {
  opts.dsync = { callback: async () => {} };
}

const { directorySyncController } = await jackson.controllers(opts);
const tenant = `bench-${Date.now().toString(36)}`;
const { data: directory, error } = await directorySyncController.directories.create({
  name: tenant,
  tenant,
  product: 'scim-bridge-bench',
  type: 'azure-scim-v2',
});
if (error) {
  console.error(`cannot create the directory: ${error.message}`);
  process.exit(1);
}

function send(res, status, data) {
  const body = JSON.stringify(data ?? {});
  res.writeHead(status, { 'Content-Type': 'application/scim+json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function scimError(res, status, detail) {
  send(res, status, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail });
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, opts.externalUrl);
  if (!url.pathname.startsWith(scimPath + '/')) {
    scimError(res, 404, 'Not found');
    return;
  }
  const [directoryId, resource, resourceId] = url.pathname.slice(scimPath.length + 1).split('/');
  if (resource !== 'Users' && resource !== 'Groups') {
    scimError(res, 404, 'Not found');
    return;
  }
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > maxBody) {
      req.destroy();
    } else {
      chunks.push(chunk);
    }
  });
  req.on('end', async () => {
    try {
      const text = Buffer.concat(chunks).toString('utf8');
      const authorization = req.headers.authorization || '';
      const query = url.searchParams;
      const { status, data } = await directorySyncController.requests.handle({
        method: req.method,
        body: text ? JSON.parse(text) : undefined,
        directoryId,
        resourceType: resource === 'Users' ? 'users' : 'groups',
        resourceId: resourceId || undefined,
        apiSecret: authorization.startsWith('Bearer ') ? authorization.slice(7) : null,
        query: {
          count: query.has('count') ? parseInt(query.get('count'), 10) : undefined,
          startIndex: query.has('startIndex') ? parseInt(query.get('startIndex'), 10) : undefined,
          filter: query.get('filter') || undefined,
        },
      });
      send(res, status, data);
    } catch (e) {
      console.error(e);
      scimError(res, e instanceof SyntaxError ? 400 : 500, String(e.message || e));
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => {
  console.log(`JACKSON_SCIM_URL=http://127.0.0.1:${port}${scimPath}/${directory.id}`);
  console.log(`JACKSON_SCIM_TOKEN=${directory.scim.secret}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
