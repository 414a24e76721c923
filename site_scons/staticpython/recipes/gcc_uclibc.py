"""GCC for the target with uClibc-ng (libc=uclibc): the gcc recipe's compiler, configuration
and order of work, with uClibc-ng as the C library built inside it instead of musl.

The steps are gcc.build()'s with the C library's calls swapped. They are a second function,
not a parameter of gcc.build(), because every cached musl toolchain depends on gcc.py's
bytes: fold the two together when gcc.py next changes for its own reasons.
"""
import os

from staticpython import patchset, toolchain

from . import gcc, uclibc

NAME = 'gcc-uclibc'
VERSION = gcc.VERSION
LICENSE = gcc.LICENSE
SUMMARY = 'C and C++ compiler of the libc=uclibc toolchain, with uClibc-ng built inside'
KIND = 'toolchain'
DEPENDS = gcc.DEPENDS
PARTS = ('uclibc',)
PATCH_DIRS = (f'gcc/{VERSION}',)       # gcc's patches, applied by build()
SOURCES = gcc.SOURCES
PRODUCTS = gcc.PRODUCTS


def build(b):
    for path in patchset.borrowed(b.repo, b.recipe):
        b.run('patch', '-p1', '--forward', '--batch', '-i', path)
    build_sysroot = os.path.join(b.deps, b.triple, 'sysroot')
    b.env['PATH'] = f'{b.deps}/bin:{b.env["PATH"]}'
    mapped = f'-ffile-prefix-map={b.workdir}={toolchain.mapped_name(NAME)}'
    flags = f'{gcc.TARGET_FLAGS} {mapped}'
    libc = b.part(uclibc, b.dest(b.triple, 'sysroot'))
    uclibc.configure(libc, os.path.join(build_sysroot, 'usr', 'include'), mapped)
    uclibc.install_headers(libc, build_sysroot)

    obj = b.mkdir('obj')
    b.run('../src/configure', f'--target={b.triple}', f'--prefix={toolchain.PREFIX}',
          f'--with-sysroot={toolchain.sysroot(b.triple)}', f'--with-build-sysroot={build_sysroot}',
          *gcc.CONFIGURE, *b.target.gcc_config,
          f'CFLAGS_FOR_TARGET={flags}', f'CXXFLAGS_FOR_TARGET={flags}', cwd=obj)
    gcc._record_configure_without_paths(b, os.path.join(obj, 'Makefile'))
    b.make('all-gcc', *gcc.MAKE_VARS, cwd=obj)
    b.make('all-target-libgcc', *gcc.MAKE_VARS, cwd=obj)

    # The C library, compiled by the compiler just built, with its libgcc.
    xgcc = os.path.join(obj, 'gcc')
    uclibc.build(libc, f'{xgcc}/xgcc -B{xgcc}/', build_sysroot)  # and into the build's
    b.make(*gcc.MAKE_VARS, cwd=obj)
    b.install_prefix(toolchain.PREFIX, 'install-strip', *gcc.MAKE_VARS, cwd=obj)
    b.remove(f'bin/{b.triple}-lto-dump')
