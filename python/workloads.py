"""What the download workloads mean, the same for every Python model (core's Downloads, in Python).

The URLs, and how a response becomes an item's outcome, are those of the JVM models, so that the mock server
counts the same requests for both: {base}flags/{cc}/{cc}.gif, {base}flags/{cc}/metadata.json, {base}peps/pep-NNNN/.
Each model only decides how the items are scheduled; it calls the workload's step for each item with a `get`
function of its own client (blocking or a coroutine); the requests of an item are one generator for both.
"""

import json
import re
import time
import zlib
from dataclasses import dataclass

OK, NOT_FOUND, ERROR, TIMEOUT, CANCELLED = "OK", "NOT_FOUND", "ERROR", "TIMEOUT", "CANCELLED"
STATUSES = (OK, NOT_FOUND, ERROR, TIMEOUT, CANCELLED)
REQUESTS_PER_ITEM = {"flags": 1, "flags+metadata": 2, "peps": 1}
_TITLE = re.compile(r"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_NOT_A_NAME_CHAR = re.compile(r"[^\w().,'-]+")


@dataclass(frozen=True)
class Outcome:
    """What became of one item: its status, body bytes and CRC-32 (OK only), a detail, its latency in ns, and when
    it ended (time.perf_counter_ns(), the window's clock)."""
    item: str
    status: str
    bytes: int = 0
    checksum: int = 0
    detail: str = ""
    latency_ns: int = 0
    end_ns: int = 0


@dataclass(frozen=True)
class Response:
    """An HTTP response as the steps read it."""
    status: int
    reason: str
    body: bytes


@dataclass
class Job:
    """One download job: the items, from where, at most c at once, each request within timeout seconds."""
    base_url: str
    workload: str
    items: list
    c: int
    timeout: float
    output_dir: str = None

    def __post_init__(self):
        if not self.base_url.endswith("/"):
            self.base_url += "/"


class Timeout(Exception):
    """A client's own timeout, mapped so that the step reports TIMEOUT."""


def flag_url(base, cc):
    lc = cc.lower()
    return f"{base}flags/{lc}/{lc}.gif"


def metadata_url(base, cc):
    return f"{base}flags/{cc.lower()}/metadata.json"


def pep_url(base, number):
    return f"{base}peps/pep-{int(number):04d}/"


def status_line(r):
    return f"HTTP {r.status} {r.reason}" if r.reason else f"HTTP {r.status}"


def not_ok(item, r):
    return Outcome(item, NOT_FOUND if r.status == 404 else ERROR, detail=status_line(r))


def flag_outcome(cc, r, file_name):
    if r.status != 200:
        return not_ok(cc, r)
    if len(r.body) < 6 or r.body[:3] != b"GIF":
        return Outcome(cc, ERROR, detail=f"body is not a GIF ({len(r.body)} bytes)")
    return Outcome(cc, OK, len(r.body), zlib.crc32(r.body), file_name)


def country_file_name(r):
    """Fluent Python's flags3: the flag is saved under the country's name, e.g. United_States.gif."""
    if r.status != 200:
        raise ValueError("metadata: " + status_line(r))
    country = json.loads(r.body).get("country")
    if not isinstance(country, str) or not country.strip():
        raise ValueError("metadata.json has no country name")
    return _NOT_A_NAME_CHAR.sub("_", country) + ".gif"


def pep_outcome(number, r):
    if r.status != 200:
        return not_ok(number, r)
    m = _TITLE.search(r.body.decode("utf-8", "replace"))
    if not m:
        return Outcome(number, ERROR, detail=f"page has no <title> ({len(r.body)} bytes)")
    return Outcome(number, OK, len(r.body), zlib.crc32(r.body), m.group(1).strip())


def failure(item, exc, timeout_types):
    """An exception as the item's outcome: TIMEOUT for the client's timeouts, ERROR naming the exception otherwise."""
    if isinstance(exc, timeout_types):
        return Outcome(item, TIMEOUT, detail=describe(exc))
    return Outcome(item, ERROR, detail=describe(exc))


def describe(exc):
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def save(job, file_name, body):
    if job.output_dir:
        import os
        os.makedirs(job.output_dir, exist_ok=True)
        with open(os.path.join(job.output_dir, file_name), "wb") as f:
            f.write(body)


def _timed(item, t0, outcome):
    end = time.perf_counter_ns()
    return Outcome(outcome.item, outcome.status, outcome.bytes, outcome.checksum, outcome.detail, end - t0, end)


def item_requests(job, item):
    """One item of job's workload, without I/O: a generator that yields each URL to GET, is sent its Response,
    and returns the item's outcome (saving the body if the job asks for files). Both drivers below run it."""
    if job.workload == "flags":
        return (yield from _flag(job, item, item + ".gif"))
    if job.workload == "flags+metadata":
        meta = yield metadata_url(job.base_url, item)
        if meta.status != 200:
            return not_ok(item, meta)
        return (yield from _flag(job, item, country_file_name(meta)))
    r = yield pep_url(job.base_url, item)
    o = pep_outcome(item, r)
    if o.status == OK:
        save(job, f"pep-{int(item):04d}.html", r.body)
    return o


def _flag(job, cc, file_name):
    r = yield flag_url(job.base_url, cc)
    o = flag_outcome(cc, r, file_name)
    if o.status == OK:
        save(job, file_name, r.body)
    return o


def blocking_step(job, get, timeout_types):
    """The workload's step as a blocking function of an item: get(url) returns a Response. Never raises."""
    def step(item):
        t0 = time.perf_counter_ns()
        requests = item_requests(job, item)
        try:
            url = next(requests)
            while True:
                r = get(url)
                url = requests.send(r)
        except StopIteration as done:
            return _timed(item, t0, done.value)
        except Exception as e:  # every failure is the item's outcome; none escapes
            return _timed(item, t0, failure(item, e, timeout_types))
    return step


def async_step(job, get, timeout_types):
    """The workload's step as a coroutine function of an item: await get(url) returns a Response. Never raises."""
    async def step(item):
        t0 = time.perf_counter_ns()
        requests = item_requests(job, item)
        try:
            url = next(requests)
            while True:
                r = await get(url)
                url = requests.send(r)
        except StopIteration as done:
            return _timed(item, t0, done.value)
        except Exception as e:  # every failure is the item's outcome; none escapes
            return _timed(item, t0, failure(item, e, timeout_types))
    return step
