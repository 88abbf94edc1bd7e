"""Smaller output (overrides/hooks/compact_output.py): whitespace that is content survives."""

import importlib.util

from conftest import ROOT

spec = importlib.util.spec_from_file_location("compact_output", ROOT / "overrides" / "hooks" / "compact_output.py")
compact = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compact)


def test_indentation_goes_but_preformatted_text_stays():
    html = "<div>\n      <p>Hola</p>\n    </div>\n<pre><code>def f():\n    return 1\n</code></pre>\n  <script>\n  if (a) {\n    b();\n  }\n  </script>"
    assert compact.compact_html(html) == (
        "<div>\n<p>Hola</p>\n</div>\n<pre><code>def f():\n    return 1\n</code></pre>\n<script>\n  if (a) {\n    b();\n  }\n  </script>"
    )


def test_css_loses_comments_and_indentation_only():
    css = "/* why */\n.a {\n  color: red; /* note */\n}\n\n\n@media print {\n  .b { display: none; }\n}\n"
    assert compact.compact_css(css) == ".a {\ncolor: red;\n}\n@media print {\n.b { display: none; }\n}\n"


def test_js_loses_indentation_and_comment_lines_but_not_urls():
    js = "// why\nconst url = 'https://example.org/x'; // kept: not a full-line comment\n  if (x) {\n    y();\n  }\n"
    assert compact.compact_js(js) == "const url = 'https://example.org/x'; // kept: not a full-line comment\nif (x) {\ny();\n}\n"
