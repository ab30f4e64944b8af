"""The Python SDK (PyPI `mcp`) streamable-HTTP client as an editor would use it: connect,
list the tools, call `search`. Prints what it saw; exits 1 with "error: <message>" when a
step fails (on /mcp the `search` call must fail as an unknown tool: search is a docs tool).

usage: py_client.py URL [AUTHORIZATION|''] [auto|legacy]
"""

import asyncio
import json
import sys

from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client


def causes(error: BaseException):
    """The errors inside an exception group (the SDK's task groups wrap what failed)."""
    inner = getattr(error, "exceptions", None)
    if not inner:
        yield error
        return
    for each in inner:
        yield from causes(each)


async def run(url: str, authorization: str | None, mode: str) -> int:
    headers = {"Authorization": authorization} if authorization else None
    try:
        async with create_mcp_http_client(headers=headers) as http:
            async with Client(streamable_http_client(url, http_client=http), mode=mode) as client:
                listed = await client.list_tools()
                print("tools:", [tool.name for tool in listed.tools])
                result = await client.call_tool("search", {"query": "api"})
                print("search structuredContent:", json.dumps(result.structured_content))
                print("search text:", result.content[0].text if result.content else "")
    except Exception as error:  # noqa: BLE001 - report any failure as one line
        print("error:", "; ".join(str(cause) for cause in causes(error)))
        return 1
    return 0


if __name__ == "__main__":
    url = sys.argv[1]
    auth = sys.argv[2] if len(sys.argv) > 2 else ""
    mode = sys.argv[3] if len(sys.argv) > 3 else "legacy"
    sys.exit(asyncio.run(run(url, auth or None, mode)))
