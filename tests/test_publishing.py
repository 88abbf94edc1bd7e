"""Publishing an article: flipping `status: draft` to `published` lists it everywhere.

Built on a copy of the project, since the real article 1 may still be a draft.
"""

import json

import pytest

from conftest import page_path, strict_build
from html_tree import parse_html
from test_build_failures import edit, project  # noqa: F401  (fixture: a copy of the project)

pytestmark = pytest.mark.site
STEM = "01-que-es-multimodalidad"


@pytest.fixture
def published_site(project):  # noqa: F811
    for locale in ("es", "en"):
        edit(project, f"docs/multimodalidad-iag/{STEM}.{locale}.md", "status: draft", "status: published")
    result = strict_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def page(site, locale, path):
    return parse_html(page_path(site, locale, path).read_text(encoding="utf-8"))


def test_a_published_article_is_listed_everywhere(published_site):
    for locale, count in (("es", "1 publicado"), ("en", "1 published")):
        landing = page(published_site, locale, "multimodalidad-iag/")
        lineup = landing.find("article").find("ol")
        first = lineup.find("li").find("a")
        assert first is not None and first.attrs["href"] == f"{STEM}/"
        assert [a for a in lineup.find_all("a")] == [first], "only published articles are links"
        assert count in landing.find("section", cls="series-meta").text
        nav = [a.attrs["href"] for a in page(published_site, locale, "").find_all("a", cls="md-nav__link")]
        assert f"multimodalidad-iag/{STEM}/" in nav
        article = page(published_site, locale, f"multimodalidad-iag/{STEM}/")
        assert article.find("meta", name="robots") is None
        assert article.find("section", cls="series-meta--article").find(cls="series-meta-badge--draft") is None
    assert f"multimodalidad-iag/{STEM}/" in (published_site / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((published_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d for d in index["docs"] if STEM in d["location"]]
