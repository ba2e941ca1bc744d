"""Errors the metrics layer raises for bad input, so callers show a message instead of a traceback."""

from __future__ import annotations


class MetricsError(ValueError):
    """Base class: a metric was asked something it cannot answer as asked."""


class FilterError(MetricsError):
    """A filter value is out of range or of the wrong kind (names the field and the value)."""


class UnknownQueryError(MetricsError):
    """No named SQL file exists for the query asked for."""


class UnknownEmployeeError(MetricsError):
    """A person-level view was asked for an employee id the warehouse does not hold."""


def whole_number(value: object, low: int, high: int | None, requirement: str) -> int:
    """``value`` when it is a whole number (a bool is not) from ``low`` to ``high`` (None: no upper bound);
    else a MetricsError that reads "<requirement>, got <value>"."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or value < low
        or (high is not None and value > high)
    ):
        raise MetricsError(f"{requirement}, got {value!r}")
    return value
