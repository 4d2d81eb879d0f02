"""python-sequential: one request after another, as Fluent Python's flags.py does (the baseline)."""

from clients import BlockingClient
from workloads import blocking_step


class Session:
    """One pooled httpx client; the items run one at a time on the calling thread."""

    def __init__(self, c, timeout):
        self.client = BlockingClient(c, timeout)
        self.settings = self.client.settings

    def download(self, job):
        step = blocking_step(job, self.client.get, self.client.timeout_types)
        return [step(item) for item in job.items]

    def close(self):
        self.client.close()
