"""`make run`'s launcher: it starts Streamlit on the app and warms the modules up once the server listens."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dashboard import serve

ROOT = Path(__file__).resolve().parents[1]


class _Bootstrap:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def _on_server_start(self, server: object) -> None:
        self.calls.append(f"listening {server}")


def test_warm_up_starts_after_streamlit_says_it_listens() -> None:
    bootstrap = _Bootstrap()
    assert serve.install_hook(bootstrap, start=lambda: bootstrap.calls.append("warm-up"))
    assert bootstrap.calls == []  # nothing before the server starts
    bootstrap._on_server_start("S")
    assert bootstrap.calls == ["listening S", "warm-up"]


def test_without_the_hook_the_warm_up_starts_at_once() -> None:
    started = []
    assert not serve.install_hook(object(), start=lambda: started.append(True))
    assert started == [True]


def test_warm_up_imports_the_modules_and_names_failures() -> None:
    assert serve.warm_up() == []
    assert set(serve.WARM_MODULES) <= set(sys.modules)
    assert serve.warm_up(("json", "no_such_module_here")) == ["no_such_module_here"]
    assert "pandas" not in serve.WARM_MODULES  # its import would compete with the first run (docstring)


def test_launcher_runs_streamlit_on_the_app() -> None:
    # `--help` makes Streamlit print the usage of `streamlit run` and exit without starting a server.
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.serve", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Usage: streamlit run [OPTIONS] [TARGET]" in done.stdout
    assert serve.APP == ROOT / "streamlit_app.py" and serve.APP.is_file()
