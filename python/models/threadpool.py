"""python-threadpool: Table 1's concurrent.futures column, as Fluent Python's flags2_threadpool.py writes it."""

from concurrent import futures

from clients import BlockingClient
from workloads import blocking_step


class Session:
    """One httpx client and one ThreadPoolExecutor(max_workers=C); a job submits every item and reads as_completed."""

    def __init__(self, c, timeout):
        self.client = BlockingClient(c, timeout)
        self.executor = futures.ThreadPoolExecutor(max_workers=c)
        self.settings = dict(self.client.settings, executor=f"ThreadPoolExecutor(max_workers={c})")

    def download(self, job):
        step = blocking_step(job, self.client.get, self.client.timeout_types)
        to_do_map = {self.executor.submit(step, item): i for i, item in enumerate(job.items)}
        outcomes = [None] * len(job.items)
        for future in futures.as_completed(to_do_map):
            outcomes[to_do_map[future]] = future.result()
        return outcomes

    def close(self):
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.client.close()
