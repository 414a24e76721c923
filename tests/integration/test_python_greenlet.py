"""greenlet, compiled in from modules/ (every flavor): switching between greenlets with
values, throwing into a waiting one, and a greenlet per thread (greenlets of one thread
cannot be switched to from another), in the empty root with and without /proc; and the
module is built in, not a file of the ZIP. The code is valid 2.7 and 3.x: 3.2 has greenlet
0.4.17, 2.7 2.0.2, 3.10 and later the newest (modules/greenlet.py)."""
import pytest

from isolation import Root, describe
from staticpython import extmodules
from versions import BIN, FLAVOR, RECIPE

RELEASE = extmodules.release_for(extmodules.load()['greenlet'], RECIPE.VERSION)
PROC = pytest.mark.parametrize('proc', [True, False], ids=['proc', 'noproc'])
pytestmark = pytest.mark.skipif('greenlet' not in FLAVOR.extra_modules,
                                reason=f'{FLAVOR.name} has no greenlet built in')

SWITCHING = r'''
import sys
import greenlet
from greenlet import greenlet as Greenlet, getcurrent
log = []
def child(a):
    log.append('child got %d' % a)
    b = main.switch(a + 1)
    log.append('child got %d' % b)
    return b * 10
main = getcurrent()
g = Greenlet(child)
first = g.switch(1)
second = g.switch(5)
sys.stdout.write('%s %s %s %s\n' % (first, second, g.dead, ', '.join(log)))
sys.stdout.write('%s\n' % greenlet.__version__)
'''

THROWING = r'''
import sys
from greenlet import greenlet as Greenlet, getcurrent, GreenletExit
main = getcurrent()
def waiter():
    try:
        main.switch('waiting')
    except ValueError as e:
        return 'caught %s' % e
    return 'not thrown'
w = Greenlet(waiter)
state = w.switch()
result = w.throw(ValueError('boom'))
def ender():
    try:
        main.switch()
    except GreenletExit:
        sys.stdout.write('exit delivered\n')
        raise
e = Greenlet(ender)
e.switch()
e.throw()
sys.stdout.write('%s; %s; %s %s\n' % (state, result, w.dead, e.dead))
'''

PER_THREAD = r'''
import sys, threading
import greenlet
from greenlet import greenlet as Greenlet, getcurrent
results = {}
others = {}
def worker(n):
    main = getcurrent()
    def count(start):
        while True:
            start = main.switch(start + n)
    g = Greenlet(count)
    total = g.switch(0)
    for _ in range(99):
        total = g.switch(total)
    others[n] = g
    results[n] = (total, getcurrent() is main, main is not first_main)
first_main = getcurrent()
threads = [threading.Thread(target=worker, args=(n,)) for n in (1, 2, 3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
try:
    others[1].switch(0)
    crossed = 'switched across threads'
except greenlet.error:
    crossed = 'error across threads'
sys.stdout.write('%s %s\n' % (sorted(results.items()), crossed))
'''


def _run(python, code, proc):
    with Root() as root:
        root.add(BIN, copy_of=python)
        return root.run([BIN, '-c', code], proc=proc, env={'PATH': '/bin'})


@PROC
def test_greenlets_switch_with_values(python, proc):
    p = _run(python, SWITCHING, proc)
    assert p.returncode == 0, describe(p)
    assert p.stdout.split('\n')[:2] == ['2 50 True child got 1, child got 5',
                                        RELEASE.version], describe(p)


@PROC
def test_an_exception_is_thrown_into_a_waiting_greenlet(python, proc):
    p = _run(python, THROWING, proc)
    assert p.returncode == 0, describe(p)
    assert p.stdout == 'exit delivered\nwaiting; caught boom; True True\n', describe(p)


@PROC
def test_each_thread_has_its_own_greenlets(python, proc):
    p = _run(python, PER_THREAD, proc)
    assert p.returncode == 0, describe(p)
    assert p.stdout == ('[(1, (100, True, True)), (2, (200, True, True)), '
                        '(3, (300, True, True))] error across threads\n'), describe(p)


def test_greenlet_is_built_in(python):
    names = sorted(RELEASE.builtins)
    code = ('import sys, greenlet; sys.stdout.write(repr([n in sys.builtin_module_names '
            'for n in %r]))' % (names,))
    p = _run(python, code, True)
    assert p.returncode == 0, describe(p)
    assert p.stdout == repr([True] * len(names)), describe(p)
