"""The echo servers of the Python models, one per style: each echoes every byte back until the client closes.

sequential: one connection at a time on one thread; threads: socketserver's thread per connection (threading);
threadpool: an accept loop handing each connection to a ThreadPoolExecutor(max_workers=pool size), as
concurrent.futures would; asyncio (and uvloop): asyncio.start_server, a coroutine per connection on one loop.
The blocking servers serve on a background thread while the caller speaks the protocol on the main thread; the
asyncio server reads the protocol on its own loop, so that it stays one thread.
"""

import asyncio
import socket
import socketserver
import threading
from concurrent import futures

BUFFER = 64 * 1024


def echo_blocking(conn):
    """Echoes on a blocking socket until EOF or a reset, then closes it."""
    with conn:
        try:
            while True:
                data = conn.recv(BUFFER)
                if not data:
                    return
                conn.sendall(data)
        except OSError:
            return  # a client that resets is its own loss, not the server's


def _listener():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(socket.SOMAXCONN)
    return s


class _Handler(socketserver.BaseRequestHandler):
    def handle(self):
        echo_blocking(self.request)


class _ThreadingServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = socket.SOMAXCONN

    def shutdown_request(self, request):
        pass  # echo_blocking closes it


class ThreadsServer:
    """socketserver.ThreadingTCPServer: a threading.Thread per connection."""

    def __init__(self, pool_size):
        self.server = _ThreadingServer(("127.0.0.1", 0), _Handler)
        self.port = self.server.server_address[1]
        self.settings = {"server": "socketserver.ThreadingTCPServer (a thread per connection)"}
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


class AcceptLoopServer:
    """An accept loop on one thread handing each connection to an executor (or serving it itself)."""

    def __init__(self, executor, description):
        self.listener = _listener()
        self.port = self.listener.getsockname()[1]
        self.executor = executor
        self.settings = {"server": description}
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            conn, _ = self.listener.accept()
            if self.executor is None:
                echo_blocking(conn)
            else:
                self.executor.submit(echo_blocking, conn)


def sequential_server(pool_size):
    return AcceptLoopServer(None, "one connection at a time on one thread")


def threadpool_server(pool_size):
    return AcceptLoopServer(futures.ThreadPoolExecutor(max_workers=pool_size),
                            f"accept loop + ThreadPoolExecutor(max_workers={pool_size})")


BLOCKING = {"sequential": sequential_server, "threads": ThreadsServer, "threadpool": threadpool_server}


async def handle_echo(reader, writer):
    """asyncio's echo: read, write, drain, until EOF."""
    try:
        while True:
            data = await reader.read(BUFFER)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass  # a client that resets is its own loss, not the server's
    finally:
        writer.close()


async def asyncio_server():
    return await asyncio.start_server(handle_echo, "127.0.0.1", 0, backlog=socket.SOMAXCONN)
