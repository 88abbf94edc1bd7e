"""What makes builds and the preview faster never serves stale output:
compiled templates (overrides/hooks/template_cache.py) and the preview's memo of
converted pages (overrides/hooks/fast_preview.py)."""

import importlib.util
import logging

import jinja2
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from conftest import ROOT


def hook(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "overrides" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


template_cache, fast_preview = hook("template_cache"), hook("fast_preview")


def test_a_cached_page_template_is_compiled_again_when_its_source_changes(tmp_path):
    environment = jinja2.Environment()
    cache = jinja2.FileSystemBytecodeCache(str(tmp_path))
    page = ["a.es.md"]
    from_string = template_cache.cached_from_string(environment, cache, lambda: page[0])
    assert from_string("{{ 1 + 1 }}").render() == "2"
    assert len(list(tmp_path.iterdir())) == 1
    assert from_string("{{ 1 + 1 }}").render() == "2"          # from the cache
    assert from_string("{{ 2 + 2 }}").render() == "4"          # same page, new source
    page[0] = "b.es.md"
    assert from_string("{{ 3 + 3 }}").render() == "6"
    assert len(list(tmp_path.iterdir())) == 2


def test_a_cached_template_still_reports_its_line(tmp_path):
    """macros.py names the line of a failing call from the template's line map."""
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined)
    from_string = template_cache.cached_from_string(environment, jinja2.FileSystemBytecodeCache(str(tmp_path)), lambda: "a.es.md")
    for _ in range(2):  # compiled, then from the cache
        with pytest.raises(jinja2.UndefinedError) as error:
            from_string("uno\ndos\n{{ nada.x }}").render()
        assert [frame.lineno + 1 for frame in error.traceback if str(frame.path) == "<template>"] == [3]


def test_environments_that_compile_differently_use_different_folders(tmp_path):
    plain, escaping = jinja2.Environment(), jinja2.Environment(autoescape=True)
    other_delimiters = jinja2.Environment(variable_start_string="[[", variable_end_string="]]")
    names = {template_cache.settings_name(e) for e in (plain, escaping, other_delimiters)}
    assert len(names) == 3
    assert template_cache.settings_name(jinja2.Environment()) == template_cache.settings_name(plain)


def site(tmp_path, pages):
    (tmp_path / "docs").mkdir(exist_ok=True)
    config = MkDocsConfig()
    config.load_dict({"site_name": "Prueba", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    assert config.validate() == ([], [])
    files = Files([File(name, config.docs_dir, config.site_dir, True) for name in pages])
    return config, files


def render(page_name, markdown, config, files, renderer):
    page = Page(None, files.get_file_from_path(page_name), config)
    page.markdown = markdown
    renderer(page, config, files)
    return page


def memoized_and_counted():
    """MkDocs' own conversion behind the memo, and the list of pages it converted."""
    calls = []

    def counted(page, config, files):
        calls.append(page.file.src_uri)
        Page.render(page, config, files)

    return calls, fast_preview.memoized(counted)


def test_the_memo_reuses_a_conversion_only_when_nothing_it_reads_changed(tmp_path):
    calls, renderer = memoized_and_counted()
    config, files = site(tmp_path, ["a.md", "b.md"])
    first = render("a.md", "# Uno\n\n[b](b.md#dos)", config, files, renderer)
    again = render("a.md", "# Uno\n\n[b](b.md#dos)", config, files, renderer)
    assert calls == ["a.md"]
    assert (again.content, again.title, again.present_anchor_ids) == (first.content, first.title, first.present_anchor_ids)
    assert again.toc is not first.toc and [i.id for i in again.toc] == [i.id for i in first.toc]
    # The link to b.md#dos is checked again after each build, against the new File.
    assert {f.src_uri: links for f, links in again.links_to_anchors.items()} == {"b.md": {"dos": "b.md#dos"}}
    assert next(iter(again.links_to_anchors)) is files.get_file_from_path("b.md")

    render("a.md", "# Uno\n\nOtra frase.", config, files, renderer)                  # its Markdown
    config2, files2 = site(tmp_path, ["a.md", "b.md", "c.md"])
    render("a.md", "# Uno\n\nOtra frase.", config2, files2, renderer)                # the site's files
    config2["mdx_configs"] = {"toc": {"permalink": True}}
    render("a.md", "# Uno\n\nOtra frase.", config2, files2, renderer)                # the settings
    assert calls == ["a.md"] * 4


def test_the_memo_keeps_no_conversion_that_logged_a_problem(tmp_path, caplog):
    calls, renderer = memoized_and_counted()
    config, files = site(tmp_path, ["a.md"])
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        for _ in range(2):
            render("a.md", "[roto](no-existe.md)", config, files, renderer)
    assert calls == ["a.md", "a.md"]
    assert sum("no-existe.md" in r.getMessage() for r in caplog.records) == 2


def test_a_function_named_in_the_settings_is_known_by_its_source(tmp_path):
    """Editing macros.py (its math formatters) must not reuse conversions made with the old one."""
    path = tmp_path / "formatter.py"
    path.write_text("def fence(source):\n    return source\n")
    spec = importlib.util.spec_from_file_location("formatter", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    before = fast_preview._settings({"format": module.fence})
    assert fast_preview._settings({"format": module.fence}) == before
    path.write_text("def fence(source):\n    return source.upper()\n")
    assert fast_preview._settings({"format": module.fence}) != before
