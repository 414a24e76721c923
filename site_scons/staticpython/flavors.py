"""FLAVORS: which interpreter a build produces, as data.

A flavor names the CPython version and the third-party libraries its interpreter links in.
The libraries are recipe names (see recipes/); the toolchain recipes are implied.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Flavor:
    name: str
    python: str               # CPython version, e.g. '3.13'
    summary: str
    libraries: tuple          # recipe names linked into the interpreter
    extra_modules: tuple = () # third-party C extensions compiled in (modules/)


_STDLIB_LIBS = ('zlib', 'bzip2', 'xz', 'sqlite3', 'ncurses', 'readline', 'openssl', 'libffi')

FLAVORS = {f.name: f for f in (
    Flavor(
        name='python3.13',
        python='3.13',
        summary='CPython 3.13 with every standard C extension built in',
        libraries=_STDLIB_LIBS,
    ),
)}

DEFAULT_FLAVOR = 'python3.13'
