"""The core install checks and compiles offline without the `llm` extra, and the LLM
renderer, without it, says which extra to install (issue 13: a light core)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EIFFEL = REPO / "examples" / "eiffel_rome.world"
# what only the LLM path needs, and what a light install must not pull
LLM_ONLY = ["litellm", "aiohttp", "aiolimiter", "tenacity", "diskcache", "uvloop"]

WITHOUT_EXTRA = """
import sys
for name in {names!r}:
    sys.modules[name] = None  # as if not installed: import fails, find_spec finds none
from worldspec.cli import main
sys.argv = ["worldspec", *sys.argv[1:]]
main()
"""


def without_extra(*args: str, names: list[str] = LLM_ONLY) -> subprocess.CompletedProcess[str]:
    """The CLI with `args`, as if the modules `names` were not installed."""
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_EXTRA.format(names=names), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_check_and_an_offline_compile_need_no_llm_extra(tmp_path: Path) -> None:
    assert without_extra("check", str(EIFFEL)).returncode == 0
    done = without_extra(
        "compile", str(EIFFEL), "--out", str(tmp_path / "c"), "--documents", "40", "-q"
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "c" / "manifest.json").is_file()


def test_the_llm_renderer_names_the_extra_it_needs(tmp_path: Path) -> None:
    done = without_extra(
        "compile",
        str(EIFFEL),
        "--out",
        str(tmp_path / "c"),
        "--documents",
        "4",
        "--renderer",
        "llm",
    )
    assert done.returncode == 2, done.stderr
    assert 'pip install "worldspec[llm]"' in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "c" / "docs-00000.jsonl").exists()  # nothing was written


def test_the_wheel_asks_for_the_llm_dependencies_only_with_the_extra(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("worldspec-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        requires = [
            line.split(":", 1)[1].strip()
            for line in archive.read(metadata).decode().splitlines()
            if line.startswith("Requires-Dist:")
        ]
    core = [r for r in requires if "extra ==" not in r]
    assert core and not any(r.split(">")[0].split(";")[0].strip() in LLM_ONLY for r in core)
    llm = [r for r in requires if "extra == 'llm'" in r or 'extra == "llm"' in r]
    assert {r.split(">")[0] for r in llm} >= {"litellm", "aiohttp", "tenacity", "diskcache"}


def test_episode_and_the_inspect_task_name_their_extras() -> None:
    done = without_extra("episode", str(EIFFEL), "--corpus", "x", "--model", "m")
    assert done.returncode == 2 and 'pip install "worldspec[llm]"' in done.stderr
    hidden = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['inspect_ai'] = None\n"
         "import worldspec.serve.inspect_task"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert 'pip install "worldspec[inspect]"' in hidden.stderr


def test_serve_without_its_extra_names_it(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{}")
    hidden = subprocess.run(
        [sys.executable, "-c", WITHOUT_EXTRA.format(names=["tantivy"]), "serve", str(EIFFEL),
         "--corpus", str(tmp_path), "--transport", "http"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert hidden.returncode == 2 and "Traceback" not in hidden.stderr
    assert 'pip install "worldspec[serve]"' in hidden.stderr
