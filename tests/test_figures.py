"""Every figure, in both languages, as a reader on a 360-pixel phone sees it,
drawn in the widest font of the site's font stack.

The site uses the system font stack, so the same figure is drawn with different
fonts on different machines. Figures are designed for the widest one a reader is
likely to have, DejaVu Sans (the default sans-serif of Debian and many Linux
desktops); if they hold with it, they hold with the narrower ones. At 360 px a
figure must be seen whole (no sideways scrolling), every label at least 10 px tall,
inside its box (the smallest rectangle around the label's anchor point), clear of
every other box and label, and inside the drawing.
"""

import re

import pytest

from conftest import DOCS, page_urls

pytestmark = [pytest.mark.site, pytest.mark.browser]

WIDEST_FONT = "DejaVu Sans"
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
MIN_TEXT_PX = 10
CLEARANCE_PX = 1  # a label may not touch its box's border
OVERLAP_PX = 1  # two labels whose boxes cross by more than this collide


def figures_by_page() -> list[tuple[str, str]]:
    """(page URL path, figure name) for every figure() call, in both languages."""
    found = []
    for url in page_urls():
        relative = url.removeprefix("en/").rstrip("/") or "index"
        locale = "en" if url.startswith("en/") else "es"
        for candidate in (DOCS / f"{relative}.{locale}.md", DOCS / relative / f"index.{locale}.md"):
            if candidate.is_file():
                names = re.findall(r"\{\{\s*figure\(\s*\"([^\"]+)\"", candidate.read_text(encoding="utf-8"))
                found += [(url, name) for name in names]
                break
    return found


FIGURES = figures_by_page()

# Measured in the page, in CSS pixels. A label's anchor is where the drawing puts
# it (its x and y, a third of the font size above the baseline), so a label that
# grows with a wider font is still matched to the box it was drawn for.
MEASURE = """(name) => {
  const svg = document.querySelector(`#fig-${name} svg`);
  const frame = svg.closest('.series-figure-frame');
  const rect = (r) => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  const scale = svg.getScreenCTM().a;
  const boxes = [...svg.querySelectorAll('rect')].map(r => rect(r.getBoundingClientRect()))
    .filter(b => b.right - b.left > 0 && b.bottom - b.top > 0);
  const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
    const size = parseFloat(getComputedStyle(t).fontSize);
    const point = svg.createSVGPoint();
    point.x = t.x.baseVal.length ? t.x.baseVal[0].value : 0;
    point.y = (t.y.baseVal.length ? t.y.baseVal[0].value : 0) - size / 3;
    const anchor = point.matrixTransform(t.getScreenCTM());
    return {text: t.textContent.trim(), px: size * scale, box: rect(t.getBoundingClientRect()), anchor: {x: anchor.x, y: anchor.y},
            font: getComputedStyle(t).fontFamily};
  });
  return {svg: rect(svg.getBoundingClientRect()), frame: {scroll: frame.scrollWidth, client: frame.clientWidth},
          page: document.documentElement.scrollWidth, boxes, texts};
}"""


def inside(inner, outer, margin=0.0):
    return (inner["left"] >= outer["left"] + margin - 0.01 and inner["right"] <= outer["right"] - margin + 0.01
            and inner["top"] >= outer["top"] + margin - 0.01 and inner["bottom"] <= outer["bottom"] - margin + 0.01)


def crossing(a, b):
    """How far two rectangles overlap in each direction (negative when apart)."""
    return min(a["right"], b["right"]) - max(a["left"], b["left"]), min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])


def contains_point(box, point):
    return box["left"] <= point["x"] <= box["right"] and box["top"] <= point["y"] <= box["bottom"]


def area(box):
    return (box["right"] - box["left"]) * (box["bottom"] - box["top"])


def figure_problems(measured: dict) -> list[str]:
    """Everything wrong with one rendered figure, as sentences an author can act on."""
    problems = []
    if measured["frame"]["scroll"] > measured["frame"]["client"] + 0.5 or measured["svg"]["right"] > 360.5 or measured["svg"]["left"] < -0.5:
        problems.append(f"the figure does not fit the phone: {measured['svg']['right'] - measured['svg']['left']:.0f} px wide in a "
                        f"{measured['frame']['client']} px frame")
    boxes, texts = measured["boxes"], measured["texts"]
    for text in texts:
        label = f"«{text['text']}»"
        if text["px"] < MIN_TEXT_PX - 0.01:
            problems.append(f"{label} is {text['px']:.1f} px tall at 360 px (at least {MIN_TEXT_PX})")
        around = [b for b in boxes if contains_point(b, text["anchor"])]
        if around:
            own = min(around, key=area)
            if not inside(text["box"], own, CLEARANCE_PX):
                problems.append(f"{label} runs out of its box")
        else:
            if not inside(text["box"], measured["svg"]):
                problems.append(f"{label} runs out of the figure")
            for box in boxes:
                dx, dy = crossing(text["box"], box)
                if dx > 0 and dy > 0:
                    problems.append(f"{label} runs into a box it does not belong to")
                    break
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            dx, dy = crossing(a["box"], b["box"])
            if dx > OVERLAP_PX and dy > OVERLAP_PX:
                problems.append(f"«{a['text']}» and «{b['text']}» overlap")
    return problems


@pytest.fixture(scope="module")
def phone(browser, base_url):
    """One phone-sized page for all figures, every figure drawn in the widest font."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


def open_with_widest_font(page, url):
    if page.url != url:
        page.goto(url, wait_until="networkidle")
        page.add_style_tag(content=f'.series-figure-art {{ font-family: "{WIDEST_FONT}" !important; }}')
    return page


def rendered_font_families(page, selector) -> set[str]:
    """The fonts Chromium really drew an element with (not the names the CSS asks for)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    session.detach()
    return {font["familyName"] for font in fonts}


def test_every_figure_of_the_site_is_checked():
    assert len(FIGURES) >= 2 * 10, FIGURES


def test_the_widest_font_of_the_stack_is_installed_and_wider_than_every_other(phone, base_url):
    """The check below is only as strict as its font: DejaVu Sans must really be drawn,
    and no font of the stack installed here may be wider (.ci/run installs the fonts)."""
    page = open_with_widest_font(phone, base_url + "multimodalidad-iag/01-que-es-multimodalidad/")
    assert rendered_font_families(page, ".series-figure-art text") == {WIDEST_FONT}
    widths = page.evaluate("""(widest) => {
      const stack = getComputedStyle(document.documentElement).getPropertyValue('--md-text-font-family').split(',').map(f => f.trim());
      const canvas = document.createElement('canvas').getContext('2d');
      const sample = 'Alineación de 576 tokens × 3 imágenes, ¿cuánto es el IVA?';
      const width = (family) => { canvas.font = `16px ${family}`; return canvas.measureText(sample).width; };
      const installed = (family) => /^[a-z-]+$/.test(family) || width(`${family}, monospace`) !== width('monospace');
      return {widest: width(`"${widest}"`), others: Object.fromEntries(stack.filter(installed).map(f => [f, width(f)]))};
    }""", WIDEST_FONT)
    wider = {family: w for family, w in widths["others"].items() if w > widths["widest"] + 0.5}
    assert not wider, f"fonts of the stack wider than {WIDEST_FONT}: {wider}"


@pytest.mark.parametrize("url, name", FIGURES, ids=[f"{name}-{'en' if url.startswith('en/') else 'es'}" for url, name in FIGURES])
def test_a_figure_is_whole_and_legible_on_a_phone_in_the_widest_font(phone, base_url, url, name):
    page = open_with_widest_font(phone, base_url + url)
    problems = figure_problems(page.evaluate(MEASURE, name))
    assert not problems, f"{name} ({url}):\n  " + "\n  ".join(problems)


def test_the_check_finds_a_label_that_runs_out_of_its_box(phone, base_url):
    """The checker itself: a label widened past its box, and one shrunk below 10 px."""
    page = open_with_widest_font(phone, base_url + "multimodalidad-iag/01-que-es-multimodalidad/")
    name = page.evaluate("document.querySelector('.series-figure').id.slice(4)")
    page.evaluate("""(name) => {
      const svg = document.querySelector(`#fig-${name} svg`);
      const [x, y] = [10, 40];
      const ns = 'http://www.w3.org/2000/svg';
      const box = document.createElementNS(ns, 'rect');
      Object.entries({x, y, width: 60, height: 30}).forEach(([k, v]) => box.setAttribute(k, v));
      const label = document.createElementNS(ns, 'text');
      Object.entries({x: x + 4, y: y + 20, 'font-size': 14}).forEach(([k, v]) => label.setAttribute(k, v));
      label.textContent = 'una etiqueta demasiado larga';
      const tiny = document.createElementNS(ns, 'text');
      Object.entries({x: 10, y: 5, 'font-size': 6}).forEach(([k, v]) => tiny.setAttribute(k, v));
      tiny.textContent = 'x';
      svg.append(box, label, tiny);
    }""", name)
    problems = figure_problems(page.evaluate(MEASURE, name))
    page.goto("about:blank")
    assert any("una etiqueta demasiado larga» runs out of its box" in p for p in problems), problems
    assert any(p.startswith("«x» is") for p in problems), problems
