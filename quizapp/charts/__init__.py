"""Accessible inline SVG charts rendered on the server; pure Python, no Flask, nothing fetched.

Each function returns a :class:`Chart`: the ``<svg>`` (``role="img"``, ``<title>``, ``<desc>``,
labelled axes, one ``data-label``/``data-value`` pair per mark so tests and scripts can read the
numbers) plus the same numbers as table rows, which the page shows behind a ``<details>`` toggle.
"""
from quizapp.charts.bars import bar_chart
from quizapp.charts.heat import heat_strip
from quizapp.charts.line import Series, line_chart
from quizapp.charts.svg import Chart

__all__ = ["Chart", "Series", "bar_chart", "heat_strip", "line_chart"]
