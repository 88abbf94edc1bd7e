"""Page-speed benchmark (make bench): Lighthouse over every page of the site, then
over the same pages built with Material's stock configuration.

Both sites are served locally with gzip, as a real host would serve them, and
audited with Lighthouse's mobile preset in Debian's Chromium. Prints, per page,
the four category scores, LCP, bytes transferred, requests, and requests to
other hosts; then the baseline's totals and the ratios. A benchmark, not a test:
it never fails on a number.
"""

import functools
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.utils.yaml import get_yaml_loader

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
ARTICLE_BUDGET = 80 * 1024
FIGURE = re.compile(r"<svg[^>]*series-figure-art.*?</svg>", re.S)
WIDGET = re.compile(r'<script type="module" src="([^"]*/widgets/[^"]+)"')


class GzipHandler(SimpleHTTPRequestHandler):
    """A static host: gzip for text files when the browser asks for it, 404.html for misses."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the standard redirect to the slash
            path = path / "index.html"
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        else:
            status = 200
        body = path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 9)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        from io import BytesIO
        return BytesIO(body)


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def pages() -> list[str]:
    """Every page, or those whose path contains the command line's argument."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import page_urls  # the tests' list of every page, from the sources

    wanted = sys.argv[1] if len(sys.argv) > 1 else ""
    return [url for url in page_urls() if wanted in url]


def baseline_site(target: Path) -> Path:
    """The same pages with Material's stock configuration: default fonts, no overrides,
    no hooks, no extra CSS or JavaScript (the theme's own bundle and search), no privacy guard."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    config["theme"] = {"name": "material", "language": "es"}
    for key in ("hooks", "extra_css", "extra_javascript", "exclude_docs"):
        config.pop(key, None)
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "privacy" in p)]
    config["plugins"].insert(0, "search")  # the theme's own search (the site uses Pagefind)
    config["docs_dir"] = str(ROOT / "docs")
    config["strict"] = False
    config_file = ROOT / ".bench-baseline.yml"
    config_file.write_text(yaml.dump(config, allow_unicode=True), encoding="utf-8")
    try:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(target)], cwd=ROOT, check=True)
    finally:
        config_file.unlink()
    return target


def audit(url: str, out: Path) -> dict:
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS}",
         "--only-categories=performance,accessibility,best-practices,seo"],
        check=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    requests = report["audits"]["network-requests"]["details"]["items"]
    host = urlsplit(url).netloc
    return {
        "scores": [round(100 * report["categories"][c]["score"]) for c in ("performance", "accessibility", "best-practices", "seo")],
        "lcp": report["audits"]["largest-contentful-paint"]["numericValue"],
        "bytes": report["audits"]["total-byte-weight"]["numericValue"],
        "requests": len(requests),
        "foreign": sum(1 for r in requests if urlsplit(r["url"]).netloc not in (host, "")),
    }


def figure_bytes(site: Path, path: str) -> int:
    """Compressed size of the page's figures (inline SVG and interactive-figure
    modules), to count the first view without them."""
    html = (site / path / "index.html").read_text(encoding="utf-8")
    figures = "".join(FIGURE.findall(html))
    total = len(gzip.compress(figures.encode(), 9)) if figures else 0
    for src in WIDGET.findall(html):
        total += len(gzip.compress(((site / path) / src).resolve().read_bytes(), 9))
    return total


def run(site: Path, label: str, work: Path) -> list[dict]:
    server, base = serve(site)
    rows = []
    print(f"\n{label}: {base}")
    print(f"{'page':52} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'LCP ms':>7} {'KB':>7} {'req':>4} {'other':>5} {'KB no fig':>9}")
    try:
        for index, path in enumerate(pages()):
            result = audit(base + path, work / f"{label}-{index}.json")
            result["path"] = path
            result["first_view"] = result["bytes"] - figure_bytes(site, path)
            rows.append(result)
            print(f"{'/' + path:52} {result['scores'][0]:>4} {result['scores'][1]:>4} {result['scores'][2]:>4} {result['scores'][3]:>4} "
                  f"{result['lcp']:>7.0f} {result['bytes'] / 1024:>7.1f} {result['requests']:>4} {result['foreign']:>5} {result['first_view'] / 1024:>9.1f}")
    finally:
        server.shutdown()
    return rows


def main():
    assert LIGHTHOUSE.is_file(), "run `npm ci --prefix bench` (make bench does)"
    site = ROOT / "site"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours = run(site, "site", work)
        baseline = run(baseline_site(work / "baseline"), "baseline", work)
    total = lambda rows, key: sum(r[key] for r in rows)
    median = lambda rows, key: statistics.median(r[key] for r in rows)
    print("\nTotals over every page")
    print(f"  bytes transferred: site {total(ours, 'bytes') / 1024:.0f} KB, baseline {total(baseline, 'bytes') / 1024:.0f} KB, "
          f"ratio site/baseline {total(ours, 'bytes') / total(baseline, 'bytes'):.2f}")
    print(f"  median LCP: site {median(ours, 'lcp'):.0f} ms, baseline {median(baseline, 'lcp'):.0f} ms, "
          f"ratio {median(ours, 'lcp') / median(baseline, 'lcp'):.2f}")
    perfect = [r["path"] for r in ours if r["scores"] != [100, 100, 100, 100]]
    print(f"  pages below 100 in a category: {perfect or 'none'}")
    articles = [r for r in ours if re.search(r"/\d\d-", "/" + r["path"])]
    over = [(r["path"], round(r["first_view"] / 1024, 1)) for r in articles if r["first_view"] > ARTICLE_BUDGET]
    print(f"  articles over {ARTICLE_BUDGET // 1024} KB compressed without figures: {over or 'none'}")
    print(f"  requests to other hosts: site {total(ours, 'foreign')}, baseline {total(baseline, 'foreign')}")


if __name__ == "__main__":
    main()
