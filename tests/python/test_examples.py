# Every example under examples/python runs and succeeds (each checks its own result).
import os
import subprocess
import sys

import pytest

from conftest import REPO

EXAMPLES = REPO / "examples" / "python"


def run_example(name, *args):
    env = dict(os.environ, MPLBACKEND="Agg")
    return subprocess.run([sys.executable, str(EXAMPLES / name), *map(str, args)], env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize("name", ["hebbian_pair.py", "closed_loop.py"])
def test_example_succeeds(name):
    result = run_example(name)
    assert result.returncode == 0, result.stdout + result.stderr


def test_cuba_raster(tmp_path):
    result = run_example("cuba_raster.py", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "E:" in result.stdout and "I:" in result.stdout
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return
    assert (tmp_path / "cuba_raster.png").stat().st_size > 1000


def test_run_experiment_example(experiments):
    result = run_example("run_experiment.py", experiments / "cuba.toml", 3)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "cuba: 4000 neurons" in result.stdout


@pytest.mark.parametrize("page", ["README.md", "docs/python.md"])
def test_python_snippets_in_the_docs_run(page, monkeypatch, tmp_path):
    text = (REPO / page).read_text()
    snippets = [block.split("```", 1)[0] for block in text.split("```python\n")[1:]]
    assert snippets, f"no Python snippet in {page}"
    monkeypatch.chdir(REPO)  # snippets name files relative to the repository root
    try:
        import matplotlib  # noqa: F401
        plotting = True
    except ImportError:
        plotting = False
    namespace = {}  # one after the other, as in a notebook
    for snippet in snippets:
        if "matplotlib" in snippet and not plotting:
            continue  # the plots are optional; the arrays they draw come from the other snippets
        if "savefig" in snippet:
            snippet = snippet.replace('fig.savefig("', f'fig.savefig("{tmp_path}/')
        exec(compile(snippet, page, "exec"), namespace)
