"""The runtime services of the interpreter in a root holding only the executable and the
test scripts (/proc, tmpfs on /tmp and /dev/shm): threads, subprocesses, multiprocessing
(spawn), sqlite3, compression, ctypes/libffi, the C decimal module, pdb, and tracebacks
that show source lines of the standard library stored in the executable's ZIP."""
import bz2
import gzip
import hashlib
import importlib
import json
import lzma
import os
import random
import re
import subprocess
import zipfile
import zlib
from decimal import Decimal, localcontext

import pytest

from isolation import Root, describe, run_alone
from versions import BIN, THIS, has, requires, source

ENV = {'PATH': '/bin', 'LANG': 'C.UTF-8'}
TMPFS = ('/tmp', '/dev/shm')
MB = 1 << 20


@pytest.fixture(scope='module')
def root(python):
    with Root() as root:
        root.add(BIN, copy_of=python)
        yield root


def run(root, argv, stdin=None, timeout=60):
    return root.run(argv, proc=True, tmpfs=TMPFS, env=ENV, stdin=stdin, timeout=timeout)


def run_script(root, name, code, args=(), timeout=60):
    """Run the script as /<name>.py; return the JSON value printed on its last line."""
    root.add(f'/{name}.py', code)
    p = run(root, [BIN, f'/{name}.py', *args], timeout=timeout)
    assert p.returncode == 0, describe(p)
    lines = p.stdout.strip().splitlines()
    assert lines, describe(p)
    return json.loads(lines[-1])


# Valid 2.7 and 3.x code: threading, with a barrier of its own (threading.Barrier came in
# 3.2): every thread notes its identity, then waits for all 8 to be running.
THREADS = '''\
import hashlib, json, threading

lock = threading.Lock()
arrived = []
everyone = threading.Event()
results = {}


def work(i):
    with lock:
        arrived.append(threading.current_thread().ident)
        if len(arrived) == 8:
            everyone.set()
    everyone.wait(10)
    results[i] = [everyone.is_set(), hashlib.sha256(str(i).encode() * 100000).hexdigest()]


threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps({'threads': len(set(arrived)), 'together': [results[i][0] for i in range(8)],
                  'digests': [results[i][1] for i in range(8)],
                  'alive': threading.active_count()}))
'''


def test_threads(root):
    result = run_script(root, 'threads', THREADS)
    assert result['threads'] == 8
    assert result['together'] == [True] * 8
    assert result['digests'] == [hashlib.sha256(str(i).encode() * 100000).hexdigest()
                                 for i in range(8)]
    assert result['alive'] == 1


POOL = '''\
import concurrent.futures, hashlib, json, threading

barrier = threading.Barrier(8, timeout=10)  # all 8 tasks must run at the same time


def work(i):
    barrier.wait()
    return threading.get_ident(), hashlib.sha256(str(i).encode() * 100000).hexdigest()


with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
    first = list(pool.map(work, range(8)))
    squares = list(pool.map(lambda n: n * n, range(1000)))
    total = sum(f.result() for f in [pool.submit(sum, range(k * 1000)) for k in range(50)])
print(json.dumps({'threads': len({t for t, _ in first}), 'digests': [d for _, d in first],
                  'squares': squares, 'total': total, 'alive': threading.active_count()}))
'''


@requires('concurrent_futures')
def test_thread_pool(root):
    result = run_script(root, 'pool', source(POOL))
    assert result['threads'] == 8
    assert result['digests'] == [hashlib.sha256(str(i).encode() * 100000).hexdigest()
                                 for i in range(8)]
    assert result['squares'] == [n * n for n in range(1000)]
    assert result['total'] == sum(sum(range(k * 1000)) for k in range(50))
    assert result['alive'] == 1


# Valid 2.7 and 3.x code: Popen (subprocess.run() came in 3.5).
SUBPROCESS = '''\
import json, subprocess, sys


def run(code, *args, **kw):
    p = subprocess.Popen([sys.executable, '-c', code] + list(args), stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    out, err = p.communicate(kw.get('input', ''))
    return [p.returncode, out, err]


child = run('import sys; sys.stdout.write("child says %s %s\\\\n" % (sys.stdin.read().upper(), sys.argv[1:]))',
            'a b', input='hello')
failing = run('import sys; sys.stderr.write("oops"); sys.exit(3)')
print(json.dumps({'executable': sys.executable, 'child': child, 'failing': failing}))
'''


def test_subprocess(root):
    result = run_script(root, 'subproc', SUBPROCESS)
    assert result['executable'] == BIN
    assert result['child'] == [0, "child says HELLO ['a b']\n", '']
    assert result['failing'] == [3, '', 'oops']


def test_a_fatal_signal_ends_the_program(root):
    """abort() ends the interpreter instead of leaving it running: natively it is the root's
    PID 1 (which a signal it sends itself does not kill, so musl's abort() crashes it), and
    under qemu the program must not be PID 1 at all (isolation.py says why)."""
    p = run(root, [BIN, '-c', 'import os; os.abort()'], timeout=30)
    assert p.returncode not in (0, 1), describe(p)
    assert 'Traceback' not in p.stderr, describe(p)


MULTIPROCESSING = '''\
import json, multiprocessing, os


def square(n):
    return n * n


def worker_pid(_):
    return os.getpid()


if __name__ == '__main__':
    ctx = multiprocessing.get_context('spawn')
    with ctx.Pool(2) as pool:
        squares = pool.map(square, range(100))
        pids = set(pool.map(worker_pid, range(20), chunksize=1))
    print(json.dumps({'squares': squares, 'parent': os.getpid(), 'workers': sorted(pids),
                      'method': ctx.get_start_method()}))
'''


@requires('mp_spawn')
def test_multiprocessing_spawn(root):
    result = run_script(root, 'mp_spawn', MULTIPROCESSING, timeout=90)
    assert result['method'] == 'spawn'
    assert result['squares'] == [n * n for n in range(100)]
    assert 1 <= len(result['workers']) <= 2, result
    assert result['parent'] not in result['workers'], result


SQLITE = '''\
import json, os, sqlite3, sys

DOCS = [('one', 'a static interpreter in one file'),
        ('two', 'the interpreter needs shared libraries'),
        ('three', 'static linking with musl'),
        ('four', 'Static Python: a static INTERPRETER')]


def fill(con):
    with con:
        con.execute('create virtual table docs using fts5(title, body)')
        con.executemany('insert into docs(title, body) values (?, ?)', DOCS)
        con.execute('create table items(id integer primary key, doc text)')
        con.executemany('insert into items(doc) values (?)',
                        [(json.dumps({'name': n, 'tags': ['t', n], 'size': i}),)
                         for i, n in enumerate(['alpha', 'beta', 'gamma'])])


def query(con):
    q = lambda sql, *a: [list(r) for r in con.execute(sql, a)]
    return {
        'match': q("select title from docs where docs match 'static AND interpreter' order by title"),
        'prefix': q("select title from docs where docs match 'lib*'"),
        'highlight': q("select highlight(docs, 1, '[', ']') from docs where docs match 'musl'"),
        'json': q("select json_extract(doc, '$.name'), json_extract(doc, '$.tags[1]') from items "
                  "where json_extract(doc, '$.size') >= 1 order by id"),
        'json_object': q("select json_object('a', 1, 'b', json_array(2, 3))"),
    }


mem = sqlite3.connect(':memory:')
fill(mem)
memory = query(mem)
mem.close()

disk = sqlite3.connect('/tmp/t.db')
journal = disk.execute('pragma journal_mode=wal').fetchone()[0]
fill(disk)
disk.close()
disk = sqlite3.connect('/tmp/t.db')
on_disk = query(disk)
integrity = disk.execute('pragma integrity_check').fetchone()[0]
disk.close()
print(json.dumps({'version': sqlite3.sqlite_version, 'memory': memory, 'disk': on_disk,
                  'journal': journal, 'integrity': integrity, 'size': os.path.getsize('/tmp/t.db')}))
'''


def test_sqlite3(root):
    result = run_script(root, 'sqlite', SQLITE)
    expected = {
        'match': [['four'], ['one']],
        'prefix': [['two']],
        'highlight': [['static linking with [musl]']],
        'json': [['beta', 'beta'], ['gamma', 'gamma']],
        'json_object': [['{"a":1,"b":[2,3]}']],
    }
    assert result['memory'] == expected
    assert result['disk'] == expected
    assert result['journal'] == 'wal'
    assert result['integrity'] == 'ok'
    assert result['size'] > 0
    recipe = importlib.import_module('staticpython.recipes.sqlite3')
    assert result['version'] == recipe.VERSION


def payload():
    """1 MiB: compressible text and incompressible bytes."""
    rng = random.Random(20250101)
    text = b''.join(b'line %d of the StaticPython test payload\n' % i for i in range(20000))
    data = text[:MB // 2] + rng.randbytes(MB // 2)
    assert len(data) == MB
    return data


MODULES = {
    'lzma': (lzma.compress, lzma.decompress),
    'bz2': (bz2.compress, bz2.decompress),
    'zlib': (zlib.compress, zlib.decompress),
    'gzip': (gzip.compress, gzip.decompress),
}
MODULES = {name: functions for name, functions in MODULES.items() if has(name)}

# Valid 2.7 and 3.x code: gzip through GzipFile (gzip.compress() came in 3.2).
COMPRESSION = '''\
import bz2, gzip, hashlib, io, json, sys, zlib


def gzip_compress(data):
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode='wb') as f:
        f.write(data)
    return out.getvalue()


def gzip_decompress(data):
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
        return f.read()


FUNCTIONS = {'bz2': (bz2.compress, bz2.decompress), 'zlib': (zlib.compress, zlib.decompress),
             'gzip': (gzip_compress, gzip_decompress)}
if 'lzma' in sys.argv[1:]:
    import lzma
    FUNCTIONS['lzma'] = (lzma.compress, lzma.decompress)
data = open('/data/payload', 'rb').read()
result = {'size': len(data)}
for name in sys.argv[1:]:
    compress, decompress = FUNCTIONS[name]
    packed = compress(data)
    with open('/out/' + name, 'wb') as f:
        f.write(packed)
    theirs = open('/data/' + name, 'rb').read()
    result[name] = {'roundtrip': decompress(packed) == data,
                    'compressed': len(packed),
                    'host_data': hashlib.sha256(decompress(theirs)).hexdigest()}
print(json.dumps(result))
'''


def test_compression(root):
    data = payload()
    root.add('/data/payload', data)
    for name, (compress, _) in MODULES.items():
        root.add(f'/data/{name}', compress(data))
    os.makedirs(root.inside('/out'), exist_ok=True)
    result = run_script(root, 'compression', COMPRESSION, args=list(MODULES))
    digest = hashlib.sha256(data).hexdigest()
    assert result['size'] == MB
    assert sorted(result) == sorted(['size', *MODULES]), result
    for name, (_, decompress) in MODULES.items():
        r = result[name]
        assert r['roundtrip'] is True, (name, r)
        assert MB // 2 < r['compressed'] < MB, (name, r)  # the random half does not shrink
        assert r['host_data'] == digest, name  # decompresses what the host compressed
        with open(root.inside(f'/out/{name}'), 'rb') as f:
            assert decompress(f.read()) == data, name  # the host decompresses its output


CTYPES = '''\
import ctypes, json


class Point(ctypes.Structure):
    _fields_ = [('x', ctypes.c_int), ('y', ctypes.c_double), ('tag', ctypes.c_char * 8)]


CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(Point), ctypes.c_int)
calls = []


def scale(point, k):
    calls.append(k)
    point.contents.x *= k
    point.contents.y += k
    return point.contents.x + 1


closure = CALLBACK(scale)
# A plain function pointer to the closure's code: the call goes through ffi_call into
# libffi's trampoline, which calls back into Python.
function = CALLBACK(ctypes.cast(closure, ctypes.c_void_p).value)
p = Point(3, 2.5, b'abc')
ret = function(ctypes.byref(p), 7)

DOUBLE = ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_double, ctypes.c_int64)
dclosure = DOUBLE(lambda a, b: a * b)
dret = DOUBLE(ctypes.cast(dclosure, ctypes.c_void_p).value)(1.5, 2 ** 40)

try:
    ctypes.CDLL('libfoo.so')
    cdll = ['loaded']
except OSError as e:
    cdll = ['OSError', str(e)]

print(json.dumps({
    'sizeof': ctypes.sizeof(Point), 'offsets': [Point.x.offset, Point.y.offset, Point.tag.offset],
    'ret': ret, 'calls': calls, 'x': p.x, 'y': p.y, 'tag': p.tag.decode(),
    'string_at': ctypes.string_at(ctypes.addressof(p) + Point.tag.offset, 3).decode(),
    'dret': dret, 'cdll': cdll,
}))
'''


# The same structure as the target's C compiler lays it out (its ABI: a double is 4-aligned
# in an i386 struct, 8-aligned elsewhere).
POINT_C = r"""#include <stddef.h>
#include <stdio.h>
struct point { int x; double y; char tag[8]; };
int main(void) {
    printf("%zu %zu %zu %zu\n", sizeof(struct point), offsetof(struct point, x),
           offsetof(struct point, y), offsetof(struct point, tag));
    return 0;
}
"""


def c_layout(cc, runner, tmp_path):
    (tmp_path / 'point.c').write_text(POINT_C)
    subprocess.run([cc, '-O2', '-o', str(tmp_path / 'point'), str(tmp_path / 'point.c')],
                   check=True, capture_output=True)
    p = run_alone(str(tmp_path / 'point'), runner=runner)
    assert p.returncode == 0, describe(p)
    size, *offsets = (int(n) for n in p.stdout.split())
    return size, offsets


def test_ctypes(root, cc, runner, tmp_path):
    size, offsets = c_layout(cc, runner, tmp_path)
    result = run_script(root, 'ctypes_test', CTYPES)
    cdll = result.pop('cdll')
    assert result == {
        'sizeof': size, 'offsets': offsets,
        'ret': 22, 'calls': [7], 'x': 21, 'y': 9.5, 'tag': 'abc', 'string_at': 'abc',
        'dret': 1.5 * 2 ** 40,
    }
    assert cdll[0] == 'OSError' and cdll[1], cdll  # an exception with a message, not a crash


DECIMAL = '''\
import json, sys
import decimal
from decimal import Decimal, getcontext
getcontext().prec = 50
print(json.dumps({'seventh': str(Decimal(1) / Decimal(7)),
                  'c_implementation': decimal.Decimal is getattr(sys.modules.get('_decimal'),
                                                                 'Decimal', None),
                  'sqrt2': str(Decimal(2).sqrt())}))
'''


def test_decimal(root):
    """The arithmetic, by the C module (libmpdec) where the series has one."""
    result = run_script(root, 'decimal_test', DECIMAL)
    assert result['seventh'] == '0.14285714285714285714285714285714285714285714285714'
    with localcontext() as ctx:
        ctx.prec = 50
        assert result['sqrt2'] == str(Decimal(2).sqrt())
    assert result['c_implementation'] is has('cdecimal')


PDB_SCRIPT = '''\
x = 6 * 7
z = x - 2
z += 1
y = x + 1
print('end of script', y)
'''


def test_pdb(root):
    root.add('/pdb_script.py', PDB_SCRIPT)
    p = run(root, [BIN, '-m', 'pdb', '/pdb_script.py'], stdin='b 4\nc\np x\nn\np y\nq\n')
    assert p.returncode == 0, describe(p)
    out = p.stdout
    assert 'Breakpoint 1 at /pdb_script.py:4' in out, describe(p)
    assert '> /pdb_script.py(4)<module>()\n-> y = x + 1\n' in out, describe(p)
    assert '(Pdb) 42\n' in out, describe(p)
    assert "> /pdb_script.py(5)<module>()\n-> print('end of script', y)\n" in out, describe(p)
    assert '(Pdb) 43\n' in out, describe(p)
    assert out.index('(Pdb) 42') < out.index('(Pdb) 43'), describe(p)
    assert 'end of script' not in out.replace("-> print('end of script', y)", ''), describe(p)


def test_traceback_shows_stdlib_source(root, python):
    p = run(root, [BIN, '-c', "import json; json.loads('{')"])
    assert p.returncode == 1, describe(p)
    lines = p.stderr.splitlines()
    assert lines and lines[-1].startswith(THIS.json_error), \
        describe(p)
    with zipfile.ZipFile(python) as z:
        source = z.read('json/decoder.py').decode('utf-8').splitlines()
    frames = [(i, m) for i, line in enumerate(lines)
              if (m := re.fullmatch(r'  File "([^"]*/json/decoder\.py)", line (\d+), in \w+', line))]
    assert frames, describe(p)
    for i, m in frames:
        assert m.group(1) == f'{BIN}/json/decoder.py', describe(p)
        number = int(m.group(2))
        assert lines[i + 1].strip() == source[number - 1].strip(), describe(p)
        assert lines[i + 1].strip(), describe(p)


# The size of the mapping that holds a 1 MiB object: musl's malloc maps every block above
# 128 KiB on its own (the kernel may merge it with its neighbours, to a few MiB); mimalloc's
# blocks lie in its arena, a reservation of 128 MiB or more.
LARGE_BLOCK_MAPPING = r'''
block = bytes(1 << 20)
for line in open('/proc/self/maps'):
    start, end = (int(x, 16) for x in line.split()[0].split('-'))
    if start <= id(block) < end:
        print(end - start)
'''


# (environment, allocator of small blocks, of large ones; None: refused at start-up)
ALLOCATORS = [({}, 'mimalloc', 'mimalloc'),
              ({'PYTHONMALLOC': 'pymalloc'}, 'pymalloc', 'malloc'),
              ({'PYTHONMALLOC': 'mimalloc'}, 'mimalloc', 'mimalloc'),
              ({'PYTHONMALLOC': 'malloc'}, 'malloc', 'malloc')]
if not has('mimalloc'):     # versions.py says why: pymalloc is the default
    ALLOCATORS = [({}, 'pymalloc', 'malloc'), *ALLOCATORS[1:2],
                  ({'PYTHONMALLOC': 'mimalloc'}, None, None), *ALLOCATORS[3:]]


@requires('pythonmalloc')
@pytest.mark.parametrize('env, small, large', ALLOCATORS)
def test_memory_allocator(root, env, small, large):
    """mimalloc is the default allocator of objects, small and large (musl's malloc gives
    every block above 128 KiB back to the system at once), where CPython has it;
    PYTHONMALLOC still chooses, and pymalloc takes its blocks above 512 bytes from the C
    library. sys._debugmallocstats() describes the allocator of small blocks: only
    pymalloc's and mimalloc's report a small block threshold, only mimalloc's a medium one."""
    p = root.run([BIN, '-c', 'import sys; sys._debugmallocstats()'], proc=True, tmpfs=TMPFS,
                 env=dict(ENV, **env))
    if small is None:
        assert p.returncode == 1, describe(p)
        assert 'PYTHONMALLOC: unknown allocator' in p.stderr, describe(p)
        return
    assert p.returncode == 0, describe(p)
    assert ('Medium block threshold' in p.stderr) == (small == 'mimalloc'), describe(p)
    assert ('Small block threshold' in p.stderr) == (small != 'malloc'), describe(p)
    p = root.run([BIN, '-c', LARGE_BLOCK_MAPPING], proc=True, tmpfs=TMPFS, env=dict(ENV, **env))
    assert p.returncode == 0 and p.stdout.strip(), describe(p)
    assert (int(p.stdout) >= 64 * MB) == (large == 'mimalloc'), describe(p)
