"""Draft and published: `status` decides whether an article is listed anywhere.

Built on a copy of the project with article 1 turned back into a draft.
"""

import json
import shutil

import pytest

import macros
from conftest import ROOT, page_path, strict_build
from html_tree import parse_html
from test_build_failures import PROJECT_PARTS, edit

pytestmark = pytest.mark.site
STEM = "01-que-es-multimodalidad"


@pytest.fixture(scope="module")
def draft_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("project")
    for part in PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / part)
    for locale in ("es", "en"):
        edit(project, f"docs/multimodalidad-iag/{STEM}.{locale}.md", "status: published", "status: draft")
    result = strict_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def page(site, locale, path):
    return parse_html(page_path(site, locale, path).read_text(encoding="utf-8"))


@pytest.mark.parametrize("locale", ["es", "en"])
def test_a_draft_is_reachable_but_listed_nowhere(draft_site, locale):
    article = page(draft_site, locale, f"multimodalidad-iag/{STEM}/")
    assert article.find("meta", name="robots").attrs["content"] == "noindex"
    assert article.find("section", cls="series-meta--article").find(cls="series-meta-badge--draft") is not None
    landing = page(draft_site, locale, "multimodalidad-iag/")
    assert STEM not in " ".join(a.attrs.get("href", "") for a in landing.find_all("a"))
    published = macros.published_count(ROOT / "docs", "multimodalidad-iag", locale)
    assert landing.find("section", cls="series-meta").attrs["data-articles"] == str(published - 1)
    assert STEM not in " ".join(a.attrs.get("href", "") for a in page(draft_site, locale, "").find_all("a"))
    assert STEM not in (draft_site / "sitemap.xml").read_text(encoding="utf-8")
    prefix = "" if locale == "es" else "en/"
    index = json.loads((draft_site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if STEM in d["location"]]


@pytest.mark.parametrize("locale", ["es", "en"])
def test_a_draft_never_appears_in_the_feed(draft_site, locale):
    feed = (draft_site / macros.locale_prefix(locale) / "feed.xml").read_text(encoding="utf-8")
    assert STEM not in feed
    assert "02-embeddings-y-espacios-latentes" in feed, "the published ones are still there"
