"""The package declares its types (PEP 561): py.typed ships with it, and
mypy --strict accepts the package and code that uses it (skipped without
mypy: Debian package mypy)."""
import os
import subprocess
import sys

import pytest

import cleaner

HERE = os.path.dirname(os.path.abspath(__file__))
PKG = os.path.dirname(os.path.abspath(cleaner.__file__))


def test_py_typed_marker():
    assert os.path.isfile(os.path.join(PKG, "py.typed"))


def test_mypy_strict_accepts_package_and_use(tmp_path):
    pytest.importorskip("mypy", reason="no mypy (apt-get install mypy)")
    r = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                        "--cache-dir", str(tmp_path), PKG, os.path.join(HERE, "typed_use.py")],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300,
                       env=dict(os.environ, MYPYPATH=os.path.dirname(PKG)))
    assert r.returncode == 0, r.stdout.decode()
