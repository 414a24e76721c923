"""The reference: the same CPython source built the default way, `./configure && make` with
the build machine's gcc and libraries, run from its build directory. `scons regrtest` runs
CPython's test suite on it beside ours; benchmarks compare against it.

An old version may not run at all when today's compiler builds it: its recipe names the
few of our patches (REFERENCE_PATCHES) and configure options (REFERENCE_CONFIGURE) its
default build needs, each with its reason."""
import hashlib
import os
import shutil
import sys

from . import patchset, regrtest, sources, steps


def _patches(recipe, repo):
    """The recipe's REFERENCE_PATCHES, by name, among the patches its source takes."""
    by_name = {os.path.basename(p): p for p in patchset.patch_files(repo, recipe)}
    return [by_name[name] for name in recipe.REFERENCE_PATCHES]


def signature(recipe, repo):
    """What the reference build takes from the recipe besides its source ('' when it is
    the plain default build), for the build's signature."""
    if not recipe.REFERENCE_PATCHES and not recipe.REFERENCE_CONFIGURE:
        return ''
    digests = []
    for path in _patches(recipe, repo):
        with open(path, 'rb') as f:
            digests.append(f'{os.path.basename(path)}:{hashlib.sha256(f.read()).hexdigest()}')
    return f'reference=(configure={recipe.REFERENCE_CONFIGURE} patches={digests})'


def build(recipe, cache, workdir, jobs, log_path, repo):
    """Unpack the recipe's pinned source into `workdir` and build it there; returns the path
    of its `python`."""
    if os.path.isdir(workdir):
        shutil.rmtree(workdir)
    runner = steps.Runner(log_path)
    archive = sources.fetch(recipe.SOURCES, cache)
    steps.unpack(archive, workdir)
    env = {'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'HOME': os.environ.get('HOME', '/'),
           'LANG': 'C', 'LC_ALL': 'C'}
    for path in _patches(recipe, repo):
        runner.run(['patch', '-p1', '--forward', '--batch', '-i', path], workdir, env)
    runner.run(['./configure', *recipe.REFERENCE_CONFIGURE], workdir, env)
    runner.run(['make', f'-j{jobs}'], workdir, env)
    return os.path.join(workdir, 'python')


def action(target, source, env):
    """SCons action: target[0] is <workdir>/python."""
    from .packages import RECIPES
    workdir = os.path.dirname(str(target[0]))
    log_path = os.path.join(os.path.dirname(workdir), 'logs', os.path.basename(workdir) + '.log')
    try:
        build(RECIPES[env['SP_RECIPE']], env['SP_CACHE'], workdir, regrtest.parallel_jobs(env),
              log_path, env['SP_REPO'])
    except (sources.FetchError, steps.StepError, OSError) as e:
        print(f'staticpython: the reference build of {env["SP_RECIPE"]} failed: {e}',
              file=sys.stderr)
        return 1
    return 0
