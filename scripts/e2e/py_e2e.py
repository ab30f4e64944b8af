# Every docs tool (search + fetch) or, on /mcp, projects_list through the Python SDK client,
# in its `auto` or `legacy` mode; fails on the first wrong answer.
"""usage: py_e2e.py URL AUTH|'' auto|legacy docs|platform -> prints OK and exits 0 when every step passes"""
import asyncio, json, sys
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

async def main(url, auth, mode, kind):
    async with create_mcp_http_client(headers={"Authorization": auth} if auth else None) as http:
        async with Client(streamable_http_client(url, http_client=http), mode=mode) as c:
            names = [t.name for t in (await c.list_tools()).tools]
            if kind == "docs":
                missing = {"search", "fetch", "docs_search", "docs_get_page", "docs_list"} - set(names)
                assert not missing, f"missing tools {missing}"
                r = await c.call_tool("search", {"query": "deploy an app"})
                assert not r.is_error and r.structured_content["results"], r.content
                assert json.loads(r.content[0].text) == r.structured_content, "search text != structuredContent"
                first = r.structured_content["results"][0]["id"]
                r = await c.call_tool("fetch", {"id": first})
                assert not r.is_error and r.structured_content["id"] == first, r.content
            else:
                assert "projects_list" in names, names
                r = await c.call_tool("projects_list", {})
                assert not r.is_error and r.structured_content["items"], r.content
            print("OK protocol", c.protocol_version, "tools", len(names))

a = sys.argv
asyncio.run(main(a[1], a[2] or None, a[3], a[4]))
