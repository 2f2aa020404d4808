"""The HTTP client against a local server: user agent, retries with backoff, timeouts,
robots.txt, the per-host rate limit (on a fake clock) and the size limit."""

from __future__ import annotations

import itertools

import pytest
from sources_server import FakeClock, LocalServer, Route, local_server

from conflict_events._version import __version__
from conflict_events.errors import ArticleRejected, FetchError
from conflict_events.sources.http import USER_AGENT, HttpClient

ROBOTS = "User-agent: *\nDisallow: /private/\n"


def client(clock: FakeClock, **settings: object) -> HttpClient:
    values: dict[str, object] = {"timeout": 2.0, "retries": 2, "backoff": 0.5,
                                 "min_interval": 0.0, "proxies": {}}
    values.update(settings)
    return HttpClient(clock=clock, sleep=clock.sleep, **values)  # type: ignore[arg-type]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def server(clock: FakeClock) -> LocalServer:
    with local_server(clock) as running:
        running.routes["/robots.txt"] = Route(body=ROBOTS, content_type="text/plain")
        yield running


def test_get_sends_the_project_user_agent(server: LocalServer, clock: FakeClock) -> None:
    server.routes["/page"] = Route(body="<p>hello</p>")
    response = client(clock).get(server.url("/page"))
    assert response.status == 200 and response.body == b"<p>hello</p>"
    assert response.charset == "utf-8" and response.content_type == "text/html"
    page_hit = next(h for h in server.hits if h.path == "/page")
    assert page_hit.user_agent == USER_AGENT
    assert f"conflict-events/{__version__}" in USER_AGENT and "http" in USER_AGENT


def test_retries_5xx_with_exponential_backoff(server: LocalServer, clock: FakeClock) -> None:
    server.routes["/flaky"] = Route(status=[500, 503, 200], body="ok")
    response = client(clock, retries=3).get(server.url("/flaky"))
    assert response.body == b"ok"
    assert server.paths().count("/flaky") == 3
    assert clock.sleeps == [0.5, 1.0]  # backoff * 2**attempt


def test_gives_up_after_the_retries(server: LocalServer, clock: FakeClock) -> None:
    server.routes["/down"] = Route(status=502)
    with pytest.raises(FetchError) as caught:
        client(clock, retries=2).get(server.url("/down"))
    assert caught.value.code == "http_error" and caught.value.status == 502
    assert isinstance(caught.value, ArticleRejected)
    assert server.paths().count("/down") == 3
    assert clock.sleeps == [0.5, 1.0]


def test_no_retry_on_4xx(server: LocalServer, clock: FakeClock) -> None:
    with pytest.raises(FetchError) as caught:
        client(clock).get(server.url("/missing"))
    assert caught.value.code == "http_error" and caught.value.status == 404
    assert server.paths().count("/missing") == 1
    assert clock.sleeps == []


def test_retry_after_is_honoured_on_429(server: LocalServer, clock: FakeClock) -> None:
    server.routes["/busy"] = Route(status=[429, 200], body="ok", headers={"Retry-After": "7"})
    assert client(clock).get(server.url("/busy")).body == b"ok"
    assert clock.sleeps == [7.0]


def test_timeout_is_retried_then_reported(server: LocalServer, clock: FakeClock) -> None:
    server.routes["/slow"] = Route(body="late", delay=1.5)
    with pytest.raises(FetchError) as caught:
        client(clock, timeout=0.2, retries=1).get(server.url("/slow"))
    assert caught.value.code == "timeout"
    assert server.paths().count("/slow") == 2
    assert clock.sleeps == [0.5]


def test_robots_txt_disallows_a_path(server: LocalServer, clock: FakeClock) -> None:
    server.routes["/private/secret"] = Route(body="secret")
    server.routes["/public"] = Route(body="public")
    http = client(clock)
    with pytest.raises(FetchError) as caught:
        http.get(server.url("/private/secret"))
    assert caught.value.code == "robots_disallowed"
    assert http.get(server.url("/public")).body == b"public"
    assert "/private/secret" not in server.paths()
    assert server.paths().count("/robots.txt") == 1  # cached per host


def test_robots_can_be_ignored_on_request(server: LocalServer, clock: FakeClock) -> None:
    server.routes["/private/secret"] = Route(body="secret")
    assert client(clock, respect_robots=False).get(server.url("/private/secret")).body == (
        b"secret")
    assert "/robots.txt" not in server.paths()


def test_missing_robots_allows_and_failing_robots_disallows(clock: FakeClock) -> None:
    with local_server(clock) as server:  # no /robots.txt: 404
        server.routes["/a"] = Route(body="a")
        assert client(clock).get(server.url("/a")).body == b"a"
    with local_server(clock) as server:
        server.routes["/robots.txt"] = Route(status=500)
        server.routes["/a"] = Route(body="a")
        with pytest.raises(FetchError) as caught:
            client(clock, retries=0).get(server.url("/a"))
        assert caught.value.code == "robots_disallowed"
        assert "/a" not in server.paths()


def test_rate_limit_spaces_requests_to_one_host(server: LocalServer, clock: FakeClock) -> None:
    for name in ("a", "b", "c", "d"):
        server.routes[f"/{name}"] = Route(body=name)
    http = client(clock, min_interval=2.0)
    for name in ("a", "b", "c", "d"):
        http.get(server.url(f"/{name}"))
    times = [hit.at for hit in server.hits]  # robots.txt, a, b, c, d on the fake clock
    assert len(times) == 5
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert all(gap >= 2.0 for gap in gaps), gaps
    assert sum(clock.sleeps) == pytest.approx(8.0)


def test_crawl_delay_raises_the_interval(server: LocalServer, clock: FakeClock) -> None:
    server.routes["/robots.txt"] = Route(body="User-agent: *\nCrawl-delay: 5\n",
                                         content_type="text/plain")
    server.routes["/a"] = Route(body="a")
    http = client(clock, min_interval=1.0)
    http.get(server.url("/a"))
    http.get(server.url("/a"))
    page_times = [hit.at for hit in server.hits if hit.path == "/a"]
    assert page_times[1] - page_times[0] >= 5.0


def test_response_size_limit(server: LocalServer, clock: FakeClock) -> None:
    server.routes["/big"] = Route(body=b"x" * 5000)
    with pytest.raises(FetchError) as caught:
        client(clock, max_bytes=1000).get(server.url("/big"))
    assert caught.value.code == "too_large"


def test_only_http_urls(clock: FakeClock) -> None:
    for url in ("file:///etc/passwd", "ftp://example.org/x", "data:text/plain,hi"):
        with pytest.raises(FetchError) as caught:
            client(clock).get(url)
        assert caught.value.code == "http_error"


def test_connection_refused_is_a_network_error(clock: FakeClock) -> None:
    with local_server(clock) as server:
        url = server.url("/gone")
    with pytest.raises(FetchError) as caught:
        client(clock, retries=1, respect_robots=False).get(url)
    assert caught.value.code == "network_error"
    assert clock.sleeps == [0.5]


def test_gzip_responses_are_decompressed_within_the_limit(server: LocalServer,
                                                          clock: FakeClock) -> None:
    import gzip

    server.routes["/zipped"] = Route(body=gzip.compress(b"<p>zipped</p>"),
                                     headers={"Content-Encoding": "gzip"})
    server.routes["/bomb"] = Route(body=gzip.compress(b"0" * 2_000_000),
                                   headers={"Content-Encoding": "gzip"})
    http = client(clock, max_bytes=100_000)
    assert http.get(server.url("/zipped")).body == b"<p>zipped</p>"
    with pytest.raises(FetchError) as caught:
        http.get(server.url("/bomb"))
    assert caught.value.code == "too_large"


def test_a_trickling_server_hits_the_whole_response_limit(server: LocalServer,
                                                          clock: FakeClock) -> None:
    # 40 bytes, one every 0.05 s: 2 s in all, never 0.5 s without a byte
    server.routes["/trickle"] = Route(body=b"x" * 40, trickle=0.05)
    with pytest.raises(FetchError) as caught:
        client(clock, timeout=0.5, retries=0, max_seconds=0.3).get(server.url("/trickle"))
    assert caught.value.code == "timeout" and "took over" in caught.value.reason
