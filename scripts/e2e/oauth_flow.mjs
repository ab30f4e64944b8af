// End-to-end OAuth 2.1 check of hostless-mcp --sandbox with the official TypeScript SDK's
// OAuth client (@modelcontextprotocol/sdk). Nothing here reimplements the protocol: the SDK
// discovers the authorization server from /mcp's 401, registers, builds the PKCE request
// and exchanges the code and the refresh token; this script only plays the user's browser
// (it follows the sandbox's auto-consent redirect) and checks every step.
//
// usage: node oauth_flow.mjs MCP_URL dcr|cimd
//   dcr   dynamic client registration (RFC 7591)
//   cimd  Client ID Metadata Document: the client_id is the URL of a document this script
//         serves on loopback. The SDK only accepts https document URLs, so the URL is given
//         to it as pre-registered client information; the authorization server still has
//         to fetch and honour the document.
// Prints "PASS <step>" per step and exits 1 at the first "FAIL <step>: <why>".
import http from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  UnauthorizedError,
  discoverAuthorizationServerMetadata,
  discoverOAuthProtectedResourceMetadata,
  refreshAuthorization,
} from '@modelcontextprotocol/sdk/client/auth.js';

const [mcpUrlText, mode = 'dcr'] = process.argv.slice(2);
if (!mcpUrlText || !['dcr', 'cimd'].includes(mode)) {
  console.log('usage: node oauth_flow.mjs MCP_URL dcr|cimd');
  process.exit(2);
}
const mcpUrl = new URL(mcpUrlText);
const pass = (step) => console.log(`PASS ${mode}: ${step}`);
const fail = (step, why) => {
  console.log(`FAIL ${mode}: ${step}: ${why}`);
  process.exit(1);
};
const check = (ok, step, why) => (ok ? pass(step) : fail(step, why));
const REDIRECT = 'http://127.0.0.1:9/oauth/callback'; // never opened: the script reads the redirect

// The client metadata document, for the CIMD run.
let cimdUrl;
let server;
if (mode === 'cimd') {
  server = http.createServer((req, res) => {
    if (req.url !== '/oauth/client.json') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({
      client_id: cimdUrl,
      client_name: 'hostless-mcp e2e (CIMD)',
      redirect_uris: [REDIRECT],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  cimdUrl = `http://127.0.0.1:${server.address().port}/oauth/client.json`;
}

// An in-memory OAuthClientProvider: what a real client keeps in its storage.
class MemoryProvider {
  constructor() {
    this.client = mode === 'cimd' ? { client_id: cimdUrl } : undefined;
    this.saved = undefined;
    this.verifier = undefined;
    this.authorizationUrl = undefined;
  }
  get redirectUrl() { return REDIRECT; }
  get clientMetadata() {
    return {
      client_name: 'hostless-mcp e2e',
      redirect_uris: [REDIRECT],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
        scope: 'projects:read apps:read',
    };
  }
  clientInformation() { return this.client; }
  saveClientInformation(info) { this.client = info; }
  tokens() { return this.saved; }
  saveTokens(tokens) { this.saved = tokens; }
  redirectToAuthorization(url) { this.authorizationUrl = url; }
  saveCodeVerifier(verifier) { this.verifier = verifier; }
  codeVerifier() { return this.verifier; }
}

const provider = new MemoryProvider();
const connect = async () => {
  const transport = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider });
  const client = new Client({ name: 'hostless-oauth-e2e', version: '0.0.1' });
  await client.connect(transport);
  return { client, transport };
};

try {
  // 1. Discovery starts from the 401 of /mcp.
  const unauth = await fetch(mcpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
  });
  const challenge = unauth.headers.get('www-authenticate') ?? '';
  check(unauth.status === 401 && challenge.includes('resource_metadata='), '401 with a resource_metadata challenge',
    `${unauth.status} ${challenge}`);
  const prm = await discoverOAuthProtectedResourceMetadata(mcpUrl);
  check(prm.resource === mcpUrl.href.replace(/\/$/, ''), 'protected-resource metadata names this URL',
    JSON.stringify(prm));
  const issuer = prm.authorization_servers[0];
  const asMeta = await discoverAuthorizationServerMetadata(issuer);
  check(asMeta?.code_challenge_methods_supported?.includes('S256') && asMeta.registration_endpoint
    && asMeta.client_id_metadata_document_supported === true, 'authorization-server metadata (S256, DCR, CIMD)',
    JSON.stringify(asMeta));

  // 2. The SDK registers (DCR) or uses the document URL, then asks the user to authorize.
  let transport;
  try {
    ({ transport } = await connect());
    fail('connect without a token', 'the SDK connected without authorizing');
  } catch (e) {
    if (!(e instanceof UnauthorizedError)) fail('connect without a token', `unexpected error ${e}`);
    transport = e.transport;
  }
  const authUrl = provider.authorizationUrl;
  check(authUrl && authUrl.searchParams.get('code_challenge_method') === 'S256'
    && authUrl.searchParams.get('resource'), 'authorization request with PKCE S256 and resource', `${authUrl}`);
  if (mode === 'dcr') {
    check(provider.client?.client_id && provider.client.client_id !== cimdUrl, 'dynamic registration issued a client_id',
      JSON.stringify(provider.client));
  } else {
    check(authUrl.searchParams.get('client_id') === cimdUrl, 'the client_id is the metadata document URL', `${authUrl}`);
  }

  // 3. The "browser": the sandbox consents for its demo user and redirects with a code.
  const consent = await fetch(authUrl, { redirect: 'manual' });
  const location = new URL(consent.headers.get('location') ?? 'about:blank');
  const code = location.searchParams.get('code');
  check(consent.status === 302 && location.href.startsWith(REDIRECT) && code
    && location.searchParams.get('state') === authUrl.searchParams.get('state'),
    'authorize redirects to the registered URI with code and state', `${consent.status} ${location}`);

  // 4. Code for tokens (the SDK sends the verifier and the resource).
  const retry = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider });
  await retry.finishAuth(code);
  const first = provider.tokens();
  check(first?.access_token && first.refresh_token, 'token endpoint issued access and refresh tokens',
    JSON.stringify(Object.keys(first ?? {})));
  const granted = (first.scope ?? '').split(' ').filter(Boolean);
  check(granted.length > 0 && granted.every((s) => s.endsWith(':read')), 'the token grants read scopes only',
    first.scope);
  const replay = await fetch(asMeta.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT,
      client_id: provider.client.client_id, code_verifier: provider.codeVerifier() }),
  });
  check(replay.status === 400 && (await replay.json()).error === 'invalid_grant', 'a replayed code is refused',
    `${replay.status}`);
  // The replay revoked the grant of the first code (OAuth 2.1): authorize again for a live one.
  provider.saveTokens(undefined);
  try {
    await connect();
  } catch (e) {
    if (!(e instanceof UnauthorizedError)) fail('re-authorize after the replay', `${e}`);
  }
  // This time the "user agent" asks for a write scope and fewer reads: the grant must be
  // downscoped (never refused) and the token response must say what was granted.
  const narrowed = new URL(provider.authorizationUrl);
  narrowed.searchParams.set('scope', 'projects:read apps:read apps:write');
  const again = await fetch(narrowed, { redirect: 'manual' });
  const code2 = new URL(again.headers.get('location')).searchParams.get('code');
  await new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider }).finishAuth(code2);
  check(provider.tokens()?.scope?.split(' ').sort().join(' ') === 'apps:read projects:read',
    're-authorized; apps:write was downscoped away', provider.tokens()?.scope);

  // 5. tools/list holds only what the token's scopes allow; a read works; a write is refused.
  let { client } = await connect();
  const names = (await client.listTools()).tools.map((t) => t.name);
  check(names.includes('projects_list') && names.includes('apps_list') && !names.includes('apps_create')
    && !names.includes('sites_list'), 'tools/list follows the granted scopes', names.join(','));
  const projects = await client.callTool({ name: 'projects_list', arguments: {} });
  check(!projects.isError, 'a read tool works with the token', JSON.stringify(projects.content));
  const write = await client.callTool({ name: 'apps_create', arguments: { projectId: 'x', name: 'e2e-app' } });
  check(write.isError && JSON.stringify(write.content).includes('apps:write'), 'a write tool is refused naming its scope',
    JSON.stringify(write.content));
  await client.close();

  // 6. Refresh: the refresh token rotates, the new access token works, the old refresh token is dead.
  const before = provider.tokens();
  const refreshed = await refreshAuthorization(issuer, {
    metadata: asMeta,
    clientInformation: provider.client,
    refreshToken: before.refresh_token,
    resource: new URL(prm.resource),
  });
  check(refreshed.access_token && refreshed.refresh_token && refreshed.refresh_token !== before.refresh_token,
    'refresh issues a new access token and rotates the refresh token', JSON.stringify(Object.keys(refreshed)));
  provider.saveTokens(refreshed);
  ({ client } = await connect());
  const after = await client.callTool({ name: 'apps_list', arguments: {} });
  check(!after.isError, 'the refreshed access token works', JSON.stringify(after.content));
  let reused = false;
  try {
    await refreshAuthorization(issuer, {
      metadata: asMeta, clientInformation: provider.client, refreshToken: before.refresh_token,
      resource: new URL(prm.resource),
    });
    reused = true;
  } catch (e) {
    // The SDK raises InvalidGrantError for invalid_grant.
  }
  check(!reused, 'a rotated-out refresh token is refused', 'the old refresh token still worked');
  // Reuse of a dead refresh token revokes the grant: the API refuses its access token next call.
  const revoked = await client.callTool({ name: 'apps_list', arguments: {} });
  check(revoked.isError && JSON.stringify(revoked.content).includes('401'),
    'after refresh-token reuse the grant is revoked and the API refuses the token', JSON.stringify(revoked.content));
  await client.close();
  console.log(`OK ${mode}: OAuth flow end to end`);
} catch (e) {
  fail('unexpected error', e?.stack ?? `${e}`);
} finally {
  server?.close();
}
