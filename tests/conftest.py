"""Shared fixtures: the project root and one strict build of the real site per session."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from html_tree import parse_html

ROOT = Path(__file__).resolve().parents[1]
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
