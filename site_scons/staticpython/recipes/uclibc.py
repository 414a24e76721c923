"""uClibc-ng, the C library of libc=uclibc (the original StaticPython's): built inside the
gcc-uclibc recipe's build, as musl is inside gcc's. Configured by uclibc.config (beside this
file: the options that differ from uClibc-ng's defaults, each with its reason)."""
import fnmatch
import os
import re

from staticpython.sources import Source

NAME = 'uclibc'
VERSION = '1.0.35'
LICENSE = 'LGPL-2.1-only'
SUMMARY = 'uClibc-ng, the C library of libc=uclibc (static only, no NSS, no locales)'
KIND = 'part'
DEPENDS = ()
SOURCES = (
    Source('uClibc-ng-1.0.35.tar.xz', 1930000,
           '4d0ee138f037017695a66b556b70f77a0eab8a238819bcb60af890b7b3382a2b',
           urls=('https://downloads.uclibc-ng.org/releases/1.0.35/uClibc-ng-1.0.35.tar.xz',),
           pool='pool/main/u/uclibc/uclibc_1.0.35.orig.tar.xz'),
)
PRODUCTS = ('usr/lib/libc.a', 'usr/lib/crt1.o', 'usr/include/stdio.h')
CONFIG = 'site_scons/staticpython/recipes/uclibc.config'   # in the repo
BUILD_FILES = (CONFIG,)

# uClibc-ng's name for the CPU of a target triple (its TARGET_<arch> option), first match
# wins: the CPUs of LIBCS['uclibc'].targets.
ARCH = (('x86_64*', 'x86_64'), ('i?86*', 'i386'))
_LINE = re.compile(r'^(?:([A-Z0-9_]+)=(.*)|# ([A-Z0-9_]+) is not set)$')
SHARED = re.compile(r'.*\.so(\.[0-9.]+)?')      # libc.so.1, ld64-uClibc-1.0.35.so, libc.so


def arch(triple):
    for pattern, name in ARCH:
        if fnmatch.fnmatchcase(triple, pattern):
            return name
    raise RuntimeError(f'uClibc-ng is not built for {triple} here')


def settings(text):
    """The options of a .config text: {name: value}, 'n' for `# NAME is not set`."""
    found = {}
    for line in text.splitlines():
        m = _LINE.match(line.strip())
        if m:
            found[m.group(1) or m.group(3)] = m.group(2) if m.group(1) else 'n'
    return found


def configure(u, kernel_headers, cflags):
    """Write .config: uclibc.config, the CPU, where things are; the rest its defaults.
    Fails when an option of uclibc.config did not survive (its dependencies unmet)."""
    with open(os.path.join(u.repo, CONFIG)) as f:
        ours = f.read()
    cpu = arch(u.triple)
    extra = (f'TARGET_{cpu}=y\nTARGET_ARCH="{cpu}"\nKERNEL_HEADERS="{kernel_headers}"\n'
             'RUNTIME_PREFIX="/"\nDEVEL_PREFIX="/usr/"\nMULTILIB_DIR="lib"\n'
             f'CROSS_COMPILER_PREFIX="{u.triple}-"\nUCLIBC_EXTRA_CFLAGS="{cflags}"\n')
    config = u.src('.config')
    with open(config, 'w') as f:
        f.write(ours + extra)
    u.make('olddefconfig', 'HOSTCC=gcc', jobs=False)
    with open(config) as f:
        final = settings(f.read())
    lost = [f'{k}={v} (now {final.get(k, "absent")})' for k, v in settings(ours).items()
            if final.get(k, 'n') != v]
    if lost:
        raise RuntimeError(f'uClibc-ng dropped options of {CONFIG}: {"; ".join(lost)}')


def install_headers(u, sysroot):
    """The headers into `sysroot` (GCC's build wants them before there is a target compiler:
    the build machine's gcc only preprocesses the kernel's headers, with -nostdinc)."""
    u.make('HOSTCC=gcc', 'CC=gcc', f'PREFIX={sysroot}', 'install_headers', jobs=False)


def build(u, cc, *also):
    """Compiled by `cc` (the new compiler); installed into u.destdir and the directories
    `also`, static only: the shared objects it builds too (see uclibc.config) deleted."""
    tools = ('HOSTCC=gcc', f'CC={cc}', f'CROSS_COMPILE={u.triple}-')
    u.make(*tools)
    for prefix in (u.destdir,) + also:
        u.make(*tools, f'PREFIX={prefix}', 'install', jobs=False)
        for top, _, names in os.walk(prefix):
            for name in names:
                if SHARED.fullmatch(name):
                    os.remove(os.path.join(top, name))

