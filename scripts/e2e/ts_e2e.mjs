// Every docs tool (and, on /mcp, projects_list) through the TypeScript SDK client, which
// validates each structuredContent against the tool's outputSchema; fails on the first
// wrong answer, the protocol version, or a minted session id.
// usage: node ts_e2e.mjs URL AUTH|'' docs|platform  -> exit 0 and "OK ..." when every step passes
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
const [url, auth, kind] = process.argv.slice(2);
const fail = (m) => { console.log('FAIL', m); process.exit(1); };
const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: auth ? { headers: { Authorization: auth } } : undefined });
const client = new Client({ name: 'hostless-e2e', version: '0.0.1' });
await client.connect(transport);
if (transport.protocolVersion !== '2025-11-25') fail(`protocol ${transport.protocolVersion}`);
if (transport.sessionId !== undefined) fail(`session id minted: ${transport.sessionId}`);
const names = (await client.listTools()).tools.map((t) => t.name);
// callTool validates structuredContent against each tool's outputSchema (ajv).
const call = async (name, args) => { const r = await client.callTool({ name, arguments: args }); if (r.isError) fail(`${name}: ${JSON.stringify(r.content)}`); return r; };
if (kind === 'docs') {
  for (const n of ['search', 'fetch', 'docs_search', 'docs_get_page', 'docs_list']) if (!names.includes(n)) fail(`missing tool ${n}`);
  const s = await call('search', { query: 'deploy an app' });
  if (s.content.length !== 1 || JSON.stringify(JSON.parse(s.content[0].text)) !== JSON.stringify(s.structuredContent)) fail('search text != structuredContent');
  const id = s.structuredContent.results[0].id;
  const f = await call('fetch', { id });
  if (f.structuredContent.id !== id || !f.structuredContent.text) fail('fetch');
  await call('docs_search', { query: 'custom domains', limit: 3 });
  await call('docs_get_page', { path: 'developers' });
  await call('docs_list', {});
} else {
  if (!names.includes('projects_list')) fail('missing projects_list');
  const p = await call('projects_list', {});
  if (!p.structuredContent?.items?.length) fail(`projects_list: ${JSON.stringify(p.structuredContent)}`);
}
await client.close();
console.log('OK protocol', transport.protocolVersion, 'tools', names.length);
