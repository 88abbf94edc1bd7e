"""Search benchmark (part of make bench): what a reader downloads for a first and
a second query, and how long the first result takes, in Debian's Chromium.

    python bench/search_speed.py [SITE_DIR ...]

Each built site (default: site/) is served with gzip, as a real host would, and
searched from the same article: bytes fetched for the first query ("alineación")
and for a second one ("temperatura"), and the time from the query typed in the
box to the first result on screen (for the first query, loading the engine and
its index included).
Pass the site of an older commit to compare engines on the same pages.
"""

import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CHROMIUM, serve  # noqa: E402  (the gzip server of the page-speed benchmark)

ROOT = Path(__file__).resolve().parents[1]
PAGE = "multimodalidad-iag/03-alineacion-cross-modal/"
QUERIES = ("alineación", "temperatura")
RUNS = 5
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def one_visit(browser, base: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    transferred = []
    page.on("response", lambda r: transferred.append(int(r.headers.get("content-length", 0))))
    page.goto(base + PAGE, wait_until="networkidle")
    before = sum(transferred)
    result = {"page": before}
    for index, query in enumerate(QUERIES):
        start_bytes = sum(transferred)
        page.keyboard.press("/")
        box = page.locator("input.md-search__input")
        box.fill("")
        start = page.evaluate("performance.now()")
        box.fill(query)  # the whole query at once: the first one also waits for the engine and index
        page.locator(".md-search-result__item").first.wait_for()
        result[f"ms{index}"] = page.evaluate("performance.now()") - start
        page.wait_for_load_state("networkidle")
        result[f"kb{index}"] = (sum(transferred) - start_bytes) / 1024
        page.keyboard.press("Escape")
    context.close()
    return result


def measure(site: Path) -> None:
    server, base = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            visits = [one_visit(browser, base) for _ in range(RUNS)]
            browser.close()
    finally:
        server.shutdown()
    median = lambda key: statistics.median(v[key] for v in visits)
    print(f"{site}: first query {median('kb0'):.1f} KB, second {median('kb1'):.1f} KB (compressed); "
          f"first result after {median('ms0'):.0f} ms and {median('ms1'):.0f} ms (medians of {RUNS} visits)")


if __name__ == "__main__":
    for site in sys.argv[1:] or [str(ROOT / "site")]:
        measure(Path(site))
