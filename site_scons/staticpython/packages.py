"""SCons declarations for the toolchain and the third-party libraries of one (target, libc).

Layout under build/<target>/<libc>/:
  pkg/<name>-<version>.tar   one deterministic tar per recipe: its DESTDIR install tree
  sysroot/                   the union of the toolchain pkgs (musl, kernel headers)
  toolchain/                 <triple>-gcc wrapper, its specs, binutils links
  stage/                     the union of the library pkgs (usr/include, usr/lib)
  work/<name>/               scratch: sources, deps, install tree (removed after success)
  logs/<name>.log            the full output of the last build of <name>
"""
import os
import shutil
import subprocess
import sys

import SCons.Action
import SCons.Util

from . import flavors, sources, steps
from . import recipes as recipe_registry
from .context import BuildContext
from .targets import TARGETS
from .wrapper import mapped_name

RECIPES = recipe_registry.load()
SOURCE_DATE_EPOCH = str(steps.FIXED_MTIME)


def host_gcc_answer(gcc, *args):
    """The first line gcc prints for `args` (`--version`, `-print-file-name=include`)."""
    try:
        out = subprocess.run([gcc, *args], capture_output=True, text=True, check=True)
        return out.stdout.splitlines()[0]
    except (OSError, subprocess.CalledProcessError, IndexError):
        return 'missing'


def fingerprint(recipe, target, libc, extra=''):
    """Everything about a recipe's build that is data, as one string for a Value node."""
    forms = ' '.join(f'{s.filename}:{s.sha256}' for s in recipe.SOURCES)
    return (f'{recipe.NAME} {recipe.VERSION} {recipe.KIND} [{forms}] deps={recipe.DEPENDS} '
            f'target={target.name} libc={libc} cflags={target.cflags} {extra}')


def _base_env():
    env = {'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'HOME': os.environ.get('HOME', '/'),
           'LANG': 'C', 'LC_ALL': 'C', 'SOURCE_DATE_EPOCH': SOURCE_DATE_EPOCH, 'TZ': 'UTC'}
    return env


def build_env(env, recipe, workdir):
    """The environment a recipe's commands run in."""
    target = TARGETS[env['SP_TARGET']]
    cflags = ' '.join(target.cflags) + f' -ffile-prefix-map={workdir}={mapped_name(recipe.NAME)}'
    out = _base_env()
    if recipe.KIND == 'toolchain':
        prefix = target.cross_prefix
        out.update(CC=f'{prefix}gcc', AR=f'{prefix}ar', RANLIB=f'{prefix}ranlib', CFLAGS=cflags)
        return out
    tc = env['SP_TOOLCHAIN_BIN']
    triple = env['SP_TRIPLE']
    deps = os.path.join(workdir, 'deps')
    out.update(
        PATH=f'{tc}:{out["PATH"]}',
        CC=f'{tc}/{triple}-gcc', AR=f'{tc}/{triple}-ar', RANLIB=f'{tc}/{triple}-ranlib',
        NM=f'{tc}/{triple}-nm', STRIP=f'{tc}/{triple}-strip',
        CFLAGS=cflags, CPPFLAGS=f'-I{deps}/usr/include', LDFLAGS=f'-L{deps}/usr/lib',
        PKG_CONFIG_LIBDIR=f'{deps}/usr/lib/pkgconfig', PKG_CONFIG_SYSROOT_DIR=deps,
        PKG_CONFIG_PATH='')
    return out


def _build_pkg(target, source, env):
    recipe = RECIPES[env['SP_RECIPE']]
    root = env['SP_BUILD_ROOT']
    workname = env.get('SP_WORKNAME') or recipe.NAME
    workdir = os.path.join(root, 'work', workname)
    out_path = str(target[0])
    if os.path.isdir(workdir):
        shutil.rmtree(workdir)
    os.makedirs(workdir)
    ctx = BuildContext(recipe, TARGETS[env['SP_TARGET']], env['SP_LIBC'], workdir,
                       env['SP_JOBS'], build_env(env, recipe, workdir),
                       os.path.join(root, 'logs', f'{workname}.log'), env['SP_VERBOSE'],
                       flavor=flavors.find(env.get('SP_FLAVOR', '')), repo=env['SP_REPO'],
                       toolchain_bin=env['SP_TOOLCHAIN_BIN'])
    try:
        os.makedirs(ctx.srcdir)
        if recipe.SOURCES:
            archive = sources.fetch(recipe.SOURCES, env['SP_CACHE'])
            ctx.runner.note(f'source: {archive}')
            steps.unpack(archive, ctx.srcdir)
            # Timestamps embedded by builds (CPython's banner) are the sources' own date.
            ctx.env['SOURCE_DATE_EPOCH'] = str(steps.newest_mtime(ctx.srcdir))
        patch_dir = os.path.join(env['SP_REPO'], 'patches', recipe.NAME, recipe.VERSION)
        steps.apply_patches(patch_dir, ctx.srcdir, ctx.runner, ctx.env)
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
        missing = [p for p in recipe.PRODUCTS if not os.path.exists(ctx.dest(p))]
        if missing:
            raise steps.StepError(f'the build finished but did not install {", ".join(missing)}'
                                  f'; see {ctx.runner.log_path}')
        steps.pack(ctx.destdir, out_path)
    except (sources.FetchError, steps.StepError, RuntimeError, OSError) as e:
        print(f'staticpython: {recipe.NAME} {recipe.VERSION} failed: {e}', file=sys.stderr)
        print(f'staticpython: work directory kept for inspection: {workdir}', file=sys.stderr)
        return 1
    shutil.rmtree(workdir)
    return 0


def _build_pkg_str(target, source, env):
    r = RECIPES[env['SP_RECIPE']]
    return f'  BUILD    {r.NAME} {r.VERSION}  [{env["SP_TARGET"]}/{env["SP_LIBC"]}]'


def _union(target, source, env):
    stamp = str(target[0])
    dest = os.path.dirname(stamp)
    steps.unpack_pkgs([str(s) for s in source], dest)
    with open(stamp, 'w') as f:
        f.write(''.join(os.path.basename(str(s)) + '\n' for s in source))
    return 0


def _fetch(target, source, env):
    recipe = RECIPES[env['SP_RECIPE']]
    try:
        if recipe.SOURCES:
            sources.fetch(recipe.SOURCES, env['SP_CACHE'])
    except sources.FetchError as e:
        print(f'staticpython: {e}', file=sys.stderr)
        return 1
    return 0


def _unpack_subtree(target, source, env):
    stamp = str(target[0])
    count = steps.unpack_subtree(str(source[0]), env['SP_SUBTREE'], os.path.dirname(stamp))
    if not count:
        print(f'staticpython: {source[0]} holds nothing under {env["SP_SUBTREE"]}/',
              file=sys.stderr)
        return 1
    with open(stamp, 'w') as f:
        f.write(f'{os.path.basename(str(source[0]))}: {count} entries of {env["SP_SUBTREE"]}/\n')
    return 0


def unpacked_subtree(env, pkg, subtree, dest):
    """The part `subtree`/ of a pkg, unpacked into the directory `dest`; returns its stamp."""
    stamp = env.Command(os.path.join(dest, f'.{subtree}'), pkg, SUBTREE_ACTION, SP_SUBTREE=subtree)
    env.NoCache(stamp)   # it stands for a tree that SCons's cache cannot hold
    return stamp


PKG_ACTION = SCons.Action.Action(_build_pkg, _build_pkg_str, varlist=['SP_RECIPE', 'SP_DEP_PKGS'])
UNION_ACTION = SCons.Action.Action(_union, '  STAGE    $TARGET.dir')
FETCH_ACTION = SCons.Action.Action(_fetch, '  FETCH    $SP_RECIPE')
SUBTREE_ACTION = SCons.Action.Action(_unpack_subtree, '  UNPACK   $SP_SUBTREE/ into $TARGET.dir',
                                     varlist=['SP_SUBTREE'])


def declare(env, names, flavor=None):
    """Declare pkgs for `names` (and their dependencies) plus sysroot, wrapper and stage;
    with `flavor`, also the interpreter pkg built against the flavor's libraries.

    Returns a dict with the nodes: 'pkgs' {name: node}, 'sysroot', 'toolchain', 'stage',
    'interpreter' (or None), 'fetch' (one node per recipe with sources), and 'env', the
    environment to pass to interpreter() for more flavors of the same libraries.
    """
    root = env['SP_BUILD_ROOT']
    target = TARGETS[env['SP_TARGET']]
    host_gcc = f'{target.cross_prefix}gcc'
    gcc_version = host_gcc_answer(host_gcc, '--version')
    env = env.Clone(SP_HOST_GCC=host_gcc, SP_HOST_GCC_VERSION=gcc_version,
                    SP_HOST_GCC_INCLUDE=host_gcc_answer(host_gcc, '-print-file-name=include'),
                    SP_CROSS_PREFIX=target.cross_prefix,
                    SP_TOOLCHAIN_BIN=os.path.abspath(os.path.join(root, 'toolchain')))

    pkgs = {}
    tool_pkgs = []
    for name in [n for n in RECIPES if RECIPES[n].KIND == 'toolchain']:
        pkgs[name] = _declare_pkg(env, RECIPES[name], [], [], f'host-gcc={gcc_version}')
        tool_pkgs.append(pkgs[name])
    sysroot = env.Command(os.path.join(root, 'sysroot', '.contents'), tool_pkgs, UNION_ACTION)
    # A union's product is the tree beside its stamp, which SCons's cache cannot hold:
    # a stamp retrieved from the cache would stand for a tree that was never unpacked.
    env.NoCache(sysroot)
    wrapper = env.ToolchainWrapper(env.Dir(os.path.join(root, 'toolchain')), sysroot)
    env.NoCache(wrapper)  # a few scripts and links: cheaper to write than to fetch
    toolchain = _toolchain(sysroot, wrapper)

    wanted = recipe_registry.closure(RECIPES, list(names) + list(flavor.libraries if flavor else ()))
    for name in wanted:
        recipe = RECIPES[name]
        deps = [pkgs[d] for d in recipe_registry.closure(RECIPES, recipe.DEPENDS)]
        pkgs[name] = _declare_pkg(env, recipe, deps, toolchain, '')
    lib_pkgs = [pkgs[n] for n in wanted if n in names]
    stage = env.Command(os.path.join(root, 'stage', '.contents'), lib_pkgs, UNION_ACTION)
    env.NoCache(stage)

    nodes = {'env': env, 'pkgs': pkgs, 'sysroot': sysroot, 'toolchain': wrapper,
             'stage': stage}
    fetches = []
    for name, recipe in RECIPES.items():
        if recipe.SOURCES:
            node = env.Command(f'#fetch-{name}', [], FETCH_ACTION, SP_RECIPE=name)
            env.AlwaysBuild(node)
            fetches.append(node)
    nodes['fetch'] = fetches
    nodes['interpreter'] = interpreter(nodes, flavor) if flavor else None
    return nodes


def interpreter(nodes, flavor):
    """The interpreter pkg of `flavor`, in build/<target>/<flavor>/, built against the pkgs
    that declare() made (which must include the flavor's libraries)."""
    env = nodes['env']
    recipe = RECIPES[flavor.interpreter]
    deps = [nodes['pkgs'][d] for d in recipe_registry.closure(RECIPES, flavor.libraries)]
    out_dir = os.path.join(os.path.dirname(env['SP_BUILD_ROOT']), flavor.name)
    toolchain = _toolchain(nodes['sysroot'], nodes['toolchain'])
    return _declare_pkg(env, recipe, deps + [env.File(f'#{f}') for f in _repo_files(recipe)],
                        toolchain, f'flavor={flavor}', out_dir=out_dir,
                        SP_FLAVOR=flavor.name, SP_WORKNAME=flavor.name)


def _toolchain(sysroot, wrapper):
    """What a package built through the wrapper depends on: the sysroot and the scripts."""
    return [sysroot, wrapper[:3]]


def _repo_files(recipe):
    """Files of this repo that a recipe's output depends on besides the recipe module: what
    it copies in (src/...) and the build modules it uses (HELPERS)."""
    return (list(getattr(recipe, 'PROGRAM', ())) + list(getattr(recipe, 'HELPERS', ())) +
            [p for p, _ in getattr(recipe, 'OUR_FILES', ())])


def _declare_pkg(env, recipe, dep_pkgs, toolchain, extra_fingerprint, out_dir=None, **kw):
    root = env['SP_BUILD_ROOT']
    out = os.path.join(out_dir or os.path.join(root, 'pkg'), f'{recipe.NAME}-{recipe.VERSION}.tar')
    target = TARGETS[env['SP_TARGET']]
    data = env.Value(fingerprint(recipe, target, env['SP_LIBC'], extra_fingerprint))
    recipe_file = env.File(recipe.__file__)
    # The code that runs every recipe: flags, environment, unpacking, packing.
    framework = [env.File(os.path.join(os.path.dirname(__file__), f))
                 for f in ('packages.py', 'context.py', 'steps.py', 'sources.py')]
    patches = env.Glob(f'#patches/{recipe.NAME}/{recipe.VERSION}/*.patch')
    pkg_files = [n.path for n in SCons.Util.flatten(dep_pkgs) if str(n).endswith('.tar')]
    return env.Command(out, [data, recipe_file] + framework + patches + dep_pkgs + toolchain, PKG_ACTION,
                       SP_RECIPE=recipe.NAME, SP_DEP_PKGS=pkg_files, **kw)
