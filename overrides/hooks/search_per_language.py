"""One search index per language, loaded only when a reader searches.

The i18n plugin merges both languages into one index, so a Spanish reader gets
English results too. After it has written that index, this hook splits it:
`search/search_index.json` keeps the Spanish pages and `en/search/search_index.json`
the English ones, and each page's theme configuration points the search at the
index of its own language.

The theme's search would download the index, a worker and the lunr language
files on every page view. Its search box is kept, but the theme is told there
is no search to start (the form is renamed and the component unmarked), and
docs/assets/javascripts/search.js drives the box: it fetches the index of the
page's language the first time the box is opened.

Readers often type Spanish without accents, so each entry also gets a `folded`
field: its accented words written without accents.
"""

import json
import re
import unicodedata
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

WORD = re.compile(r"[^\W\d_]+")
TAG = re.compile(r"<[^>]+>")
# The theme starts its search when it finds these; search.js takes over instead.
THEME_SEARCH_FORM = '<form class="md-search__form" name="search">'
THEME_SEARCH_COMPONENT = '<div class="md-search" data-md-component="search"'
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{"annotate": [^,]*, "base": ")([^"]*)(")')


def fold(word: str) -> str:
    """The word without diacritics (á → a, ñ → n, ü → u)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def folded_words(*texts: str) -> str:
    """The accented words of the texts, folded, once each, in order of appearance."""
    seen = {}
    for text in texts:
        for word in WORD.findall(TAG.sub(" ", text)):
            plain = fold(word)
            if plain != word:
                seen.setdefault(plain.lower(), None)
    return " ".join(seen)


def split_index(index: dict, locales: list[str], default: str) -> dict[str, dict]:
    """The merged index as one index per language, locations relative to that language's root."""
    split = {}
    for locale in locales:
        prefix = "" if locale == default else f"{locale}/"
        others = tuple(f"{other}/" for other in locales if other != default and other != locale)
        docs = []
        for doc in index["docs"]:
            location = doc["location"]
            if prefix and not location.startswith(prefix):
                continue
            if not prefix and location.startswith(others):
                continue
            doc = {**doc, "location": location[len(prefix):]}
            folded = folded_words(doc.get("title", ""), doc.get("text", ""))
            if folded:
                doc["folded"] = folded
            docs.append(doc)
        config = {**index["config"], "lang": [locale]}
        config["fields"] = {**config.get("fields", {}), "folded": {"boost": 1.0}}
        split[locale] = {"config": config, "docs": docs}
    return split


def _languages(config):
    languages = config["plugins"]["i18n"].config["languages"]
    return [lang["locale"] for lang in languages], next(lang["locale"] for lang in languages if lang["default"])


def hand_search_to_the_site(output: str, source: str) -> str:
    """Keep the theme from starting its own search on the page; search.js drives the box."""
    for markup in (THEME_SEARCH_FORM, THEME_SEARCH_COMPONENT):
        if markup not in output:
            raise PluginError(f"{source}: the theme's search markup changed; update {__file__}")
    return output.replace(THEME_SEARCH_FORM, '<form class="md-search__form" name="site-search">').replace(
        THEME_SEARCH_COMPONENT, '<div class="md-search"')


def on_post_page(output, page, config):
    """Hand the search box to search.js, and point it at the index of the page's language."""
    locales, default = _languages(config)
    locale = getattr(page.file, "locale", default)
    output = hand_search_to_the_site(output, page.file.src_uri)
    if locale == default:
        return output
    match = CONFIG_BASE.search(output)
    if not match:
        raise PluginError(f"{page.file.src_uri}: the theme's __config markup changed; update {__file__}")
    # The theme resolves URLs against the base, so it needs the trailing slash.
    base = f"{match[2]}/{locale}/" if match[2] not in ("", ".") else f"{locale}/"
    return output[:match.start()] + match[1] + base + match[3] + output[match.end():]


def on_post_template(output, template_name, config):
    return hand_search_to_the_site(output, template_name) if template_name == "404.html" and output else output


@event_priority(-200)  # after the i18n plugin (-100) has written the merged index
def on_post_build(config):
    site = Path(config["site_dir"])
    merged = site / "search" / "search_index.json"
    if not merged.is_file():
        return
    locales, default = _languages(config)
    index = json.loads(merged.read_text(encoding="utf-8"))
    for locale, data in split_index(index, locales, default).items():
        target = site / ("" if locale == default else locale) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
