"""python-asyncio (and python-asyncio-uvloop): Table 1's asyncio column, one event loop on one thread.

As Fluent Python's flags2_asyncio.py writes it: one aiohttp ClientSession, a coroutine per item behind an
asyncio.Semaphore(C), and asyncio.as_completed over them.
"""

import asyncio

from clients import AsyncClient
from workloads import async_step


class Session:
    """An event loop (uvloop's when asked) that holds one aiohttp session; each job runs to completion on it."""

    def __init__(self, c, timeout, uvloop=False):
        if uvloop:
            import uvloop as uv
            self.loop = uv.new_event_loop()
        else:
            self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)
        self.c = c
        self.client = self.loop.run_until_complete(self._connect(c, timeout))
        loop_name = f"uvloop {uv.__version__}" if uvloop else "asyncio"
        self.settings = dict(self.client.settings, eventLoop=loop_name)

    @staticmethod
    async def _connect(c, timeout):
        return AsyncClient(c, timeout)

    def download(self, job):
        return self.loop.run_until_complete(self.download_many(job))

    async def download_many(self, job):
        step = async_step(job, self.client.get, self.client.timeout_types)
        semaphore = asyncio.Semaphore(self.c)

        async def download_one(i, item):
            async with semaphore:
                return i, await step(item)

        to_do = [download_one(i, item) for i, item in enumerate(job.items)]
        outcomes = [None] * len(job.items)
        for coro in asyncio.as_completed(to_do):
            i, outcome = await coro
            outcomes[i] = outcome
        return outcomes

    def close(self):
        self.loop.run_until_complete(self.client.close())
        self.loop.close()


class UvloopSession(Session):
    """The same model on uvloop's event loop."""

    def __init__(self, c, timeout):
        super().__init__(c, timeout, uvloop=True)
