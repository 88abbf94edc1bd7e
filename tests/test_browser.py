"""The site in a real browser: Debian's Chromium driven by Playwright.

The browser, the local server and the axe helper are in conftest.py (the figure
tests use them too). Every request to another host is blocked and recorded: the
tests assert there are none.
"""

import re

import pytest

from conftest import axe_violations, page_urls

pytestmark = [pytest.mark.site, pytest.mark.browser]


def test_the_landing_renders_its_card_with_no_error_and_no_foreign_request(visit, base_url):
    v = visit()
    page = v.open(base_url + "multimodalidad-iag/")
    card = page.locator("section.series-meta")
    assert card.count() == 1
    assert card.is_visible()
    assert "En construcción" in card.inner_text()
    assert "Prerequisitos" in card.inner_text()
    assert v.errors == []
    assert v.failed == []
    assert v.foreign == []


@pytest.mark.parametrize("start, twin", [("multimodalidad-iag/", "en/multimodalidad-iag/"), ("en/fundamentos-ia-iag/00_presentacion_serie/", "fundamentos-ia-iag/00_presentacion_serie/")])
def test_switching_language_lands_on_the_twin(visit, base_url, start, twin):
    v = visit()
    page = v.open(base_url + start)
    target_lang = "es" if start.startswith("en/") else "en"
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(f"a.md-select__link[hreflang={target_lang}]").click()
    page.wait_for_load_state("networkidle")
    assert page.url == base_url + twin
    assert page.locator("html").get_attribute("lang") == target_lang
    assert v.errors == [] and v.failed == [] and v.foreign == []


def tab_to(page, target, problem, presses=600):
    """Press Tab until `target` has the keyboard focus, as a reader without a mouse would."""
    for _ in range(presses):
        if page.evaluate("document.activeElement && document.activeElement.id") == target.get_attribute("id"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(problem)


WIDTHS = (360, 768, 1280)

# Every element of the article that scrolls at this width: it must take the
# keyboard focus (or hold something that does) and have a name.


SCROLLING_FRAMES = """() => [...document.querySelectorAll('.md-content *')].filter(e => {
  const style = getComputedStyle(e);
  const scrolls = (o, size, client) => /auto|scroll/.test(o) && size > client + 1;
  return scrolls(style.overflowX, e.scrollWidth, e.clientWidth) || scrolls(style.overflowY, e.scrollHeight, e.clientHeight);
}).map(e => ({html: e.outerHTML.slice(0, 80), focusable: e.tabIndex >= 0 || !!e.querySelector('a[href], button, input, select, textarea, [tabindex="0"]'),
              name: e.getAttribute('aria-label') || ''}))"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", page_urls())
def test_every_page_passes_axe_at_every_width_with_no_error_or_failed_request(visit, base_url, path, scheme):
    v = visit(color_scheme=scheme)
    page = v.open(base_url + path)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        # The theme animates its drawer and sidebars into the new layout; axe must
        # see the layout, not a frame of the animation.
        page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
        assert [f"{width} px: {problem}" for problem in axe_violations(page)] == []
        frames = page.evaluate(SCROLLING_FRAMES)
        assert [f for f in frames if not (f["focusable"] and f["name"])] == [], f"{width} px: frames that scroll"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{width} px: the page scrolls sideways"
    assert v.errors == [], "console errors"
    assert v.failed == [], "failed requests"
    assert v.foreign == [], "requests to other hosts"


@pytest.mark.parametrize("path, locale, first", [("no-existe/", "es-ES", "Página no encontrada"), ("en/no-existe/", "es-ES", "Page not found"),
                                                 ("no-existe/", "en-US", "Page not found")])
def test_a_missing_page_gets_the_bilingual_404_in_the_readers_language_first(visit, base_url, path, locale, first):
    v = visit(locale=locale)
    page = v.open(base_url + path)
    headings = page.locator("h1").all_inner_texts()
    assert headings[0] == first and set(headings) == {"Página no encontrada", "Page not found"}
    assert page.evaluate("document.documentElement.lang") == ("en" if first == "Page not found" else "es")
    assert axe_violations(page) == []
    assert v.foreign == []


def test_an_article_prints_without_navigation_and_with_reference_urls(visit, base_url):
    v = visit()
    page = v.open(base_url + "multimodalidad-iag/01-que-es-multimodalidad/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer', '.series-pager']
        .map(s => getComputedStyle(document.querySelector(s)).display)""")
    assert hidden == ["none"] * 5
    after = page.evaluate("getComputedStyle(document.querySelector('.references a.reference-id'), '::after').content")
    assert after in ("none", "normal"), "a reference's identifier is printed once (its text is the identifier)"
    assert page.evaluate("document.querySelector('.series-figure-art').getBoundingClientRect().right <= document.documentElement.clientWidth"), "figures print whole"
    answers_shown = """() => [...document.querySelectorAll('.md-content details:not([open]) > :not(summary)')]
        .map(answer => answer.checkVisibility())"""
    assert page.evaluate(answers_shown) and all(page.evaluate(answers_shown)), "closed self-assessment answers print open"
    page.emulate_media(media="screen")
    assert not any(page.evaluate(answers_shown)), "on screen they stay closed"


def test_the_card_fits_a_360_pixel_phone(visit, base_url):
    v = visit(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = v.open(base_url + "multimodalidad-iag/")
    box = page.locator("section.series-meta").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("section.series-meta a").is_visible()


def search(page, query):
    """Type a query in the theme's search box; return the result titles and links."""
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(query)
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text=re.compile(r"\d")).wait_for()
    # Results update as each letter arrives: wait until they stop changing.
    previous = None
    for _ in range(50):
        current = (meta.inner_text(), page.locator(".md-search-result__item").count())
        if current == previous:
            break
        previous = current
        page.wait_for_timeout(200)
    items = page.locator(".md-search-result__item > .md-search-result__link")
    return [(a.get_attribute("href")) for a in items.all()]


@pytest.mark.parametrize("query", ["contrastivo", "alineacion", "alineación", "retropropagación"])
def test_spanish_search_finds_spanish_pages_only_with_or_without_accents(visit, base_url, query):
    v = visit()
    page = v.open(base_url + "fundamentos-ia-iag/00_presentacion_serie/")
    links = search(page, query)
    assert links, f"no result for {query!r}"
    assert not [href for href in links if "/en/" in href], links
    assert v.errors == [] and v.foreign == [] and v.failed == []


@pytest.mark.parametrize("path, query", [("fundamentos-ia-iag/00_presentacion_serie/", "contrastivas"),
                                         ("en/fundamentos-ia-iag/00_presentacion_serie/", "contrasting")])


def test_search_finds_other_forms_of_a_word_through_the_language_stemmer(visit, base_url, path, query):
    """Neither word is on the site; "contrastivo" and "contrastive" are, with the same stem."""
    v = visit()
    page = v.open(base_url + path)
    assert search(page, query)
    marks = [m.lower().strip(".,;:()") for m in page.locator(".md-search-result__item").first.locator("mark").all_inner_texts()]
    assert marks and all(m.startswith("contrast") and m != query for m in marks), marks
    assert v.errors == [] and v.foreign == [] and v.failed == []


def test_english_search_finds_english_pages_only(visit, base_url):
    v = visit()
    page = v.open(base_url + "en/fundamentos-ia-iag/00_presentacion_serie/")
    links = search(page, "backpropagation")
    assert links and all("/en/" in href for href in links), links
    requested = " ".join(v.requests)
    assert "/pagefind/wasm.en.pagefind" in requested and "/pagefind/wasm.es.pagefind" not in requested
    assert v.errors == [] and v.foreign == [] and v.failed == []


def test_a_formula_is_laid_out_as_mathml_by_chromium(visit, base_url):
    v = visit()
    page = v.open(base_url + "fundamentos-ia-iag/00_presentacion_serie/")
    fraction = page.locator("math[display=block] mfrac").first
    numerator, denominator = (fraction.locator(":scope > *").nth(i).bounding_box() for i in (0, 1))
    assert numerator["y"] + numerator["height"] <= denominator["y"] + 1, "the numerator sits above the denominator"
    assert page.evaluate("document.querySelector('math').namespaceURI") == "http://www.w3.org/1998/Math/MathML"
    assert v.errors == [] and v.foreign == []


def test_the_interactive_figure_works_from_the_keyboard(visit, base_url):
    v = visit()
    page = v.open(base_url + "multimodalidad-iag/01-que-es-multimodalidad/")
    field = page.get_by_label("Duración de la pregunta hablada, en segundos")
    tab_to(page, field, "the widget's field is not reachable with Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    cells = page.locator('[data-widget="ritmo-de-canales"] tbody td:nth-child(2)')
    assert cells.all_inner_texts() == ["48\u202f000", "150", "38", "304"]  # 38 whole Mimi frames × 8 codes
    assert "3 s" in page.locator('[data-widget="ritmo-de-canales"] thead th:nth-child(2)').inner_text()
    page.keyboard.press("Control+A")
    page.keyboard.type("1,1")  # 50 × 1.1 is 55.00000000000001 in floating point: still 55 positions
    assert cells.all_inner_texts() == ["17\u202f600", "55", "14", "112"]
    assert v.errors == [] and v.foreign == []


def test_the_interactive_figure_says_the_same_without_javascript(visit, base_url):
    page = visit(java_script_enabled=False).open(base_url + "multimodalidad-iag/01-que-es-multimodalidad/")
    cells = page.locator('[data-widget="ritmo-de-canales"] tbody td:nth-child(2)').all_inner_texts()
    assert [c.replace("\u202f", " ") for c in cells] == ["32 000", "100", "25", "200"]


@pytest.mark.parametrize("path", ["multimodalidad-iag/01-que-es-multimodalidad/", "en/multimodalidad-iag/01-que-es-multimodalidad/"])
def test_an_article_reads_on_a_360_pixel_phone(visit, base_url, path):
    """A real phone (touch, mobile viewport, 2× pixels): the page keeps its width, and a
    table wider than the screen scrolls inside its frame, from the keyboard too."""
    v = visit(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = v.open(base_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    wide = page.locator(".md-typeset__scrollwrap").filter(has=page.locator("table")).evaluate_all(
        "frames => frames.filter(f => f.scrollWidth > f.clientWidth).map(f => f.getAttribute('aria-label'))")
    assert wide, "this article has a table wider than a phone"
    frame = page.get_by_role("region", name=wide[0])
    frame.focus()
    page.keyboard.press("ArrowRight")
    frame.page.wait_for_function("f => f.scrollLeft > 0", arg=frame.element_handle(), timeout=2000)  # the arrow keys scroll it
    assert axe_violations(page) == []


def test_the_search_index_loads_only_when_the_reader_searches(visit, base_url):
    v = visit()
    page = v.open(base_url + "multimodalidad-iag/01-que-es-multimodalidad/")
    page.wait_for_timeout(500)
    assert not [r for r in v.requests if "/pagefind/" in r], "nothing of the search before it is used"
    search(page, "alineacion")
    fetched = [r for r in v.requests if "/pagefind/" in r]
    assert any(r.endswith("/pagefind/pagefind.js") for r in fetched) and any("/pagefind/index/" in r for r in fetched)
    assert not [r for r in v.requests if "search_index.json" in r or "/workers/" in r or "/lunr/" in r], "the theme's search stays unused"


def test_a_search_result_reads_as_prose_with_the_match_marked(visit, base_url):
    """Titles, the section and an excerpt of the article's text: no card, no figure labels, no code."""
    v = visit()
    page = v.open(base_url + "multimodalidad-iag/03-alineacion-cross-modal/")
    links = search(page, "temperatura")
    first = page.locator(".md-search-result__item").first
    assert first.locator("h1").inner_text() and "#" in links[0]
    excerpt = first.locator("p").inner_text()
    assert "temperatura" in first.locator("p mark").first.inner_text().lower()
    assert not re.search(r"\w\d{1,2} de \w+ de 20", excerpt), f"words glued together: {excerpt}"
    assert "Última revisión" not in excerpt and "Ficha" not in excerpt


@pytest.mark.parametrize("path, query", [("multimodalidad-iag/", "temperatura"), ("en/multimodalidad-iag/", "temperature")])
def test_a_glossary_entry_is_a_search_result_of_its_own(visit, base_url, path, query):
    v = visit()
    page = v.open(base_url + path)
    links = search(page, query)
    assert any(href.endswith("/glosario/#temperatura") for href in links), links


def test_search_is_operable_from_the_keyboard(visit, base_url):
    v = visit()
    page = v.open(base_url + "en/")
    search(page, "transformer")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused and "/en/" in focused
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("#")[0] == focused.split("#")[0]
    page.keyboard.press("/")
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert v.errors == [] and v.foreign == []


def test_the_similarity_matrix_agrees_with_the_worked_example(visit, base_url):
    """Article 3: the live loss at the three temperatures of the worked example."""
    v = visit()
    page = v.open(base_url + "multimodalidad-iag/03-alineacion-cross-modal/")
    field = page.get_by_label("Temperatura τ (escribe un valor entre 0,01 y 10)")
    summary = page.locator('[data-widget="matriz-de-similitud"] .widget-output p')
    for tau, loss in (("1", "0,753"), ("0,1", "0,016"), ("0,07", "0,003")):
        field.fill(tau)
        assert summary.inner_text().endswith(f"pérdida simétrica {loss}."), summary.inner_text()
    slider = page.get_by_label("Temperatura τ (deslizador; muévelo con las flechas)")
    slider.focus()
    before = summary.inner_text()
    page.keyboard.press("ArrowRight")
    assert summary.inner_text() != before, "the slider works from the keyboard"
    assert v.errors == [] and v.foreign == []


@pytest.mark.parametrize("path, decimal, foreign, message", [
    ("multimodalidad-iag/03-alineacion-cross-modal/", "0,5", "x", "Escribe un número entre 0,01 y 10."),
    ("en/multimodalidad-iag/03-alineacion-cross-modal/", "0.5", "0,5", "Type a number from 0.01 to 10."),
])


def test_a_number_box_reads_the_page_languages_decimals_and_says_when_a_value_is_not_used(visit, base_url, path, decimal, foreign, message):
    v = visit()
    page = v.open(base_url + path)
    field = page.locator('[data-widget="matriz-de-similitud"] input[inputmode="decimal"]')
    summary = page.locator('[data-widget="matriz-de-similitud"] .widget-output p')
    note = page.locator(f"#{field.get_attribute('aria-describedby')}")
    field.fill(decimal)
    shown = summary.inner_text()
    assert f"τ = {decimal}:" in shown, shown
    assert field.get_attribute("aria-invalid") == "false" and not note.is_visible()
    for wrong in ("12", "50", foreign):
        field.fill(wrong)
        assert note.inner_text() == message and note.is_visible(), f"{wrong!r} is refused next to the box"
        assert field.get_attribute("aria-invalid") == "true"
        assert summary.inner_text() == shown, f"{wrong!r} is not used"
    assert v.errors == [] and v.foreign == []


def test_the_cosine_playground_recomputes_from_the_keyboard(visit, base_url):
    """Article 2: scaling c by 10 multiplies its dot products by 10 and leaves its cosines alone."""
    v = visit()
    page = v.open(base_url + "en/multimodalidad-iag/02-embeddings-y-espacios-latentes/")
    cells = page.locator('[data-widget="coseno"] tbody tr')
    assert [r.inner_text().split("\t")[1:] for r in cells.all()] == [["8", "0.889"], ["22", "0.815"], ["18", "0.667"]]
    for name in ("Component 1 of c", "Component 2 of c", "Component 3 of c"):
        field = page.get_by_label(name)
        field.focus()
        value = int(field.input_value())
        page.keyboard.press("Control+A")
        page.keyboard.type(str(value * 10))
    assert [r.inner_text().split("\t")[1:] for r in cells.all()] == [["8", "0.889"], ["220", "0.815"], ["180", "0.667"]]
    assert v.errors == [] and v.foreign == []


def test_the_palette_toggle_switches_and_is_remembered(visit, base_url):
    v = visit(color_scheme="light")
    page = v.open(base_url + "glosario/")
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme() == "default"
    page.locator("[data-md-component=palette] label:visible").click()
    assert scheme() == "slate"
    assert page.locator("[data-md-component=palette] label:visible").get_attribute("title") == "Cambiar a modo claro"
    v.open(base_url + "multimodalidad-iag/")
    assert scheme() == "slate", "the choice holds on the next page"
    page.locator("[data-md-component=palette] input:checked").focus()
    page.keyboard.press("Enter")
    assert scheme() == "default", "Enter switches back"
    assert v.errors == [] and v.failed == []


def test_a_glossary_tooltip_shows_on_keyboard_focus_and_escape_hides_it(visit, base_url):
    v = visit()
    page = v.open(base_url + "multimodalidad-iag/02-embeddings-y-espacios-latentes/")
    term = page.locator(".md-content a.glossary-term").first
    definition = term.get_attribute("data-title")
    assert definition and term.get_attribute("title") is None, "the browser's own tooltip would double it"
    term.focus()
    tip = page.locator("#__tooltip")
    assert tip.is_visible() and tip.inner_text() == definition
    assert term.get_attribute("aria-describedby") == "__tooltip"
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert v.errors == []


def test_the_table_of_contents_follows_the_reader_and_back_to_top_returns(visit, base_url):
    v = visit(viewport={"width": 1280, "height": 500})  # a short window: the contents are longer than it
    page = v.open(base_url + "multimodalidad-iag/03-alineacion-cross-modal/")
    active = lambda: page.evaluate("document.querySelector('.md-sidebar--secondary .md-nav__link--active')?.hash")
    page.evaluate("document.getElementById('referencias').scrollIntoView()")
    page.wait_for_function("document.querySelector('.md-sidebar--secondary .md-nav__link--active')?.hash === '#referencias'")
    box = page.locator(".md-sidebar--secondary .md-nav__link--active").bounding_box()
    assert box["y"] >= 48 and box["y"] + box["height"] <= 500, "the sidebar scrolls the current section into view"
    page.locator(".md-sidebar--secondary a.md-nav__link[href='#donde-falla']").click()
    page.wait_for_function("document.querySelector('.md-sidebar--secondary .md-nav__link--active')?.hash === '#donde-falla'")
    page.mouse.wheel(0, -600)
    top = page.locator("[data-md-component=top]")
    top.wait_for(state="visible")
    top.click()
    page.wait_for_function("scrollY === 0")
    assert active() != "#referencias"
    assert v.errors == []


def test_search_on_a_phone_covers_the_page_without_widening_it_and_returns_to_the_reading_place(visit, base_url):
    v = visit(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = v.open(base_url + "multimodalidad-iag/01-que-es-multimodalidad/")
    page.evaluate("scrollTo(0, 1500)")
    page.locator("label.md-header__button[for=__search]").tap()
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("contrastivo")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the results fit the phone"
    assert page.locator(".md-search-result__item").first.bounding_box()["x"] >= 0
    page.locator("button.md-search__icon[type=reset]").tap()
    assert page.locator("input.md-search__input").input_value() == ""
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length === 0")  # clearing clears the results
    page.keyboard.press("Escape")
    assert page.evaluate("scrollY") == 1500, "closing the search returns to the same place"
    assert v.errors == [] and v.foreign == []


@pytest.mark.parametrize("path, button, label", [
    ("multimodalidad-iag/02-embeddings-y-espacios-latentes/", "Copiar el BibTeX", "Copiado."),
    ("en/multimodalidad-iag/02-embeddings-y-espacios-latentes/", "Copy the reference", "Copied."),
])


def test_the_citation_copies_from_the_keyboard(visit, base_url, path, button, label):
    v = visit()
    v.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = v.open(base_url + path)
    copy = page.get_by_role("button", name=button)
    copy.focus()
    page.keyboard.press("Enter")
    page.locator(".citation-copied").filter(has_text=label).wait_for()
    source = "cita-bibtex" if "BibTeX" in button else "cita-referencia"
    expected = page.evaluate(f"document.getElementById('{source}').innerText.trim()")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert expected.startswith("@online{") if source == "cita-bibtex" else "(2026)" in expected
    assert v.errors == [] and v.foreign == []


def test_without_javascript_the_citation_has_no_dead_buttons(visit, base_url):
    page = visit(java_script_enabled=False).open(base_url + "multimodalidad-iag/01-que-es-multimodalidad/")
    assert not page.locator(".citation-actions").is_visible()
    assert page.locator("#cita-bibtex").is_visible()


ARTICLE_4 = "multimodalidad-iag/04-arquitecturas-tipicas/"


def _plain(texts):
    return [t.replace("\u202f", " ").replace("\u00a0", " ") for t in texts]


def test_the_token_budget_agrees_with_the_worked_example(visit, base_url):
    """Article 4: 576 tokens for one 336-pixel image, 5 × 576 = 2,880 with a 2 × 2 grid and a thumbnail."""
    for path, expected, summary in (
        (ARTICLE_4, [["1", "576", "576", "28,1 %", "1,2"], ["5", "576", "2880", "140,6 %", "5,8"]],
         "1 imagen × 5 teselas × 576 tokens = 2880 tokens visuales. Ocupan el 140,6 % de un contexto de 2048 tokens: no caben, y equivalen a 5,8 páginas de 500 tokens."),
        ("en/" + ARTICLE_4, [["1", "576", "576", "28.1%", "1.2"], ["5", "576", "2,880", "140.6%", "5.8"]],
         "1 image × 5 tiles × 576 tokens = 2,880 visual tokens. They take 140.6% of a 2,048-token context window, so they do not fit, and are worth 5.8 pages of 500 tokens."),
    ):
        v = visit()
        page = v.open(base_url + path)
        rows = page.locator('[data-widget="presupuesto-de-tokens"] tbody tr')
        assert [_plain(r.locator("td").all_inner_texts())[1:] for r in rows.all()] == expected
        assert _plain([page.locator('[data-widget="presupuesto-de-tokens"] .widget-output p').inner_text()]) == [summary]
        assert v.errors == [] and v.foreign == []


def test_the_token_budget_works_from_the_keyboard(visit, base_url):
    v = visit()
    page = v.open(base_url + ARTICLE_4)
    field = page.get_by_label("Lado de la imagen o de cada tesela, en píxeles")
    tab_to(page, field, "the calculator's first field is not reachable with Tab")
    summary = page.locator('[data-widget="presupuesto-de-tokens"] .widget-output p')
    page.keyboard.press("Control+A")
    page.keyboard.type("224")                     # 16 × 16 = 256 tokens per tile
    assert "5 teselas × 256 tokens = 1280 tokens visuales" in summary.inner_text()
    page.keyboard.press("Tab")                    # patch
    page.keyboard.press("Tab")                    # rows
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    page.keyboard.press("Tab")                    # columns
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    page.keyboard.press("Tab")                    # thumbnail
    page.keyboard.press("ArrowDown")              # "No"
    assert "1 tesela × 256 tokens = 256 tokens visuales" in summary.inner_text()
    page.keyboard.press("Tab")                    # compressor
    page.keyboard.press("ArrowDown")              # merge 2 × 2
    assert "× 64 tokens = 64 tokens visuales" in summary.inner_text()
    page.keyboard.press("Tab")                    # images or frames
    page.keyboard.press("Control+A")
    page.keyboard.type("120")
    assert "120 imágenes × 1 tesela × 64 tokens = 7680 tokens visuales" in summary.inner_text()
    assert v.errors == [] and v.foreign == []


def test_the_token_budget_refuses_a_value_out_of_range(visit, base_url):
    v = visit()
    page = v.open(base_url + ARTICLE_4)
    summary = page.locator('[data-widget="presupuesto-de-tokens"] .widget-output p')
    before = summary.inner_text()
    field = page.get_by_label("Contexto disponible, en tokens")
    field.fill("0")
    field.dispatch_event("input")
    assert summary.inner_text() == before, "an out-of-range value is not used"
    assert field.get_attribute("aria-invalid") == "true"
    assert "Escribe un número entero" in page.locator(f"#{field.get_attribute('id')}-mensaje").inner_text()
    field.fill("16 384")                          # the Spanish grouping is read as one number
    field.dispatch_event("input")
    assert "contexto de 16 384 tokens" in _plain([summary.inner_text()])[0]
    assert v.errors == [] and v.foreign == []


def test_the_token_budget_says_the_same_without_javascript(visit, base_url):
    page = visit(java_script_enabled=False).open(base_url + ARTICLE_4)
    rows = page.locator('[data-widget="presupuesto-de-tokens"] tbody tr')
    cells = [_plain(r.locator("td").all_inner_texts())[1:] for r in rows.all()]
    assert cells == [["1", "576", "576", "28,1 %", "1,2"], ["5", "576", "2880", "140,6 %", "5,8"]]


BUDGET = '[data-widget="presupuesto-del-servicio"]'


def budget_cells(page):
    """The cost table (part, tokens, cost) and the latency table (stage, cascade, speech-to-speech)."""
    tables = page.locator(f"{BUDGET} table")
    rows = lambda t: [[c.replace("\u202f", " ") for c in r.locator("td").all_inner_texts()] for r in tables.nth(t).locator("tbody tr").all()]
    return rows(0), rows(1)


def test_the_service_budget_agrees_with_the_worked_example_and_works_from_the_keyboard(visit, base_url):
    """Article 6: the defaults give the worked example's numbers; the keyboard changes the token
    rule, the cache hit rate and the voice mode, and the tables follow."""
    v = visit()
    page = v.open(base_url + "multimodalidad-iag/06-tooling-y-produccion/")
    cost, latency = budget_cells(page)
    assert [r[1:] for r in cost] == [["2880", "14,40 $"], ["8", "0,04 $"], ["2000", "2,15 $"], ["10", "0,25 $"], ["4898", "16,84 $"]]
    assert [r[1:3] for r in latency] == [["200", "—"], ["300", "—"], ["—", "200"], ["309", "308"], ["200", "—"], ["100", "100"], ["1109", "608"]]
    summary = page.locator(f"{BUDGET} .widget-output p")
    assert summary.inner_text() == "En cascada: 4898 tokens por petición, 16,84 $ por cada 1000 peticiones y un turno de 1109 ms."

    field = page.get_by_label("Páginas o imágenes por petición")
    tab_to(page, field, "the widget's first field is not reachable with Tab")
    page.keyboard.press("Tab")  # the token rule
    page.keyboard.press("ArrowUp")  # 2880 -> 576
    cost, latency = budget_cells(page)
    assert cost[0][1:] == ["576", "2,88 $"] and cost[4][1:] == ["2594", "5,32 $"]
    assert latency[3][1:3] == ["78", "78"] and latency[6][1:3] == ["878", "378"]

    hits = page.get_by_label("Aciertos de la caché del prompt de sistema, en % (supuesto: 90)")
    hits.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("0")
    cost, _ = budget_cells(page)
    assert cost[2][1:] == ["2000", "12,50 $"] and cost[4][2] == "15,67 $"
    page.keyboard.type(",5")  # "0,5" is read with the page's decimal comma
    assert budget_cells(page)[0][2][2] == "12,44 $"

    page.get_by_label("Cascada (VAD → ASR → LLM → TTS)").focus()
    page.keyboard.press("ArrowDown")  # the radio group moves to speech-to-speech
    cost, _ = budget_cells(page)
    assert [r[1] for r in cost] == ["576", "200", "2000", "200", "2976"]
    assert cost[4][2] == "21,32 $"
    assert summary.inner_text().startswith("En voz a voz: 2976 tokens por petición, 21,32 $")
    assert v.errors == [] and v.foreign == []


def test_the_service_budget_says_the_same_without_javascript_and_in_english(visit, base_url):
    page = visit(java_script_enabled=False).open(base_url + "multimodalidad-iag/06-tooling-y-produccion/")
    cost, latency = budget_cells(page)
    assert [r[1:] for r in cost][-1] == ["4898", "16,84 $"] and latency[-1][1:3] == ["1109", "608"]

    v = visit()
    page = v.open(base_url + "en/multimodalidad-iag/06-tooling-y-produccion/")
    cost, latency = budget_cells(page)
    assert [r[1:] for r in cost] == [["2,880", "$14.40"], ["8", "$0.04"], ["2,000", "$2.15"], ["10", "$0.25"], ["4,898", "$16.84"]]
    assert latency[-1][1:3] == ["1,109", "608"]
    price = page.get_by_label("Price per million input tokens, in $ (reference: 5, Claude Opus 4.5, 2026 rate)")
    price.fill("2.5")
    price.dispatch_event("input")
    assert budget_cells(page)[0][-1][2] == "$8.42"
    price.fill("0,5")
    price.dispatch_event("input")
    assert price.get_attribute("aria-invalid") == "true" and budget_cells(page)[0][-1][2] == "$8.42"
    assert v.errors == [] and v.foreign == []


def _circular_cells(page):
    rows = page.locator('[data-widget="evaluacion-circular"] tbody tr')
    return [[c.replace("\u00a0", " ").replace("\u202f", " ") for c in r.locator("td").all_inner_texts()[1:]] for r in rows.all()]


CIRCULAR_EXAMPLE_ES = [["25,00 %", "0,39 %"], ["85,00 %", "80,08 %"], ["85", "80"], ["76,7 % a 90,7 %", "71,1 % a 86,7 %"]]


def test_the_circular_eval_figure_says_the_worked_example_without_javascript(visit, base_url):
    """Article 7: the fallback table shows the worked example: (1/4)^4 ≈ 0.39 %, 80 of 100 → Wilson 71.1-86.7 %."""
    page = visit(java_script_enabled=False).open(base_url + "multimodalidad-iag/07-evaluacion-multimodal/")
    cells = _circular_cells(page)
    assert cells == CIRCULAR_EXAMPLE_ES


def test_the_circular_eval_figure_recomputes_the_worked_example_and_works_from_the_keyboard(visit, base_url):
    """Article 7: the widget's defaults reproduce the worked example; sliders and boxes work from the keyboard."""
    v = visit()
    page = v.open(base_url + "multimodalidad-iag/07-evaluacion-multimodal/")
    figure = page.locator('[data-widget="evaluacion-circular"]')
    summary = figure.locator(".widget-output p")
    assert _circular_cells(page) == CIRCULAR_EXAMPLE_ES, "the widget recomputes the same numbers as the page"
    text = summary.inner_text().replace("\u00a0", " ")
    assert "71,1 % a 86,7 %" in text and "72,2 % a 87,8 %" in text, text

    options = page.get_by_label("Opciones por pregunta (deslizador)")
    tab_to(page, options, "the options slider is not reachable with Tab")
    page.keyboard.press("ArrowRight")  # 5 options; rotations stay at 4
    assert _circular_cells(page)[0] == ["20,00 %", "0,16 %"]
    page.keyboard.press("ArrowLeft")

    bias = page.get_by_label("Sesgo de posición: pasadas en que elige la A sin mirar, en % (entre 0 y 100)")
    bias.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("10")
    assert _circular_cells(page)[1] == ["79,00 %", "58,39 %"], "a 10 % position bias costs far more under circular scoring"
    bias.fill("150")  # out of range: the figure keeps the last valid value and says why
    assert bias.get_attribute("aria-invalid") == "true"
    assert _circular_cells(page)[1] == ["79,00 %", "58,39 %"]

    questions = page.get_by_label("Preguntas del conjunto (entre 10 y 10 000)")
    questions.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("1000")
    assert _circular_cells(page)[2] == ["790", "584"]
    assert v.errors == [] and v.foreign == []


def test_the_circular_eval_figure_writes_numbers_the_english_way(visit, base_url):
    v = visit()
    page = v.open(base_url + "en/multimodalidad-iag/07-evaluacion-multimodal/")
    assert _circular_cells(page) == [["25.00%", "0.39%"], ["85.00%", "80.08%"], ["85", "80"], ["76.7% to 90.7%", "71.1% to 86.7%"]]
    assert v.errors == [] and v.foreign == []


GUIDANCE_TABLE = [
    ["0", "0,20", "50", "55 %", "21 %", "1,20"],
    ["1", "0,50", "50", "98 %", "31 %", "1,08"],
    ["3", "1,10", "100", "100 %", "53 %", "0,99"],
    ["7,5", "2,45", "100", "100 %", "78 %", "0,81"],
]


def guidance_table(page):
    rows = page.locator('[data-widget="guia-sin-clasificador"] table tbody tr').all()
    return [[c.replace("\u00a0", " ").replace("\u202f", " ").strip() for c in r.locator("td").all_inner_texts()] for r in rows]


def test_the_guidance_toy_agrees_with_the_worked_example_and_works_from_the_keyboard(visit, base_url):
    v = visit()
    page = v.open(base_url + "multimodalidad-iag/05-generacion-multimodal/")
    widget = page.locator('[data-widget="guia-sin-clasificador"]')
    assert not widget.locator(".widget-output").count(), "no sampling while the page loads"
    widget.scroll_into_view_if_needed()
    widget.locator(".widget-output").wait_for()
    page.evaluate("scrollTo(0, 0)")
    assert guidance_table(page) == GUIDANCE_TABLE, "the script recomputes the fallback to the same numbers"
    output = widget.locator(".widget-output")
    assert "0,2 + 7,5 × (0,5 − 0,2) = 2,45" in output.inner_text()
    assert "Paso 50 de 50 · evaluaciones de la red hasta aquí: 100 (2 por paso)." in output.inner_text()
    assert "78\u00a0%" in output.inner_text() and "0,81" in output.inner_text()

    scale = page.get_by_label("Escala de guía s (deslizador; muévelo con las flechas)")
    tab_to(page, scale, "the guidance slider is not reachable with Tab")
    page.keyboard.press("Home")
    assert "Con s = 0 la red ignora la clase" in output.inner_text()
    assert "100 (2 por paso)" not in output.inner_text() and "50 (1 por paso)" in output.inner_text()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert "Con s = 1 no hay guía" in output.inner_text()

    field = page.get_by_label("Escala de guía s (escribe un valor entre 0 y 10)")
    field.fill("7,5")
    field.dispatch_event("input")
    assert "= 2,45" in output.inner_text() and scale.input_value() == "7.5"

    step = page.get_by_label("Paso del bucle, de 0 a 50 (deslizador)")
    step.focus()
    page.keyboard.press("Home")
    assert "Paso 0 de 50 · evaluaciones de la red hasta aquí: 0 (2 por paso)." in output.inner_text()
    assert "aún llevan ruido" in output.inner_text()
    page.keyboard.press("ArrowRight")
    assert "Paso 1 de 50 · evaluaciones de la red hasta aquí: 2 (2 por paso)." in output.inner_text()
    page.keyboard.press("End")
    assert "100 (2 por paso)" in output.inner_text()
    assert v.errors == [] and v.foreign == []


def test_the_guidance_toy_speaks_english_on_the_english_page(visit, base_url):
    v = visit()
    page = v.open(base_url + "en/multimodalidad-iag/05-generacion-multimodal/")
    page.locator('[data-widget="guia-sin-clasificador"]').scroll_into_view_if_needed()
    output = page.locator('[data-widget="guia-sin-clasificador"] .widget-output')
    assert "0.2 + 7.5 × (0.5 − 0.2) = 2.45" in output.inner_text()
    assert "Step 50 of 50 · network evaluations so far: 100 (2 per step)." in output.inner_text()
    assert guidance_table(page)[3] == ["7.5", "2.45", "100", "100%", "78%", "0.81"]
    assert v.errors == [] and v.foreign == []


def test_the_guidance_toy_says_the_same_without_javascript(visit, base_url):
    page = visit(java_script_enabled=False).open(base_url + "multimodalidad-iag/05-generacion-multimodal/")
    table = guidance_table(page)
    assert table == GUIDANCE_TABLE


WHOLE_DOCUMENT_ROWS = {
    "es": [["98 %", "20", "sin revisión", "66,8 %", "0", "0 %", "400"],
           ["99 %", "20", "sin revisión", "81,8 %", "0", "0 %", "200"],
           ["98 %", "20", "0,9", "96,3 %", "0,92", "61 %", "38,2"],
           ["98 %", "20", "0,99", "99,6 %", "1,79", "85 %", "3,6"]],
    "en": [["98%", "20", "no review", "66.8%", "0", "0%", "400"],
           ["99%", "20", "no review", "81.8%", "0", "0%", "200"],
           ["98%", "20", "0.9", "96.3%", "0.92", "61%", "38.2"],
           ["98%", "20", "0.99", "99.6%", "1.79", "85%", "3.6"]],
}


ARTICLE_8 = "multimodalidad-iag/08-casos-de-uso-y-anti-patrones/"


def whole_document_table(page):
    return [r.inner_text().split("\t") for r in page.locator('[data-widget="exactitud-por-campo"] tbody tr').all()]


@pytest.mark.parametrize("lang, prefix", [("es", ""), ("en", "en/")])
def test_the_per_field_accuracy_table_says_the_same_without_javascript(visit, base_url, lang, prefix):
    """Article 8: the fallback table shows the worked example (0.98^20 = 66.8%, 0.99^20 = 81.8%)."""
    page = visit(java_script_enabled=False).open(base_url + prefix + ARTICLE_8)
    rows = whole_document_table(page)
    assert rows == WHOLE_DOCUMENT_ROWS[lang]


def test_the_per_field_accuracy_widget_reproduces_the_worked_example_from_the_keyboard(visit, base_url):
    """Article 8: the widget recomputes the fallback to the same numbers, starts at the worked
    example (98 %, 20 fields, no review: 66.8 %), and follows the reader's values and the slider."""
    v = visit()
    page = v.open(base_url + ARTICLE_8)
    assert whole_document_table(page) == WHOLE_DOCUMENT_ROWS["es"], "the script recomputes the same table"
    summary = page.locator('[data-widget="exactitud-por-campo"] .widget-output p')
    assert summary.inner_text().startswith("Con 98 % de exactitud por campo, 20 campos y sin revisión: 66,8 % de documentos perfectos")
    assert "se escapan 400 errores por cada 1000 documentos" in summary.inner_text()

    accuracy = page.get_by_label("Exactitud por campo, en %")
    tab_to(page, accuracy, "the accuracy field is not reachable with Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("99")
    assert "81,8 % de documentos perfectos" in summary.inner_text()

    page.keyboard.press("Control+A")
    page.keyboard.type("98")
    threshold = page.get_by_label("Umbral de confianza (0 = sin revisión)")
    threshold.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("0,9")
    text = summary.inner_text()
    assert "96,3 % de documentos perfectos; 0,92 campos por documento" in text and "61 % de los documentos" in text
    assert "se escapan 38,2 errores" in text

    slider = page.get_by_label("Umbral de confianza (deslizador; muévelo con las flechas)")
    assert slider.input_value() == "0.9"
    slider.focus()
    page.keyboard.press("ArrowRight")
    assert threshold.input_value() == "0,91" and "umbral 0,91" in summary.inner_text()

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("1,5")
    assert "umbral 0,91" in summary.inner_text(), "an impossible value is refused, not used"
    assert threshold.get_attribute("aria-invalid") == "true"
    assert v.errors == [] and v.foreign == []


def test_the_per_field_accuracy_widget_reads_english_numbers(visit, base_url):
    v = visit()
    page = v.open(base_url + "en/" + ARTICLE_8)
    assert whole_document_table(page) == WHOLE_DOCUMENT_ROWS["en"]
    summary = page.locator('[data-widget="exactitud-por-campo"] .widget-output p')
    assert "66.8% of documents perfect" in summary.inner_text()
    field = page.get_by_label("Number of fields per document")
    field.fill("40")
    field.dispatch_event("input")
    field = page.get_by_label("Accuracy per field, in %")
    field.fill("99")
    field.dispatch_event("input")
    assert "66.9% of documents perfect" in summary.inner_text(), "0.99^40 = 66.9%, the self-check's answer"
    assert "400 errors slip through per 1,000 documents" in summary.inner_text(), "40 fields × 1% × 1,000 documents"
    assert v.errors == [] and v.foreign == []


def test_switching_language_keeps_the_readers_place(visit, base_url):
    """Halfway down article 3, the switch lands on the same section of the English twin."""
    v = visit(viewport={"width": 1280, "height": 800})
    page = v.open(base_url + "multimodalidad-iag/03-alineacion-cross-modal/")
    page.evaluate("document.getElementById('de-donde-salen-los-pares').scrollIntoView(); scrollBy(0, 300)")
    # On a loaded machine the page may still settle after `load`: wait until the reader is past the heading.
    page.wait_for_function("""() => {
        const top = document.getElementById('de-donde-salen-los-pares').getBoundingClientRect().top;
        if (top > -250) document.getElementById('de-donde-salen-los-pares').scrollIntoView(), scrollBy(0, 300);
        return top <= -250 && top > -350;
    }""")
    page.locator(".md-header__option .md-select").first.hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_load_state("networkidle")
    assert page.url == base_url + "en/multimodalidad-iag/03-alineacion-cross-modal/#de-donde-salen-los-pares"
    top = page.evaluate("document.getElementById('de-donde-salen-los-pares').getBoundingClientRect().top")
    assert 0 <= top < 200, "the twin opens at that section"
    assert v.errors == []


def test_on_a_phone_a_tap_on_a_glossary_term_shows_its_definition_in_place(visit, base_url):
    v = visit(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    url = base_url + "multimodalidad-iag/02-embeddings-y-espacios-latentes/"
    page = v.open(url)
    term = page.locator(".md-content a.glossary-term").first
    definition = term.get_attribute("data-title")
    term.scroll_into_view_if_needed()
    term.tap()
    tip = page.locator("#__tooltip")
    assert page.url == url, "the tap does not leave the article"
    assert tip.is_visible() and tip.inner_text().startswith(definition)
    entry = tip.get_by_role("link", name="Ver la entrada del glosario")
    assert entry.evaluate("a => a.href") == term.evaluate("a => a.href")
    assert tip.get_attribute("role") == "dialog"
    page.locator("h1").tap()
    assert not tip.is_visible(), "a tap elsewhere closes it"
    assert v.errors == []


@pytest.mark.parametrize("path", [p for p in page_urls() if re.search(r"/0[1-8]-", p)])
def test_on_a_phone_the_summary_starts_on_the_first_screen(visit, base_url, path):
    v = visit(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = v.open(base_url + path)
    line = page.locator(".admonition.abstract > p:not(.admonition-title)").first.bounding_box()
    assert line["y"] + 24 <= 740, f"the summary's first line starts at {line['y']:.0f} px"


@pytest.mark.parametrize("path", ["multimodalidad-iag/01-que-es-multimodalidad/", "en/multimodalidad-iag/01-que-es-multimodalidad/",
                                  "multimodalidad-iag/"])
@pytest.mark.parametrize("width", [360, 1280])
def test_the_values_of_a_card_line_up_whatever_the_labels(visit, base_url, path, width):
    v = visit(viewport={"width": width, "height": 800})
    page = v.open(base_url + path)
    starts = page.locator("section.series-meta").first.locator(".series-meta-value").evaluate_all(
        "values => values.map(v => Math.round(v.getBoundingClientRect().left))")
    assert len(starts) >= 3 and len(set(starts)) == 1, starts


def test_search_shows_five_results_then_more_on_request(visit, base_url):
    """Each result costs the reader its page's fragment, so five come first."""
    v = visit()
    page = v.open(base_url + "multimodalidad-iag/")
    search(page, "modelo")
    items = page.locator(".md-search-result__item")
    assert items.count() == 5
    fragments = lambda: len([r for r in v.requests if "/pagefind/fragment/" in r])
    assert fragments() == 5
    more = page.get_by_role("button", name="Ver más resultados")
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 5")
    assert fragments() == items.count() <= 10
    assert v.errors == [] and v.foreign == []
