"""A thread's stack holds as much recursion as the main thread's: deep recursion in a
thread ends in RecursionError (RuntimeError before 3.5), never in a crash. musl gives
threads 128 KiB unless the executable asks for more (cpython.THREAD_STACK)."""
from elftools.elf.elffile import ELFFile

from isolation import Root, describe
from staticpython.cpython import THREAD_STACK
from versions import BIN

# Valid in 2.7 and 3.x: Python calls (C recursion in 2.7 and 3.2), then repr() and json of
# deeply nested lists (C recursion in every version), each in a new thread.
DEEP_IN_A_THREAD = r'''
import json, sys, threading
def python_calls(n):
    return python_calls(n + 1)
nested = []
for _ in range(200000):
    nested = [nested]
results = []
def attempt(name, work):
    try:
        work()
        results.append(name + ': no error')
    except RuntimeError:
        results.append(name + ': RecursionError')
for name, work in (('calls', lambda: python_calls(0)), ('repr', lambda: repr(nested)),
                   ('json', lambda: json.dumps(nested))):
    t = threading.Thread(target=attempt, args=(name, work))
    t.start()
    t.join()
sys.stdout.write('\n'.join(results) + '\n')
'''


def test_recursion_in_a_thread_raises_instead_of_crashing(python):
    with Root() as root:
        root.add(BIN, copy_of=python)
        p = root.run([BIN, '-c', DEEP_IN_A_THREAD], proc=False, env={'PATH': '/bin'},
                     timeout=300)
    assert p.returncode == 0, describe(p)
    assert p.stdout.split('\n')[:3] == ['calls: RecursionError', 'repr: RecursionError',
                                        'json: RecursionError'], describe(p)


def test_executable_asks_for_thread_stacks_of_8_mib(python):
    with open(python, 'rb') as f:
        stacks = [seg for seg in ELFFile(f).iter_segments() if seg['p_type'] == 'PT_GNU_STACK']
        assert len(stacks) == 1
        assert stacks[0]['p_memsz'] == THREAD_STACK == 8 * 1024 * 1024
        assert not stacks[0]['p_flags'] & 1          # and not executable (PF_X)
