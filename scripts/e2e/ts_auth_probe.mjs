// What an OAuth-capable MCP client (the TypeScript SDK's auth helpers) learns from this
// server without any credential: the 401 challenge, the protected-resource metadata it
// points to, the `resource` it would ask tokens for, and the metadata found by well-known
// probing alone. Exits 1 when any of it is missing.
// usage: node ts_auth_probe.mjs http://host:port/mcp
import {
  discoverOAuthProtectedResourceMetadata,
  extractWWWAuthenticateParams,
  selectResourceURL,
} from '@modelcontextprotocol/sdk/client/auth.js';

const url = new URL(process.argv[2]);
const fail = (message) => {
  console.log(`FAIL ${message}`);
  process.exit(1);
};

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'auth-probe', version: '1.0.0' } },
};
const response = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
  body: JSON.stringify(initialize),
});
console.log(`status ${response.status} www-authenticate: ${response.headers.get('www-authenticate')}`);
if (response.status !== 401) fail(`expected 401 without a credential, got ${response.status}`);

const challenge = extractWWWAuthenticateParams(response);
console.log(`challenge ${JSON.stringify({ resourceMetadataUrl: challenge.resourceMetadataUrl?.href, scope: challenge.scope })}`);
if (!challenge.resourceMetadataUrl) fail('the challenge names no resource_metadata');

const metadata = await discoverOAuthProtectedResourceMetadata(url, {
  resourceMetadataUrl: challenge.resourceMetadataUrl,
});
console.log(`metadata ${JSON.stringify(metadata)}`);
const resource = await selectResourceURL(url, {}, metadata);
console.log(`resource param the client will send: ${resource?.href}`);

const probed = await discoverOAuthProtectedResourceMetadata(url);
console.log(`prm via well-known probing ok: ${probed.resource}`);
