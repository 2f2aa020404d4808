"""A local HTTP server for the network tests: 127.0.0.1, a random port, a thread; never the
internet. Routes are set per test; every request is recorded (path, User-Agent, and the time
of a fake clock when one is given)."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Route:
    """A response, or a list of them served in turn (the last one repeats)."""

    status: int | list[int] = 200
    body: bytes | str = b""
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds before answering (a slow endpoint)
    trickle: float = 0.0  # seconds between the body's bytes (a server that keeps you waiting)
    headers: dict[str, str] = field(default_factory=dict)
    served: int = 0

    def next_status(self) -> int:
        if isinstance(self.status, int):
            return self.status
        status = self.status[min(self.served, len(self.status) - 1)]
        return status


@dataclass
class Hit:
    path: str
    user_agent: str
    at: float


class FakeClock:
    """A monotonic clock that moves only when slept on; records every sleep."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.now += seconds


class LocalServer:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.clock = clock
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits.append(Hit(self.path, self.headers.get("User-Agent", ""),
                                       server.clock()))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                status = route.next_status()
                route.served += 1
                if route.delay:
                    time.sleep(route.delay)
                body = route.body.encode("utf-8") if isinstance(route.body, str) else route.body
                body = body.replace(b"{base}", server.base.encode("ascii"))
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Content-Length", str(len(body)))
                    for key, value in route.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    if route.trickle:
                        for byte in body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(route.trickle)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    pass

            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,),
                                       daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [hit.path for hit in self.hits]


@contextmanager
def local_server(clock: Callable[[], float] = time.monotonic) -> Iterator[LocalServer]:
    server = LocalServer(clock)
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
