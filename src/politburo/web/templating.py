"""The Jinja2 environment shared by the explorer, the server and the source report.

Autoescaping is on for every template, so text from sources and scenarios (quotes, names,
ids) is escaped wherever it is printed; data handed to scripts goes through
:func:`script_json`, which cannot close the script element it sits in.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

__all__ = ["environment", "render", "script_json"]


def script_json(value: Any) -> Markup:
    """``value`` as JSON safe inside ``<script type="application/json">``: every ``<``,
    ``>`` and ``&`` escaped as a JSON unicode escape, so no text can end the element.

    >>> str(script_json({"q": "</script><script>alert(1)</script>"}))
    '{"q": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, default=str)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


@cache
def environment() -> Environment:
    """The environment: templates of this package, autoescaped, strict about names."""
    env = Environment(
        loader=PackageLoader("politburo.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["script_json"] = script_json
    return env


def render(template: str, **context: Any) -> str:
    """Render one template of the package."""
    return environment().get_template(template).render(**context)
