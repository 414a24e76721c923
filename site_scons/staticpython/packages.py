"""SCons declarations for the toolchain and the third-party libraries of one (target, libc).

Layout under build/<target>/<libc>/:
  pkg/<name>-<version>.tar   one deterministic tar per recipe: its DESTDIR install tree
  toolchain/                 the union of the toolchain pkgs (kernel headers, binutils, GCC
                             with the C library): bin/<triple>-gcc, its sysroot, ...
  stage/                     the union of the library pkgs (usr/include, usr/lib)
  work/<name>/               scratch: sources, deps, install tree (removed after success)
  logs/<name>.log            the full output of the last build of <name>
"""
import os
import subprocess
import sys

import SCons.Action
import SCons.Util

from . import extmodules, libcs, manifest, patchset, pkgbuild, sources, steps
from . import recipes as recipe_registry
from .targets import TARGETS

RECIPES = pkgbuild.RECIPES


def host_tool_answer(tool, *args):
    """The first line a build-machine tool prints for `args` (`--version`)."""
    try:
        out = subprocess.run([tool, *args], capture_output=True, text=True, check=True)
        return out.stdout.splitlines()[0]
    except (OSError, subprocess.CalledProcessError, IndexError):
        return 'missing'


def fingerprint(recipe, target, libc, extra=''):
    """Everything about a recipe's build that is data, as one string for a Value node
    (the recipes built inside it, its PARTS, included)."""
    def data(r):
        forms = ' '.join(f'{s.filename}:{s.sha256}' for s in r.SOURCES)
        return f'{r.NAME} {r.VERSION} {r.KIND} [{forms}] deps={r.DEPENDS}'
    parts = ' '.join(f'part=({data(RECIPES[p])})' for p in getattr(recipe, 'PARTS', ()))
    return f'{data(recipe)} {parts} target=({target.build_data()}) libc={libc} {extra}'


def _union(target, source, env):
    stamp = str(target[0])
    dest = os.path.dirname(stamp)
    steps.unpack_pkgs([str(s) for s in source], dest)
    with open(stamp, 'w') as f:
        f.write(''.join(os.path.basename(str(s)) + '\n' for s in source))
    return 0


def _fetch(target, source, env):
    if env['SP_RECIPE'].startswith(MODULE_PREFIX):      # every release of a modules/ entry
        module = extmodules.load()[env['SP_RECIPE'][len(MODULE_PREFIX):]]
        forms = [(r.source,) for r in module.RELEASES]
    else:
        forms = [RECIPES[env['SP_RECIPE']].SOURCES]
    try:
        for form in forms:
            if form:
                sources.fetch(form, env['SP_CACHE'])
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


UNION_ACTION = SCons.Action.Action(_union, '  STAGE    $TARGET.dir')
FETCH_ACTION = SCons.Action.Action(_fetch, '  FETCH    $SP_RECIPE')
MODULE_PREFIX = 'module-'           # a fetch node's name for a modules/ entry
SUBTREE_ACTION = SCons.Action.Action(_unpack_subtree, '  UNPACK   $SP_SUBTREE/ into $TARGET.dir',
                                     varlist=['SP_SUBTREE'])


def declare(env, names):
    """Declare pkgs for `names` (and their dependencies), every data recipe, the toolchain
    and the stage (the union of the pkgs of `names`) of env's target and libc.

    Returns a dict with the nodes: 'pkgs' {name: node}, 'toolchain' (the union of the
    toolchain pkgs), 'compiler' (what a pkg built by the toolchain depends on), 'stage',
    and 'env', the environment to pass to interpreter().
    """
    root = env['SP_BUILD_ROOT']
    host = ' '.join(f'{tool}=({host_tool_answer(tool, "--version")})' for tool in ('gcc', 'g++'))
    env = env.Clone(SP_TOOLCHAIN=os.path.abspath(os.path.join(root, 'toolchain')))

    pkgs = {}
    tool_pkgs = []
    for name in libcs.toolchain_recipes(RECIPES, env['SP_LIBC']):
        recipe = RECIPES[name]
        deps = [pkgs[d] for d in recipe_registry.closure(RECIPES, recipe.DEPENDS)]
        pkgs[name] = _declare_pkg(env, recipe, deps, [], host)
        tool_pkgs.append(pkgs[name])
    # A union's product is the tree beside its stamp, which SCons's cache cannot hold:
    # a stamp retrieved from the cache would stand for a tree that was never unpacked.
    tools = env.Command(os.path.join(root, 'toolchain', '.contents'), tool_pkgs, UNION_ACTION)
    env.NoCache(tools)
    # What a package built by the toolchain depends on: the unpacked tree (its stamp) and
    # the pkgs themselves, whose contents change when the toolchain does.
    compiler = [tools] + tool_pkgs

    data = [n for n, r in RECIPES.items() if r.KIND == 'data']
    wanted = recipe_registry.closure(RECIPES, list(names) + data)
    for name in wanted:
        recipe = RECIPES[name]
        deps = [pkgs[d] for d in recipe_registry.closure(RECIPES, recipe.DEPENDS)]
        pkgs[name] = _declare_pkg(env, recipe, deps, compiler, _link_kind(env))
    lib_pkgs = [pkgs[n] for n in wanted if n in names]
    stage = env.Command(os.path.join(root, 'stage', '.contents'), lib_pkgs, UNION_ACTION)
    env.NoCache(stage)

    return {'env': env, 'pkgs': pkgs, 'toolchain': tools, 'compiler': compiler, 'stage': stage}


def fetches(env):
    """One node per recipe with sources and per entry of modules/: download it into the
    cache (`scons fetch`)."""
    names = [name for name, recipe in RECIPES.items() if recipe.SOURCES]
    names += [MODULE_PREFIX + name for name in extmodules.load()]
    nodes = []
    for name in names:
        node = env.Command(f'#fetch-{name}', [], FETCH_ACTION, SP_RECIPE=name)
        env.AlwaysBuild(node)
        nodes.append(node)
    return nodes


def interpreter(nodes, flavor, out_dir, build_python=None):
    """The interpreter pkg of `flavor`, in the directory `out_dir`, built against the pkgs
    that declare() made. `build_python`: for a target this machine cannot run, our
    interpreter of the same flavor for the build machine (CPython's cross build runs it)."""
    env = nodes['env']
    recipe = RECIPES[flavor.interpreter]
    picked = extmodules.chosen(flavor.extra_modules, recipe.VERSION)
    libraries = flavor.libraries + extmodules.libraries(picked)
    deps = [nodes['pkgs'][d] for d in recipe_registry.closure(RECIPES, libraries)]
    deps += [env.File(f'#{f}') for f in _repo_files(recipe)]
    # The C extensions of modules/ compiled in: their data files, and their patches.
    deps += [env.File(f'#{m.PATH}') for m, _ in picked]
    deps += [env.File(f'#{p}') for m, r in picked for p in extmodules.patch_files(m, r)]
    compiled_in = extmodules.fingerprint(picked)
    extra = {}
    if build_python is not None:
        deps += build_python
        # Relative to the top directory: the pkg's signature is the same in any checkout.
        extra['SP_BUILD_PYTHON'] = build_python[0].path
    # The facts the interpreter carries about itself (its manifest entry) are recipe data.
    facts = manifest.build_facts(flavor, TARGETS[env['SP_TARGET']], env['SP_LIBC'],
                                 env['SP_PIE'], RECIPES)
    libc = libcs.LIBCS[env['SP_LIBC']].interpreter_data()
    return _declare_pkg(env, recipe, deps, nodes['compiler'],
                        f'flavor={flavor} facts={facts} modules=({compiled_in}) libc=({libc})',
                        out_dir=out_dir, SP_FLAVOR=flavor.name, SP_WORKNAME=flavor.name, **extra)


def _link_kind(env):
    """How what the toolchain compiles is linked (position-independent code for static-pie,
    or not): part of every library's and interpreter's build data."""
    return f'pie={bool(env["SP_PIE"])}'


def _repo_files(recipe):
    """Files of this repo that a recipe's output depends on besides the recipe module: what
    it copies in (src/...), the build modules it uses (HELPERS) and other files its build
    reads (BUILD_FILES)."""
    return (list(getattr(recipe, 'PROGRAM', ())) + list(getattr(recipe, 'HELPERS', ())) +
            list(getattr(recipe, 'BUILD_FILES', ())) +
            [p for p, _ in getattr(recipe, 'OUR_FILES', ())] +
            [p for p, _ in getattr(recipe, 'TEST_SUITE_FILES', ())])


def _declare_pkg(env, recipe, dep_pkgs, tools, extra_fingerprint, out_dir=None, **kw):
    root = env['SP_BUILD_ROOT']
    out = os.path.join(out_dir or os.path.join(root, 'pkg'), f'{recipe.NAME}-{recipe.VERSION}.tar')
    target = TARGETS[env['SP_TARGET']]
    data = env.Value(fingerprint(recipe, target, env['SP_LIBC'], extra_fingerprint))
    # The recipe and the recipes built inside it (PARTS), with their patches.
    built = [recipe] + [RECIPES[p] for p in getattr(recipe, 'PARTS', ())]
    recipe_files = [env.File(r.__file__) for r in built]
    # Files of this repo that the parts' builds read (a C library's configuration).
    recipe_files += [env.File(f'#{f}') for r in built[1:] for f in getattr(r, 'BUILD_FILES', ())]
    # The code that runs the recipe: flags, environment, unpacking, packing.
    framework = [env.File(os.path.join(os.path.dirname(__file__), f))
                 for f in pkgbuild.framework(recipe)]
    patches = [env.File(p) for r in built for p in patchset.patch_files(env.Dir('#').abspath, r)]
    pkg_files = [n.path for n in SCons.Util.flatten(dep_pkgs) if str(n).endswith('.tar')]
    return env.Command(out, [data] + recipe_files + framework + patches + dep_pkgs + tools,
                       pkgbuild.ACTION,
                       SP_RECIPE=recipe.NAME, SP_DEP_PKGS=pkg_files, **kw)
