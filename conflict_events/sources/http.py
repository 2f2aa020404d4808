"""A polite HTTP client on the standard library, for feeds and the pages they link to.

- a User-Agent naming the project, its version and its home page;
- robots.txt respected (urllib.robotparser, fetched once per site and cached; a Crawl-delay
  raises the interval for that site). As RFC 9309 says: a robots.txt that is missing (4xx)
  allows everything, one that cannot be fetched (5xx, network error) disallows everything;
- a per-host rate limit: at least `min_interval` seconds between two requests to one host;
- timeouts (`timeout` for each network read, `max_seconds` for a whole response), and
  retries with exponential backoff (backoff * 2**attempt, capped) on 5xx, 429,
  timeouts and failed connections; other 4xx are final;
- a maximum response size, checked on Content-Length and while reading (and after gzip
  decompression: gzip is accepted, to spare bandwidth);
- http and https only: no file:, ftp: or data: URLs, also not through redirects.
Every failure is a FetchError (an ArticleRejected) with a code: http_error, timeout,
network_error, robots_disallowed, too_large.

The clock and sleep are injectable so the rate limit and backoff are tested without waiting.
"""

from __future__ import annotations

import email.message
import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from conflict_events._version import __version__
from conflict_events.errors import FetchError

PROJECT_URL = "https://github.com/conflict-events/conflict_events"
USER_AGENT = f"conflict-events/{__version__} (+{PROJECT_URL})"
MAX_RESPONSE_BYTES = 10_000_000
MAX_ROBOTS_BYTES = 512_000
MAX_CRAWL_DELAY = 60.0
# read_inputs options that configure the run's client (see HttpClient)
HTTP_OPTIONS = frozenset({"user_agent", "timeout", "retries", "backoff", "min_interval",
                          "respect_robots", "max_seconds"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504}) | frozenset(range(505, 600))


@dataclass
class Response:
    url: str  # after redirects
    status: int
    headers: email.message.Message
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get_content_type()

    @property
    def charset(self) -> str | None:
        return self.headers.get_content_charset()

    def text(self) -> str:
        try:
            return self.body.decode(self.charset or "utf-8", "replace")
        except LookupError:
            return self.body.decode("utf-8", "replace")


@dataclass
class _Host:
    next_request: float = 0.0
    interval: float = 0.0
    robots: urllib.robotparser.RobotFileParser | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    robots_lock: threading.Lock = field(default_factory=threading.Lock)


class _StatusError(FetchError):
    """An error status, with the delay the server asked for (Retry-After), if any."""

    def __init__(self, url: str, status: int, reason: str, retry_after: float | None) -> None:
        self.retry_after = retry_after
        super().__init__("http_error", f"HTTP {status} {reason}", input_name=url, status=status)


class _HttpOnlyRedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only."""

    def redirect_request(self, req: urllib.request.Request, fp: object, code: int, msg: str,
                         headers: email.message.Message, newurl: str
                         ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise FetchError("http_error", f"redirect to a non-HTTP URL {newurl!r} refused",
                             input_name=req.full_url, status=code)
        return super().redirect_request(req, fp, code, msg, headers, newurl)  # type: ignore[arg-type]


class HttpClient:
    """GET with politeness. One client per run: it holds the per-host state."""

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_backoff: float = 60.0,
        min_interval: float = 1.0,
        max_bytes: int = MAX_RESPONSE_BYTES,
        max_seconds: float = 120.0,
        respect_robots: bool = True,
        proxies: dict[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.user_agent = user_agent
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.min_interval = min_interval
        self.max_bytes = max_bytes
        self.max_seconds = max_seconds
        self.respect_robots = respect_robots
        self.clock = clock
        self.sleep = sleep
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._opener = _opener(proxies)  # None: the environment's proxies
        self._direct = _opener({})  # this machine is never reached through a proxy

    # -- public ---------------------------------------------------------------------------

    def get(self, url: str) -> Response:
        """The response to GET `url` (2xx), or FetchError."""
        self._check_url(url)
        if self.respect_robots and not self.allowed(url):
            raise FetchError("robots_disallowed", f"robots.txt of {_site(url)} disallows it for "
                             f"{self.user_agent.split('/')[0]}", input_name=url)
        return self._get_with_retries(url, self.max_bytes)

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets this client fetch `url`."""
        host = self._host(url)
        with host.robots_lock:  # one robots.txt request per site, also across threads
            if host.robots is None:
                host.robots = self._fetch_robots(url)
                delay = host.robots.crawl_delay(self.user_agent)
                if delay is not None:
                    host.interval = max(host.interval, min(float(delay), MAX_CRAWL_DELAY))
        return host.robots.can_fetch(self.user_agent, url)

    # -- internals ------------------------------------------------------------------------

    @staticmethod
    def _check_url(url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError("http_error", "only http and https URLs are fetched",
                             input_name=url)

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        with self._hosts_lock:
            if key not in self._hosts:
                self._hosts[key] = _Host(interval=self.min_interval)
            return self._hosts[key]

    def _wait_turn(self, url: str) -> None:
        """Sleep until this host may be asked again, and book the next slot."""
        host = self._host(url)
        with host.lock:
            wait = host.next_request - self.clock()
            if wait > 0:
                self.sleep(wait)
            host.next_request = self.clock() + host.interval

    def _fetch_robots(self, url: str) -> urllib.robotparser.RobotFileParser:
        robots_url = f"{_site(url)}/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        try:
            response = self._get_with_retries(robots_url, MAX_ROBOTS_BYTES)
        except FetchError as exc:
            missing = exc.status is not None and 400 <= exc.status < 500
            parser.parse([] if missing else ["User-agent: *", "Disallow: /"])
            return parser
        parser.parse(response.text().splitlines())
        return parser

    def _get_with_retries(self, url: str, max_bytes: int) -> Response:
        attempt = 0
        while True:
            self._wait_turn(url)
            try:
                return self._get_once(url, max_bytes)
            except FetchError as exc:
                retriable = exc.code in ("timeout", "network_error") or (
                    exc.code == "http_error" and exc.status in RETRY_STATUSES)
                if not retriable or attempt >= self.retries:
                    raise
                delay = min(self.backoff * 2 ** attempt, self.max_backoff)
                if isinstance(exc, _StatusError) and exc.retry_after is not None:
                    delay = min(max(delay, exc.retry_after), self.max_backoff)
                self.sleep(delay)
                attempt += 1

    def _read_body(self, answer: Any, max_bytes: int, url: str) -> bytes:
        """At most max_bytes + 1 bytes, within max_seconds of real time: `timeout` bounds
        each read, this bounds a server that trickles bytes to keep it waiting."""
        started = time.monotonic()
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = answer.read1(min(65536, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if time.monotonic() - started > self.max_seconds:
                raise FetchError("timeout", f"the response took over {self.max_seconds:g} s",
                                 input_name=url)
        return b"".join(chunks)

    def _get_once(self, url: str, max_bytes: int) -> Response:
        request = urllib.request.Request(url, headers={
            "User-Agent": self.user_agent,
            "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                      "text/html;q=0.9, */*;q=0.5",
            "Accept-Encoding": "gzip",
        })
        try:
            opener = self._direct if _is_loopback(url) else self._opener
            with opener.open(request, timeout=self.timeout) as answer:
                length = answer.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > max_bytes:
                    raise FetchError("too_large", f"{int(length):,} bytes is over the limit of "
                                     f"{max_bytes:,}", input_name=url)
                body = self._read_body(answer, max_bytes, url)
                if answer.headers.get("Content-Encoding", "").strip().lower() == "gzip":
                    body = _gunzip(body, max_bytes, url)
                if len(body) > max_bytes:
                    raise FetchError("too_large", f"response over the limit of {max_bytes:,} "
                                     "bytes", input_name=url)
                return Response(answer.geturl(), answer.status, answer.headers, body)
        except FetchError:
            raise
        except urllib.error.HTTPError as exc:
            header = exc.headers.get("Retry-After") if exc.headers else None
            retry_after = float(header) if header and header.strip().isdigit() else None
            raise _StatusError(url, exc.code, str(exc.reason), retry_after) from exc
        except TimeoutError as exc:
            raise FetchError("timeout", f"no answer within {self.timeout:g} s",
                             input_name=url) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise FetchError("timeout", f"no answer within {self.timeout:g} s",
                                 input_name=url) from exc
            raise FetchError("network_error", f"{exc.reason}", input_name=url) from exc
        except (OSError, ValueError) as exc:  # reset connections, bad status lines, bad URLs
            raise FetchError("network_error", f"{type(exc).__name__}: {exc}",
                             input_name=url) from exc


def _opener(proxies: dict[str, str] | None) -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(proxies),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _HttpOnlyRedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == "localhost" or host.startswith("127.") or host == "::1"


def _gunzip(body: bytes, max_bytes: int, url: str) -> bytes:
    """A gzip body, decompressed to at most max_bytes + 1 bytes (no decompression bombs)."""
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        return inflater.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise FetchError("network_error", f"broken gzip response: {exc}", input_name=url
                         ) from exc


def _site(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def client_from_options(options: Mapping[str, Any]) -> HttpClient:
    """The HttpClient of `options` (key http_client), or a new one built from its HTTP_OPTIONS."""
    client = options.get("http_client")
    if isinstance(client, HttpClient):
        return client
    settings = {k: options[k] for k in HTTP_OPTIONS if options.get(k) is not None}
    return HttpClient(**settings)
