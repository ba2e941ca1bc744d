"""Start the dashboard: `streamlit run streamlit_app.py`, with the first visit's set-up begun before it asks.

`python -m dashboard.serve [streamlit options]` is what `make run` starts. It is `streamlit run
streamlit_app.py` plus three things. It skips Streamlit's search of the installed packages for custom
components (`skip_component_scan`; Skillgrid uses none) and leaves Streamlit's Plotly theme to the first
Plotly chart (`import_streamlit_cli`): ~0.2 s each before the server could listen. And once
the server listens, a background thread imports what the pages import
(the metrics layer, polars, DuckDB, the chart helpers) and opens the warehouse reader. That is ~0.5 s the
first visit otherwise spends before it can draw anything, done while the browser is still loading
Streamlit's scripts: the first chart of a cold start came 0.3 s sooner (BENCHMARKS.md, entry 27). Warming
is only a head start: if it fails, the first page does the same work and reports any problem itself.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType

APP = Path(__file__).resolve().parent.parent / "streamlit_app.py"
# The costly imports of every page; importing a module again later is free.
WARM_MODULES = (
    "polars",
    "duckdb",
    "dashboard.data",
    "dashboard.sidebar",
    "dashboard.components",
    "dashboard.charts",
    "dashboard.minicharts",
    "metrics.overview",
    "metrics.coverage",
    "metrics.gaps",
)
WAIT_FOR_SERVER_S = 60.0
# While warming, the thread gives up the GIL after 0.5 ms (Python's default: 5 ms) when the server's thread
# asks for it: the server is sending the browser Streamlit's ~60 scripts meanwhile, and with the default it
# waited on the imports at every hand-over (the first chart came 0.15 s sooner instead of 0.3 s).
WARM_SWITCH_INTERVAL_S = 0.0005

_log = logging.getLogger(__name__)


def server_listening() -> bool:
    from streamlit.runtime import Runtime
    from streamlit.runtime.runtime import RuntimeState

    return Runtime.exists() and Runtime.instance().state in (
        RuntimeState.NO_SESSIONS_CONNECTED,
        RuntimeState.ONE_OR_MORE_SESSIONS_CONNECTED,
    )


@contextlib.contextmanager
def _logged_upgrade() -> Iterator[None]:
    """The warm-up upgrades a warehouse an earlier Skillgrid wrote before anyone visits: say so where the server
    was started, since it may take seconds."""
    started = time.monotonic()
    print(
        "Skillgrid: upgrading the warehouse written by an earlier version (once)…",
        file=sys.stderr,
        flush=True,
    )
    try:
        yield
    except Exception as exc:  # the first page shows the same problem, and what to do about it
        print(f"Skillgrid: the upgrade did not complete: {exc}", file=sys.stderr, flush=True)
        raise
    print(f"Skillgrid: warehouse upgraded in {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)


def warm(timeout_s: float = WAIT_FOR_SERVER_S, ready: Callable[[], bool] = server_listening) -> bool:
    """Once `ready()` (warming earlier would only delay the server's start), import the pages' modules and
    open the reader. True when the reader is open; never raises: the first page repeats what did not happen.
    """
    deadline = time.monotonic() + timeout_s
    while not ready():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    previous = sys.getswitchinterval()
    sys.setswitchinterval(WARM_SWITCH_INTERVAL_S)
    try:
        for name in WARM_MODULES:
            importlib.import_module(name)
        from dashboard import data

        data.connection(upgrade_notice=_logged_upgrade)
        return True
    except Exception as exc:  # the first page meets the same problem and words it for the person
        _log.info("the dashboard could not be warmed before the first visit: %s", exc)
        return False
    finally:
        sys.setswitchinterval(previous)


def skip_component_scan() -> bool:
    """Stop Streamlit from searching the installed packages for custom components when its runtime starts.

    Streamlit reads the metadata of every installed distribution for `[tool.streamlit.component]` manifests
    before its server listens (~0.2 s with this project's ~60 packages). Skillgrid draws only with
    Streamlit's own elements, so the search can only find components nobody uses; what it would register
    is never asked for. False when this Streamlit has no such step (nothing is changed then).
    """
    try:
        from streamlit.components.v2.component_manager import BidiComponentManager
    except ImportError:
        return False
    if not callable(getattr(BidiComponentManager, "discover_and_register_components", None)):
        return False

    def no_components(self: BidiComponentManager, *, start_file_watching: bool = True) -> None:
        _log.debug("Skillgrid uses no custom Streamlit components: not scanning installed packages")

    BidiComponentManager.discover_and_register_components = no_components  # type: ignore[method-assign]
    return True


def import_streamlit_cli() -> ModuleType:
    """Streamlit's command line, imported without building Streamlit's Plotly theme.

    Importing Streamlit builds its Plotly theme (`configure_streamlit_plotly_theme`): it imports plotly and
    creates ~0.2 s of template objects before the server can listen. Plotly is hidden while Streamlit imports
    (a `None` in sys.modules makes the import fail, and Streamlit then skips the theme, as it does when plotly
    is not installed). `dashboard.components.chart` builds the same theme before the first Plotly figure, and
    the first chart of the default page, drawn on the server, needs none.
    """
    hidden = "plotly" not in sys.modules
    if hidden:
        sys.modules["plotly"] = None  # type: ignore[assignment]
    try:
        from streamlit.web import cli
    finally:
        if hidden and sys.modules.get("plotly", False) is None:
            del sys.modules["plotly"]
    return cli


def main(argv: Sequence[str] | None = None) -> None:
    """`streamlit run streamlit_app.py` with `argv` (Streamlit's own options), and the warm-up thread."""
    cli = import_streamlit_cli()

    skip_component_scan()
    threading.Thread(target=warm, name="skillgrid-warm", daemon=True).start()
    args = list(sys.argv[1:] if argv is None else argv)
    cli.main(args=["run", str(APP), *args], prog_name="streamlit")


if __name__ == "__main__":
    main()
