"""The browser explorer: static pages and a local ASGI server over the public API.

The layer under :mod:`politburo.cli`, which fronts it; it never imports the command line,
and no lower layer imports it.

- :mod:`~politburo.web.data`: the explorer's data for a scenario (or its problems);
- :mod:`~politburo.web.site`: ``politburo explore``, a folder that opens from ``file://``;
- :mod:`~politburo.web.server`: ``politburo serve``, the same page with live what-ifs;
- :mod:`~politburo.web.report`: the annotated page of a source (``politburo sources report``);
- :mod:`~politburo.web.templating`: the Jinja2 environment, autoescaped.

See ``docs/explorer.md``.
"""

__all__: list[str] = []
