"""The questions Skillgrid answers, as pure functions over the warehouse: (con, Filters) -> MetricResult.

Every metric's SQL is a named file in metrics/sql; docs/METRICS.md states each formula with a worked example.
"""

import etl  # noqa: F401  (first: sets polars' allocator options before polars loads, see etl/allocator.py)
from metrics.definitions import Definition, MetricResult
from metrics.errors import MetricsError
from metrics.filters import Filters

__all__ = ["Definition", "Filters", "MetricResult", "MetricsError"]
