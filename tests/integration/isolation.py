"""The tests' side of staticpython.isolation: empty roots and host commands that run the
programs of the target under test (STATICPYTHON_TARGET, set by `scons test`; else this
machine's own), under its qemu where this machine does not run them; and how a finished
process is shown in an assertion."""
import os

from staticpython import isolation
from staticpython.targets import TARGETS, native_target

TARGET = TARGETS[os.environ.get('STATICPYTHON_TARGET') or native_target() or 'linux-x86_64']
# qemu runs a foreign CPU's programs several times slower: their time limits grow alike.
SLOWER = 1 if TARGET.runs_natively() else 8


class Root(isolation.Root):
    """An empty directory to chroot into, running the target under test's programs."""

    def __init__(self, target=None):
        super().__init__(target or TARGET)

    def run(self, argv, proc=True, tmpfs=(), env=None, stdin=None, timeout=60, text=True):
        return super().run(argv, proc, tmpfs, env, stdin, timeout * SLOWER, text)


def on_host(argv):
    return isolation.on_host(argv, TARGET)


def run_alone(program, *args, **kw):
    kw.setdefault('target', TARGET)
    kw['timeout'] = kw.get('timeout', 60) * SLOWER
    return isolation.run_alone(program, *args, **kw)


def describe(p):
    """A finished process, for assertion messages."""
    return (f'command: {p.args}\nexit status: {p.returncode}\n'
            f'stdout:\n{p.stdout}\nstderr:\n{p.stderr}')


def last_json(p):
    """The JSON value printed on the last line of a successful process's stdout."""
    import json
    assert p.returncode == 0, describe(p)
    lines = p.stdout.strip().splitlines()
    assert lines, describe(p)
    return json.loads(lines[-1])
