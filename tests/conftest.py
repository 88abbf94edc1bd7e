"""Shared fixtures: the project root and one strict build of the real site per session."""

import functools
import gzip
import json
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from html_tree import parse_html

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
LOCALES = ("es", "en")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def strict_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in a subprocess: a macro error ends the process (exit 100)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The built site: SITE_DIR when `make test` already built it, else one build here."""
    given = os.environ.get("SITE_DIR")
    if given:
        site = (ROOT / given).resolve()
        assert (site / "index.html").is_file(), f"SITE_DIR={given} holds no built site"
        return site
    site = tmp_path_factory.mktemp("site")
    result = strict_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def site_url_of(site: Path) -> str:
    """The site_url the pages were built with (from the canonical link of the home page)."""
    canonical = parse_html((site / "index.html").read_text(encoding="utf-8")).find("link", rel="canonical")
    return canonical.attrs["href"] if canonical else ""


@pytest.fixture(scope="session")
def site_url(site_dir) -> str:
    return site_url_of(site_dir)


def page_path(site: Path, locale: str, page: str) -> Path:
    """The built file of a page URL path such as 'multimodalidad-iag/'."""
    prefix = "" if locale == "es" else f"{locale}/"
    return site / f"{prefix}{page}" / "index.html"


@pytest.fixture(scope="session")
def load_page(site_dir):
    cache = {}

    def load(locale: str, page: str):
        key = (locale, page)
        if key not in cache:
            cache[key] = parse_html(page_path(site_dir, locale, page).read_text(encoding="utf-8"))
        return cache[key]

    return load


def search_records(site: Path, locale: str) -> dict[str, dict]:
    """What Pagefind indexed for one language, by URL: its fragments are gzipped
    JSON after a fixed signature, with the page's text, title and anchors."""
    records = {}
    for fragment in sorted((site / "pagefind" / "fragment").glob(f"{locale}_*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        record = json.loads(data[len(b"pagefind_dcd"):])
        records[record["url"]] = record
    return records


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: a missing tool is installed by .ci/run, not skipped."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") and skipped and exitstatus == 0:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; CI installs every tool, so this fails", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def page_urls() -> list[str]:
    """URL paths of every page, from the sources: 'multimodalidad-iag/01-x/' and 'en/...'."""
    urls = []
    for source in sorted((ROOT / "docs").rglob("*.es.md")):
        relative = source.relative_to(ROOT / "docs").as_posix()[: -len(".es.md")]
        path = "" if relative == "index" else (relative[: -len("index")] if relative.endswith("/index") else f"{relative}/")
        urls += [path, f"en/{path}"]
    return urls


# -----------------------------------------------------------------------------
# The built site in Debian's Chromium (the build machines cannot download a
# browser, so Playwright drives the system one)
# -----------------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Flags for a root user in a container with no network: without the
# background-networking ones Chromium keeps calling Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the built site under site_url's path (as GitHub Pages serves /repo/);
    a missing page gets the site's 404.html, as on a static host."""

    mount = "/"

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if not path.startswith(self.mount):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.mount):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def base_url(site_dir, site_url):
    mount = urlsplit(site_url).path
    handler = functools.partial(type("SiteHandler", (QuietHandler,), {"mount": mount}), directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does)"
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` (make test does)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """One page in a fresh context, with its console errors and foreign requests recorded."""

    def __init__(self, browser, base_url, **context_options):
        self.base = urlsplit(base_url)
        self.context = browser.new_context(**context_options)
        self.errors, self.foreign, self.failed, self.requests = [], [], [], []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))

    def _route(self, route):
        url = urlsplit(route.request.url)
        if url.scheme in ("data", "blob") or (url.hostname, url.port) == (self.base.hostname, self.base.port):
            self.requests.append(route.request.url)
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def open(self, url):
        self.page.goto(url, wait_until="load")
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, base_url):
    visits = []

    def make(**options):
        v = Visit(browser, base_url, **options)
        visits.append(v)
        return v

    yield make
    for v in visits:
        v.close()


def axe_violations(page):
    if not page.evaluate("typeof axe !== 'undefined'"):  # once per page load
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
