"""Compiled templates kept between builds, in .cache/jinja.

Compiling templates was a quarter of every build: the theme's, once per language
(the i18n plugin gives each language a new environment), and every page's
Markdown, which mkdocs-macros compiles as a template before running its macros.
(The few snippets, macros.py's own environment, compile in a hundredth of a second.)
Jinja's bytecode cache keeps each compiled template with the hash of its source
and compiles it again when the source differs, so a cached template is always
the one its source gives; `mkdocs serve` recompiles only the page being edited.
How a template compiles also depends on its environment's settings (delimiters,
autoescaping, extensions), so each environment's folder is named by them.
"""

import hashlib
from pathlib import Path

import jinja2
from mkdocs.plugins import event_priority

CACHE_DIR = ".cache/jinja"
COMPILE_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                    "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
                    "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized", "autoescape")


def settings_name(environment: jinja2.Environment) -> str:
    values = [getattr(environment, name) for name in COMPILE_SETTINGS] + sorted(environment.extensions)
    described = repr([getattr(value, "__qualname__", value) for value in values])
    return hashlib.sha256(described.encode()).hexdigest()[:16]


def bytecode_cache(config, use: str, environment: jinja2.Environment) -> jinja2.FileSystemBytecodeCache:
    directory = Path(config["config_file_path"]).parent / CACHE_DIR / f"{use}-{settings_name(environment)}"
    directory.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(directory))


def cached_from_string(environment: jinja2.Environment, cache: jinja2.BytecodeCache, page_name):
    """`environment.from_string` through `cache`, one entry per page (`page_name()`)."""
    def from_string(source, globals=None, template_class=None):
        bucket = cache.get_bucket(environment, page_name(), None, source)
        if bucket.code is None:
            bucket.code = environment.compile(source)
            cache.set_bucket(bucket)
        return (template_class or environment.template_class).from_code(
            environment, bucket.code, environment.make_globals(globals))
    return from_string


def on_env(env, config, files):
    env.bytecode_cache = bytecode_cache(config, "theme", env)
    return env


@event_priority(-100)  # after mkdocs-macros has made its environment
def on_config(config):
    macros = config["plugins"]["macros"]
    macros.env.from_string = cached_from_string(macros.env, bytecode_cache(config, "pages", macros.env), lambda: macros.page.file.src_uri)
