"""`python -m dashboard.serve [streamlit options]`: `streamlit run streamlit_app.py`, warmed up (`make run`).

Streamlit imports nothing of the app until a browser connects, so the first page view pays for importing
DuckDB, polars, numpy and pyarrow (about a second on two cores) while the reader waits for the first chart.
Yet between the server listening and the browser's websocket opening there is a second or so in which the
server only hands out static files. This launcher imports those modules in a background thread as soon
as the server listens, so the first run finds them loaded. pandas is left out on purpose: its import takes
as long again and would still be running, competing with the first run for the interpreter, when the
first run starts; the first table imports it.

`streamlit run streamlit_app.py` works as well; it only starts colder.
"""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "streamlit_app.py"
# In the order the first run needs them: the warehouse connection and its results first.
WARM_MODULES: tuple[str, ...] = (
    "duckdb",
    "numpy",
    "pyarrow",
    "polars",
    "etl.warehouse",
    "metrics.catalogue",
    "metrics.overview",
    "dashboard.data",
    "dashboard.components",
    "dashboard.charts",
)


def warm_up(modules: Sequence[str] = WARM_MODULES) -> list[str]:
    """Import ``modules``; returns those that failed (a failure here only means a colder first run)."""
    failed = []
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the app's own first run will raise it where it can be shown
            failed.append(name)
    return failed


def _start_warm_up() -> None:
    threading.Thread(target=warm_up, name="skillgrid-warm-up", daemon=True).start()


def install_hook(bootstrap: object, start: Callable[[], None] = _start_warm_up) -> bool:
    """Run ``start`` once the server listens; True if Streamlit's hook was found, else it runs now.

    Streamlit calls ``bootstrap._on_server_start`` right after the server starts listening. It is not a
    public API, so when a Streamlit version lacks it the warm-up starts at once, which is merely less
    useful (it then competes with Streamlit's own start-up).
    """
    hook = getattr(bootstrap, "_on_server_start", None)
    if not callable(hook):
        start()
        return False

    def on_server_start(server: object) -> None:
        hook(server)
        start()

    bootstrap._on_server_start = on_server_start  # type: ignore[attr-defined]
    return True


def main(argv: Sequence[str] | None = None) -> None:
    from streamlit.web import bootstrap, cli

    install_hook(bootstrap)
    options = sys.argv[1:] if argv is None else list(argv)
    cli.main(args=["run", str(APP), *options], prog_name="streamlit")


if __name__ == "__main__":
    main()
