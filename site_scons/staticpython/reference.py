"""The reference: the same CPython source built the default way, `./configure && make` with
the build machine's gcc and libraries, run from its build directory. `scons regrtest` runs
CPython's test suite on it beside ours; benchmarks compare against it."""
import os
import shutil
import sys

from . import regrtest, sources, steps


def build(recipe, cache, workdir, jobs, log_path):
    """Unpack the recipe's pinned source into `workdir` and build it there; returns the path
    of its `python`."""
    if os.path.isdir(workdir):
        shutil.rmtree(workdir)
    runner = steps.Runner(log_path)
    archive = sources.fetch(recipe.SOURCES, cache)
    steps.unpack(archive, workdir)
    env = {'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'HOME': os.environ.get('HOME', '/'),
           'LANG': 'C', 'LC_ALL': 'C'}
    runner.run(['./configure'], workdir, env)
    runner.run(['make', f'-j{jobs}'], workdir, env)
    return os.path.join(workdir, 'python')


def action(target, source, env):
    """SCons action: target[0] is <workdir>/python."""
    from .packages import RECIPES
    workdir = os.path.dirname(str(target[0]))
    log_path = os.path.join(os.path.dirname(workdir), 'logs', os.path.basename(workdir) + '.log')
    try:
        build(RECIPES[env['SP_RECIPE']], env['SP_CACHE'], workdir, regrtest.parallel_jobs(env),
              log_path)
    except (sources.FetchError, steps.StepError, OSError) as e:
        print(f'staticpython: the reference build of {env["SP_RECIPE"]} failed: {e}',
              file=sys.stderr)
        return 1
    return 0
