"""Every quizapp module imports on its own, first, in a fresh interpreter: no import cycle waits for an order.

A cycle shows only when its modules are imported in a certain order (``quizapp.offline.pack``
before ``quizapp.api`` once failed), so each module is imported first in a process of its own.
Starting ~160 interpreters costs minutes, almost all of it importing Flask, SQLAlchemy and the
other libraries again; so one interpreter imports those libraries once, and no quizapp module,
then forks a child per module: each child starts with no quizapp module loaded, as a fresh
interpreter would.
"""
import json
import os
import pkgutil
import subprocess
import sys

import quizapp
from tests.conftest import PROJECT_ROOT

# Imports every quizapp module named in argv[1] (JSON) to learn which libraries they load, prints
# the names of those libraries' modules, and loads nothing else.
LIBRARIES = r"""
import importlib, json, sys
for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
    except BaseException:
        pass  # the forked imports below report it
# In the order they were loaded, which is an order that works.
print(json.dumps([m for m in sys.modules if m.split(".")[0] not in ("quizapp", "__main__")]))
"""

# Loads the libraries of argv[2], then imports each module of argv[1] first in a forked child;
# prints {module: last line of its error} for those that fail.
IMPORT_EACH = r"""
import importlib, json, os, sys, traceback
modules, libraries = json.loads(sys.argv[1]), json.loads(sys.argv[2])
for name in libraries:
    try:
        importlib.import_module(name)
    except BaseException:
        pass  # a library loaded only under another name; the child imports what it needs
assert not [m for m in sys.modules if m.split(".")[0] == "quizapp"], "a library imported quizapp"
failures = {}
for name in modules:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            importlib.import_module(name)
            code = 0
        except BaseException:
            os.write(write, traceback.format_exc().strip().splitlines()[-1].encode())
            code = 1
        os._exit(code)
    os.close(write)
    with os.fdopen(read) as pipe:
        message = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        failures[name] = message or f"exit status {status}"
print(json.dumps(failures))
"""


def _modules() -> list[str]:
    return ["quizapp"] + sorted(m.name for m in pkgutil.walk_packages(quizapp.__path__, "quizapp."))


def _run(script: str, *args: str, path: str = "") -> str:
    env = {**os.environ, "PYTHONPATH": path} if path else None
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_every_module_imports_first_in_a_fresh_interpreter():
    """Each module found by pkgutil.walk_packages imports with no quizapp module loaded before it."""
    modules = _modules()
    assert "quizapp.offline.pack" in modules and "quizapp.__main__" in modules
    libraries = _run(LIBRARIES, json.dumps(modules))
    assert json.loads(_run(IMPORT_EACH, json.dumps(modules), libraries)) == {}


def test_a_cycle_that_breaks_only_in_one_order_is_reported(tmp_path):
    """A module that fails only when imported before its partner is named, with its ImportError."""
    package = tmp_path / "cycle"
    package.mkdir()
    (package / "__init__.py").write_text("")
    # Imported first, api defines card before it needs pack, so that order works; pack first does not.
    (package / "api.py").write_text("def card():\n    return 1\n\n\nfrom cycle.pack import build\n")
    (package / "pack.py").write_text("from cycle.api import card\n\n\ndef build():\n    return card()\n")
    failures = json.loads(_run(IMPORT_EACH, json.dumps(["cycle.api", "cycle.pack"]), "[]", path=str(tmp_path)))
    assert list(failures) == ["cycle.pack"]
    assert "ImportError" in failures["cycle.pack"] and "circular import" in failures["cycle.pack"]
