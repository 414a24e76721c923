"""The environment in which a recipe compiled by our toolchain (a library, the interpreter)
runs its commands: the target's compiler and tools, its flags, and the staged dependencies.

Kept apart from pkgbuild.py: the toolchain's pkgs do not depend on this file, so changing
how libraries are compiled does not rebuild seven GCCs.
"""
import os

from . import toolchain
from .targets import TARGETS


def build_env(env, recipe, workdir, base):
    """`base` (pkgbuild.base_env()) plus the target's toolchain and flags."""
    target = TARGETS[env['SP_TARGET']]
    workmap = f'-ffile-prefix-map={workdir}={toolchain.mapped_name(recipe.NAME)}'
    tc = env['SP_TOOLCHAIN']
    triple = env['SP_TRIPLE']
    cflags = ' '.join(target.cflags) + f' {workmap} -ffile-prefix-map={tc}={toolchain.PREFIX}'
    deps = os.path.join(workdir, 'deps')
    out = dict(base)
    out.update(
        PATH=f'{tc}/bin:{out["PATH"]}',
        CC=toolchain.tool(tc, triple, 'gcc'), CXX=toolchain.tool(tc, triple, 'g++'),
        AR=toolchain.tool(tc, triple, 'ar'), RANLIB=toolchain.tool(tc, triple, 'ranlib'),
        NM=toolchain.tool(tc, triple, 'nm'), STRIP=toolchain.tool(tc, triple, 'strip'),
        CFLAGS=cflags, CXXFLAGS=cflags, CPPFLAGS=f'-I{deps}/usr/include',
        LDFLAGS=f'-L{deps}/usr/lib',
        # The staged libraries' .pc files only, with their static dependencies.
        PKG_CONFIG='pkg-config --static', PKG_CONFIG_LIBDIR=f'{deps}/usr/lib/pkgconfig',
        PKG_CONFIG_SYSROOT_DIR=deps, PKG_CONFIG_PATH='')
    return out
