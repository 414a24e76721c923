"""Stackless Python (the stackless flavors) alone in an empty root, with and without /proc:
tasklets exchanging values over a channel, with soft switching and with the hard switch
(the C stack copied by Stackless/platf/'s assembly for the target's CPU), the scheduler
(stackless.run(), stackless.schedule()), a tasklet pickled in the middle of its run and
finished by another process, and the banner. Skipped for flavors without Stackless."""
import binascii
import json

import pytest

from isolation import Root, describe, last_json
from versions import BIN, FLAVOR, VERSION

pytestmark = pytest.mark.skipif(
    '_stackless' not in FLAVOR.required_modules,
    reason=f'flavor {FLAVOR.name} is not Stackless Python (no _stackless among its modules)')

ENV = {'PATH': '/bin', 'LANG': 'C.UTF-8'}
PROC = pytest.mark.parametrize('proc', [True, False], ids=['proc', 'noproc'])


@pytest.fixture(scope='module')
def root(python):
    with Root() as root:
        root.add(BIN, copy_of=python)
        yield root


def run(root, code, proc, args=(), stdin=None):
    root.add('/work/script.py', code)
    return root.run([BIN, '/work/script.py', *args], proc=proc, env=ENV, stdin=stdin)


# Valid 2.7 and 3.2 code. A producer sends squares over a channel to a consumer; both run
# under stackless.run(), switching on every send and receive. argv[1]: 'hard' turns soft
# switching off, so that every switch copies the C stack (slp_switch).
CHANNEL = '''\
import json, sys
import stackless

if sys.argv[1] == 'hard':
    stackless.enable_softswitch(False)
channel = stackless.channel()
got = []
order = []


def producer(n):
    for i in range(n):
        order.append('send %d' % i)
        channel.send(i * i)
    channel.send(None)


def consumer():
    while True:
        value = channel.receive()
        if value is None:
            break
        order.append('got %d' % value)
        got.append(value)


stackless.tasklet(producer)(5)
stackless.tasklet(consumer)()
stackless.run()
print(json.dumps({'got': got, 'order': order, 'runcount': stackless.getruncount(),
                  'main': stackless.getcurrent() is stackless.getmain(),
                  'soft': stackless.enable_softswitch(None)}))
'''


@PROC
@pytest.mark.parametrize('switch', ['soft', 'hard'])
def test_tasklets_exchange_values_over_a_channel(root, proc, switch):
    result = last_json(run(root, CHANNEL, proc, [switch]))
    assert result['got'] == [i * i for i in range(5)]
    # the producer blocks in send() until the consumer receives: each value is received
    # before the next is sent
    assert result['order'][:4] == ['send 0', 'got 0', 'send 1', 'got 1'], result['order']
    assert result['runcount'] == 1 and result['main'] is True      # only main is left
    assert result['soft'] is (switch == 'soft')


# Three tasklets that give way with stackless.schedule() after every step: run() takes
# them round robin, in the order they were created.
SCHEDULE = '''\
import json
import stackless

order = []


def worker(name, steps):
    for i in range(steps):
        order.append('%s%d' % (name, i))
        stackless.schedule()


for name in 'abc':
    stackless.tasklet(worker)(name, 3)
before = stackless.getruncount()
stackless.run()
print(json.dumps({'order': order, 'before': before, 'after': stackless.getruncount()}))
'''


@PROC
def test_schedule_interleaves_the_tasklets_that_run_runs(root, proc):
    result = last_json(run(root, SCHEDULE, proc))
    assert result['order'] == [f'{n}{i}' for i in range(3) for n in 'abc']
    assert result['before'] == 4 and result['after'] == 1     # main and three; main


# A tasklet that sums squares, giving way after every step: the first process runs it four
# steps, pickles it and prints the pickle; the second unpickles it and lets it finish. Its
# frame, its loop's iterator and its locals go through the pickle; its module's globals
# are the second process's own (the frame names __main__'s by reference).
PICKLED = '''\
import binascii, json, pickle, sys
import stackless

progress = []
results = []


def squares(n):
    total = 0
    for i in range(n):
        total += i * i
        progress.append(total)
        stackless.schedule()
    results.append(total)


if sys.argv[1] == 'start':
    t = stackless.tasklet(squares)(10)
    for step in range(4):
        t.run()
    data = pickle.dumps(t, 2)
    t.kill()
    print(json.dumps({'progress': progress, 'results': results, 'alive': t.alive,
                      'pickle': binascii.hexlify(data).decode('ascii')}))
else:
    t = pickle.loads(binascii.unhexlify(sys.stdin.read().strip().encode('ascii')))
    restored = [t.alive, t.scheduled]
    t.insert()
    stackless.run()
    print(json.dumps({'progress': progress, 'results': results, 'restored': restored,
                      'alive': t.alive}))
'''


@PROC
def test_tasklet_pickled_mid_run_finishes_in_another_process(root, proc):
    totals = [sum(i * i for i in range(k + 1)) for k in range(10)]
    first = last_json(run(root, PICKLED, proc, ['start']))
    assert first['progress'] == totals[:4] and first['results'] == []
    assert first['alive'] is False                             # killed after pickling
    data = binascii.unhexlify(first['pickle'])
    assert b'tasklet' in data and b'squares' in data
    second = last_json(run(root, PICKLED, proc, ['resume'], stdin=first['pickle'] + '\n'))
    # it goes on where it was pickled: the step after the fourth, with the total of four
    assert second['progress'] == totals[4:], second
    assert second['results'] == [totals[-1]]
    assert second['restored'] == [True, False] and second['alive'] is False


@PROC
def test_banner_names_stackless(root, proc):
    p = root.run([BIN, '-c', 'import json, platform, sys, stackless\n'
                  'print(json.dumps([sys.version, platform.python_version(), '
                  'stackless.__name__, stackless.getcurrent().__class__.__name__]))'],
                 proc=proc, env=ENV)
    version, python_version, module, current = last_json(p)
    assert version.startswith(VERSION + ' Stackless '), describe(p)
    assert python_version == VERSION
    assert module == 'stackless' and current == 'tasklet'
