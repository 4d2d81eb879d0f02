"""The HTTP clients of the Python models, with the fairness settings every model gets (DESIGN.md).

A pool ceiling of C connections to the one host, keep-alive 60 s, a connect timeout of min(timeout, 10 s), a
per-request read timeout, no retries. The blocking models share one httpx.Client (Fluent Python 2e's flags2
examples use httpx) between their threads; asyncio uses one aiohttp.ClientSession. Each session reports the
settings it applied, recorded per trial.
"""

import platform

from workloads import Response

KEEP_ALIVE_SECONDS = 60.0


def connect_timeout(timeout):
    return min(timeout, 10.0)


def _settings(library, version, c, timeout):
    return {
        "protocol": "HTTP/1.1",
        "client": f"{library} {version}",
        "runtime": f"{platform.python_implementation()} {platform.python_version()}",
        "maxConnections": str(c),
        "maxPending": str(c),
        "connectTimeout": f"PT{connect_timeout(timeout):g}S",
        "responseTimeout": f"PT{timeout:g}S",
        "keepAlive": f"PT{KEEP_ALIVE_SECONDS:g}S",
        "retries": "0",
    }


class BlockingClient:
    """One httpx.Client shared by every thread of a session: a pool of C keep-alive connections."""

    def __init__(self, c, timeout):
        import httpx
        self._httpx = httpx
        limits = httpx.Limits(max_connections=c, max_keepalive_connections=c, keepalive_expiry=KEEP_ALIVE_SECONDS)
        timeouts = httpx.Timeout(timeout, connect=connect_timeout(timeout), pool=timeout)
        transport = httpx.HTTPTransport(retries=0, limits=limits)
        self._client = httpx.Client(transport=transport, timeout=timeouts, follow_redirects=False)
        self.settings = _settings("httpx", httpx.__version__, c, timeout)
        self.timeout_types = (httpx.TimeoutException, TimeoutError)

    def get(self, url):
        r = self._client.get(url)
        return Response(r.status_code, r.reason_phrase, r.content)

    def close(self):
        self._client.close()


class AsyncClient:
    """One aiohttp.ClientSession of a session's event loop: a connector of C keep-alive connections."""

    def __init__(self, c, timeout):
        import aiohttp
        self._aiohttp = aiohttp
        connector = aiohttp.TCPConnector(limit=c, limit_per_host=c, keepalive_timeout=KEEP_ALIVE_SECONDS)
        timeouts = aiohttp.ClientTimeout(total=None, sock_connect=connect_timeout(timeout), sock_read=timeout)
        self._session = aiohttp.ClientSession(connector=connector, timeout=timeouts, auto_decompress=False)
        self.settings = _settings("aiohttp", aiohttp.__version__, c, timeout)
        self.timeout_types = (TimeoutError,)

    async def get(self, url):
        async with self._session.get(url, allow_redirects=False) as r:
            body = await r.read()
            return Response(r.status, r.reason or "", body)

    async def close(self):
        await self._session.close()
