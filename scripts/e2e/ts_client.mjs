// The TypeScript SDK's streamable-HTTP client as an editor would use it: connect, list the
// tools, call `search`. Prints what it saw; exits 1 with "error: <message>" when a step fails
// (on /mcp the `search` call must fail as an unknown tool: search is a docs tool).
// usage: node ts_client.mjs URL [AUTHORIZATION]
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [url, authorization] = process.argv.slice(2);
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: authorization ? { headers: { Authorization: authorization } } : undefined,
});
const client = new Client({ name: 'hostless-e2e-ts-client', version: '1.0.0' });
try {
  await client.connect(transport);
  console.log(`server ${JSON.stringify(client.getServerVersion())}`);
  console.log(`protocol ${transport.protocolVersion} session ${transport.sessionId}`);
  const { tools } = await client.listTools();
  console.log(`tools ${JSON.stringify(tools.map((tool) => tool.name))}`);
  const result = await client.callTool({ name: 'search', arguments: { query: 'api' } });
  console.log(`search.structuredContent ${JSON.stringify(result.structuredContent)}`);
  console.log(`search.text ${result.content?.[0]?.text ?? ''}`);
} catch (error) {
  console.log(`error: ${error.message}`);
  process.exitCode = 1;
} finally {
  await client.close();
}
