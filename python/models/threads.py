"""python-threads: Table 1's threading column, a threading.Thread per item and a Semaphore that lets C run."""

import threading

from clients import BlockingClient
from workloads import blocking_step


class Session:
    """One httpx client shared by the threads; a job starts a thread per item once the semaphore lets it, and waits
    for every permit to come back."""

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

        for i, item in enumerate(job.items):
            semaphore.acquire()
            threading.Thread(target=worker, args=(i, item), daemon=True).start()
        for _ in range(self.c):  # every permit back: every thread has finished its item
            semaphore.acquire()
        return outcomes

    def close(self):
        self.client.close()
