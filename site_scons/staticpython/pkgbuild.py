"""Building one recipe into its pkg: the SCons action behind every pkg/<name>-<version>.tar.

It runs in a fresh work directory: fetch and unpack the sources, unpack the dependencies'
pkgs, run the recipe's build(), then tidy, check and pack the install tree. The pkgs of
every recipe depend on this file (and on context, steps, toolchain); only the libraries'
and the interpreter's depend on target_env.py too. Not on sources.py: how a file is
fetched does not change its bytes, which the sha256 in a pkg's fingerprint pins.
"""
import glob
import os
import shutil
import sys
import time

import SCons.Action

from . import flavors, sources, steps, toolchain
from . import recipes as recipe_registry
from .context import BuildContext
from .targets import TARGETS

RECIPES = recipe_registry.load()
SOURCE_DATE_EPOCH = str(steps.FIXED_MTIME)
# The modules each kind of pkg is built by (SCons sources of the pkg, beside the recipe).
FRAMEWORK = ('pkgbuild.py', 'context.py', 'steps.py', 'toolchain.py')
TARGET_FRAMEWORK = FRAMEWORK + ('target_env.py',)


def framework(recipe):
    return FRAMEWORK if recipe.KIND == 'toolchain' else TARGET_FRAMEWORK


def base_env():
    return {'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'HOME': os.environ.get('HOME', '/'),
            'LANG': 'C', 'LC_ALL': 'C', 'SOURCE_DATE_EPOCH': SOURCE_DATE_EPOCH, 'TZ': 'UTC'}


def build_env(env, recipe, workdir):
    """The environment a recipe's commands run in."""
    if recipe.KIND == 'toolchain':
        # Programs of the build machine (the compiler itself): its own gcc and g++.
        workmap = f'-ffile-prefix-map={workdir}={toolchain.mapped_name(recipe.NAME)}'
        host = f'-O2 -pipe {workmap}'
        return dict(base_env(), CC='gcc', CXX='g++', CFLAGS=host, CXXFLAGS=host)
    from . import target_env
    return target_env.build_env(env, recipe, workdir, base_env())


def _build_pkg(target, source, env):
    recipe = RECIPES[env['SP_RECIPE']]
    root = env['SP_BUILD_ROOT']
    workname = env.get('SP_WORKNAME') or recipe.NAME
    workdir = os.path.join(root, 'work', workname)
    out_path = str(target[0])
    started = time.monotonic()
    if os.path.isdir(workdir):
        shutil.rmtree(workdir)
    os.makedirs(workdir)
    ctx = BuildContext(recipe, TARGETS[env['SP_TARGET']], env['SP_LIBC'], workdir,
                       env['SP_JOBS'], build_env(env, recipe, workdir),
                       os.path.join(root, 'logs', f'{workname}.log'), env['SP_VERBOSE'],
                       flavor=flavors.find(env.get('SP_FLAVOR', '')), repo=env['SP_REPO'],
                       toolchain=None if recipe.KIND == 'toolchain' else env['SP_TOOLCHAIN'],
                       cache=env['SP_CACHE'])
    try:
        ctx.prepare_sources()
        # The recipe sees exactly its dependencies (paths are relative to the top directory).
        steps.unpack_pkgs([os.path.join(env['SP_REPO'], p) for p in env['SP_DEP_PKGS']], ctx.deps)
        recipe.build(ctx)
        steps.remove_unwanted(ctx.destdir)
        steps.normalize_archives(ctx.destdir)
        left = steps.scrub_build_paths(ctx.destdir, ctx.without_build_paths, env['SP_REPO'] + '/')
        if left:
            raise steps.StepError(f'the install tree names this checkout ({env["SP_REPO"]}) in '
                                  f'{", ".join(left[:5])}: every checkout would build different '
                                  'bytes. Map the path away (-ffile-prefix-map) or rewrite it')
        products = [p.format(triple=ctx.triple) for p in recipe.PRODUCTS]
        missing = [p for p in products if not glob.glob(ctx.dest(p))]
        if missing:
            raise steps.StepError(f'the build finished but did not install {", ".join(missing)}'
                                  f'; see {ctx.runner.log_path}')
        steps.pack(ctx.destdir, out_path)
    except (sources.FetchError, steps.StepError, RuntimeError, OSError) as e:
        print(f'staticpython: {recipe.NAME} {recipe.VERSION} failed: {e}', file=sys.stderr)
        print(f'staticpython: work directory kept for inspection: {workdir}', file=sys.stderr)
        return 1
    shutil.rmtree(workdir)
    took = int(time.monotonic() - started)
    ctx.runner.note(f'\nbuilt {os.path.basename(out_path)} in {took} s')
    print(f'  DONE     {recipe.NAME} {recipe.VERSION}  [{env["SP_TARGET"]}/{env["SP_LIBC"]}] '
          f'in {took // 60} min {took % 60} s', flush=True)
    return 0


def _build_pkg_str(target, source, env):
    r = RECIPES[env['SP_RECIPE']]
    return f'  BUILD    {r.NAME} {r.VERSION}  [{env["SP_TARGET"]}/{env["SP_LIBC"]}]'


ACTION = SCons.Action.Action(_build_pkg, _build_pkg_str, varlist=['SP_RECIPE', 'SP_DEP_PKGS'])
