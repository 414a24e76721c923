"""The environment in which a recipe compiled by our toolchain (a library, the interpreter)
runs its commands: the target's compiler and tools, its flags, and the staged dependencies.

Kept apart from pkgbuild.py: the toolchain's pkgs do not depend on this file, so changing
how libraries are compiled does not rebuild seven GCCs.
"""
import os

from . import toolchain
from .targets import TARGETS

# Position-independent code, so that the interpreter can be linked static-pie (`pie`).
PIE_CFLAGS = ('-fPIE',)
# C code without unwind tables (.eh_frame, a twelfth of the interpreter): nothing unwinds
# through it (no C++ exception crosses C frames, musl has no backtrace()). C++ keeps them.
C_ONLY_FLAGS = ('-fno-asynchronous-unwind-tables', '-fno-unwind-tables')


def build_env(env, recipe, workdir, base):
    """`base` (pkgbuild.base_env()) plus the target's toolchain and flags."""
    target = TARGETS[env['SP_TARGET']]
    workmap = f'-ffile-prefix-map={workdir}={toolchain.mapped_name(recipe.NAME)}'
    tc = env['SP_TOOLCHAIN']
    triple = env['SP_TRIPLE']
    cflags = ' '.join(target.cflags + (PIE_CFLAGS if env['SP_PIE'] else ()))
    cflags += f' {workmap} -ffile-prefix-map={tc}={toolchain.PREFIX}'
    deps = os.path.join(workdir, 'deps')
    out = dict(base)
    out.update(
        PATH=f'{tc}/bin:{out["PATH"]}',
        CC=toolchain.tool(tc, triple, 'gcc'), CXX=toolchain.tool(tc, triple, 'g++'),
        AR=toolchain.tool(tc, triple, 'ar'), RANLIB=toolchain.tool(tc, triple, 'ranlib'),
        NM=toolchain.tool(tc, triple, 'nm'), STRIP=toolchain.tool(tc, triple, 'strip'),
        CFLAGS=' '.join((cflags,) + C_ONLY_FLAGS), CXXFLAGS=cflags, CPPFLAGS=f'-I{deps}/usr/include',
        LDFLAGS=f'-L{deps}/usr/lib',
        # The staged libraries' .pc files only, with their static dependencies.
        PKG_CONFIG='pkg-config --static', PKG_CONFIG_LIBDIR=f'{deps}/usr/lib/pkgconfig',
        PKG_CONFIG_SYSROOT_DIR=deps, PKG_CONFIG_PATH='',
        # How a fully static executable is linked: static-pie (the `pie` option) or not.
        STATICPYTHON_LINK='-static-pie' if env['SP_PIE'] else '-static')
    if env.get('SP_BUILD_PYTHON'):
        # A cross build: our interpreter of the same flavor for the build machine, which
        # CPython's build runs (the path in the pkg's data is relative to the top directory).
        out['STATICPYTHON_BUILD_PYTHON'] = os.path.join(env['SP_REPO'], env['SP_BUILD_PYTHON'])
    return out
