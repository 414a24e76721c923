"""Stackless Python 3.2 (tasklets, channels, `import stackless`), as data: CPython 3.2's
recipe (recipes/cpython32.py), of which only what differs is written here.

Stackless is a fork of CPython: its C directory Stackless/ (the scheduler, the tasklet,
channel and pickling code, and platf/, which switches C stacks in per-CPU assembly) is
compiled into libpython by Stackless's own Makefile.pre.in, and its Modules/config.c.in
lists its module _stackless as built in; Lib/stackless.py wraps it. setup.py's _pickle
takes Stackless/pickling/safe_pickle.c, which libpython already holds here. Stackless 3.2.6
is CPython 3.2.6 with Stackless: CPython 3.2.6's patches apply to it unchanged
(PATCH_DIRS); its own give it Stackless 2.7.17's i386 stack switch.

Stackless published its releases as tags of its git repository (Source.git); on these
machines the `git archive` export, xz-compressed, comes from a local source directory
($STATICPYTHON_SOURCES).
"""
from staticpython.recipes.cpython32 import *   # noqa: F401,F403 (every field CPython 3.2's)
from staticpython import cpython
from staticpython.recipes import cpython32
from staticpython.sources import Source

NAME = 'stackless3.2'
VERSION = '3.2.6'
SUMMARY = 'Stackless Python (CPython with tasklets and channels) and its standard library'
SOURCES = (
    Source('stackless-3.2.6-slp.tar', 58685440,
           '56e8073b85cf1bf392da9977982391ec4eaf899abbb546d734c6be2832315799',
           git=('https://github.com/stackless-dev/stackless.git', 'v3.2.6-slp',
                '5e3c4efae45cff5a6a22a1ccc4206f53826ebab6')),
    # The same tar compressed with xz -9 (a local source directory's copy).
    Source('stackless-3.2.6-slp.tar.xz', 9045100,
           'bf154e2cbfb1312292c11640e648259a403eeed282c153a3a22eb0d9873e45d4'),
)
# CPython 3.2.6's patches (finding the ZIP, zipimport, pymalloc's alignment, musl, ...; the
# reference build's REFERENCE_PATCHES among them), applied after Stackless's own,
# patches/stackless3.2/3.2.6/ (its i386 switch for today's compiler), where a file of the
# same name would replace CPython's (patchset.py).
PATCH_DIRS = (f'{cpython32.NAME}/{cpython32.VERSION}',)
# Python.h includes stackless.h, which is in Stackless/ (the modules/ extensions' -I).
EXTENSION_INCLUDE_DIRS = cpython.EXTENSION_INCLUDE_DIRS + ('Stackless',)
