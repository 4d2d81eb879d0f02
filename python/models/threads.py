"""python-threads: Table 1's threading column, a threading.Thread per item and a Semaphore that lets C run."""

import threading

from clients import BlockingClient
from workloads import blocking_step


class Session:
    """One httpx client shared by the threads; each job starts a thread per item once the semaphore lets it."""

    def __init__(self, c, timeout):
        self.c = c
        self.client = BlockingClient(c, timeout)
        self.settings = self.client.settings

    def download(self, job):
        step = blocking_step(job, self.client.get, self.client.timeout_types)
        semaphore = threading.Semaphore(self.c)
        outcomes = [None] * len(job.items)

        def worker(i, item):
            try:
                outcomes[i] = step(item)
            finally:
                semaphore.release()

        threads = []
        for i, item in enumerate(job.items):
            semaphore.acquire()
            t = threading.Thread(target=worker, args=(i, item), daemon=True)
            t.start()
            threads.append(t)
        for t in threads:
            t.join()
        return outcomes

    def close(self):
        self.client.close()
