"""The IANA time zone database as packaged by tzdata (PyPI): the `tzdata` package in the
interpreter's ZIP, which zoneinfo reads only when the system has no zoneinfo directory
(an empty chroot, a scratch container), like the embedded CA bundle."""
import shutil

from staticpython.context import ZIP_FILES
from staticpython.sources import Source

NAME = 'tzdata'
VERSION = '2026.6'
LICENSE = 'Apache-2.0 (the time zone data: public domain)'
SUMMARY = 'IANA time zone database (zoneinfo fallback)'
KIND = 'data'
DEPENDS = ()
SOURCES = (
    Source('tzdata-2026.6.tar.gz', 201017,
           '85d2cd9c09f81f0bb29db27759fc83af4f1e620efb814f8c5bf8b4cc4feece6d',
           pip='tzdata==2026.6'),
)
PRODUCTS = (f'{ZIP_FILES}/tzdata/__init__.py', f'{ZIP_FILES}/tzdata/zones',
            f'{ZIP_FILES}/tzdata/zoneinfo/Europe/Berlin')


def build(b):
    shutil.copytree(b.src('src/tzdata'), b.dest(ZIP_FILES, 'tzdata'))
