"""Stackless Python 2.7 (tasklets, channels, `import stackless`), as data: CPython 2.7's
recipe (recipes/cpython27.py), of which only what differs is written here.

Stackless is a fork of CPython: its C directory Stackless/ (the scheduler, the tasklet,
channel and pickling code, and platf/, which switches C stacks in per-CPU assembly) is
compiled into libpython by Stackless's own Makefile.pre.in, and its start-up creates the
module _stackless (Python/pythonrun.c: _PyStackless_Init(), no inittab entry: it is in
sys.modules from the start, not in sys.builtin_module_names); Lib/stackless.py wraps it.
setup.py's cPickle takes Stackless/pickling/safe_pickle.c, which libpython already holds
here. Stackless 2.7.17 is CPython 2.7.17 with Stackless: CPython 2.7.18's patches apply to
it unchanged (PATCH_DIRS); its own make GCC 14 link it.

Stackless published its releases as tags of its git repository (Source.git); on these
machines the `git archive` export, xz-compressed, comes from a local source directory
($STATICPYTHON_SOURCES).
"""
from staticpython.recipes.cpython27 import *   # noqa: F401,F403 (every field CPython 2.7's)
from staticpython import cpython
from staticpython.recipes import cpython27
from staticpython.sources import Source

NAME = 'stackless2.7'
VERSION = '2.7.17'
SUMMARY = 'Stackless Python (CPython with tasklets and channels) and its standard library'
SOURCES = (
    Source('stackless-2.7.17-slp.tar', 73185280,
           '074f75d8955fc98d7c6857e1bdc1b5972f341b8f991e030c1809ee32e4793b95',
           git=('https://github.com/stackless-dev/stackless.git', 'v2.7.17-slp',
                '4de5ac6bbe87cebfecbc050443e1084e9472c5f8')),
    # The same tar compressed with xz -9 (a local source directory's copy).
    Source('stackless-2.7.17-slp.tar.xz', 12555972,
           '3ff282f7647870fce02ccfef3e0c01364e3bc061f5b285cae2a84f70c079250e'),
)
# CPython 2.7.18's patches (finding the ZIP, zipimport, linecache, musl, ...), applied after
# Stackless's own, patches/stackless2.7/2.7.17/ (for today's compiler), where a file of the
# same name would replace CPython's (patchset.py).
PATCH_DIRS = (f'{cpython27.NAME}/{cpython27.VERSION}',)
# Python.h includes stackless.h, which is in Stackless/ (the modules/ extensions' -I).
EXTENSION_INCLUDE_DIRS = cpython.EXTENSION_INCLUDE_DIRS + ('Stackless',)
