"""The training workload of the profile-guided build: what Python programs spend time on.

Run once by the instrumented interpreter in its build directory, with a fixed hash seed
(PYTHONHASHSEED, not ignored: no -E) and address randomisation off. It must do the same
work on every run, so that two builds get the same profile and the same bytes: no clock
whose value decides what runs (logging's is fixed; asyncio's loop reads time.monotonic()
only to compare, with no timer scheduled), no threads, no network, no orderings that
depend on object addresses (no sets or dicts keyed by plain objects), seeded randomness.
"""
import array
import ast
import base64
import bisect
import bz2
import collections
import copy
import dataclasses
import datetime
import decimal
import fractions
import functools
import hashlib
import heapq
import io
import itertools
import json
import logging
import lzma
import math
import pickle
import pprint
import random
import re
import sqlite3
import string
import struct
import textwrap
import types
import xml.etree.ElementTree as ET
import zlib

rng = random.Random(1234)
FIXED_TIME_NS = 1_704_067_200_123_456_789
FIXED_START_NS = FIXED_TIME_NS - 86_400_987_654_321
SCALE = 1


def numbers():
    total = 0
    for i in range(60000 * SCALE):
        total += i * i % 7 - (i >> 3) + (i & 15)
    unity = 10 ** 3000                              # pi by Machin's formula: big integers

    def arctan_inverse(x):
        total = term = unity // x
        n, sign = 3, -1
        while term:
            term //= x * x
            total += sign * (term // n)
            n, sign = n + 2, -sign
        return total

    digits = str(4 * (4 * arctan_inverse(5) - arctan_inverse(239)))
    x = 0.0
    for i in range(1, 40000 * SCALE):
        x += math.sin(i) * math.sqrt(i) / (1.0 + math.cos(i) ** 2)
    pos = [[rng.random() for _ in range(3)] for _ in range(60)]
    for _ in range(40):                              # an n-body style float loop
        for a, b in itertools.combinations(range(60), 2):
            dx, dy, dz = (p - q for p, q in zip(pos[a], pos[b]))
            dist = dx * dx + dy * dy + dz * dz + 0.01
            pos[a][0] -= dx / dist * 1e-5
            pos[b][0] += dx / dist * 1e-5
    ctx = decimal.getcontext()
    ctx.prec = 60
    dec = sum(decimal.Decimal(i) / decimal.Decimal(7) for i in range(3000))
    frac = sum(fractions.Fraction(1, i) for i in range(1, 300))
    with decimal.localcontext() as big:             # exact products of many digits: the
        big.prec, big.Emax = decimal.MAX_PREC, decimal.MAX_EMAX   # number-theoretic transform
        fact = decimal.Decimal(1)
        for i in range(1, 2500 * SCALE):
            fact *= i
    heap = [rng.random() for _ in range(20000)]
    heapq.heapify(heap)
    smallest = [heapq.heappop(heap) for _ in range(2000)]
    ranks = [bisect.bisect(smallest, v) for v in heap[:5000]]
    return (total, digits[:5], round(x, 3), str(dec)[:10], frac.numerator % 1000,
            len(str(fact)), sum(ranks), (10 ** 500).to_bytes(300, 'little').hex()[:8])


def text():
    words = [''.join(rng.choice(string.ascii_letters) for _ in range(rng.randint(2, 12)))
             for _ in range(5000)]
    words += ['caf\u00e9', '\u65e5\u672c\u8a9e', 'na\u00efve', '\U0001f40d'] * 200
    doc = ' '.join(words)
    out = []
    for w in words:
        out.append(f'{w.upper()}:{len(w):04d}:{w[::-1]!r}')
        out.append('%s-%d-%.3f' % (w.lower(), len(w), len(w) / 3))
        out.append('{0}/{1:>8}'.format(w.title(), w.count('a')))
    joined = '\n'.join(out)
    encoded = joined.encode('utf-8')
    assert encoded.decode('utf-8') == joined
    counts = collections.Counter(doc.split())
    parts = [s.strip().replace('a', 'b').partition('e') for s in doc.split('x')]
    pat = re.compile(r'(?P<word>[A-Z][a-z]+)\s+(?P<num>\d+)|([aeiou]{2,})')
    hits = sum(1 for _ in pat.finditer(doc)) + len(re.findall(r'\b\w{5}\b', doc))
    subbed = re.sub(r'[aeiou]', lambda m: m.group(0).upper(), doc[:20000])
    wrapped = textwrap.fill(doc[:20000], width=70)
    template = string.Template('$name has $n items').substitute(name='x', n=3)
    return (len(encoded), counts.most_common(3), len(parts), hits, len(subbed),
            len(wrapped), template, doc.find('\U0001f40d'), sorted(words, key=str.lower)[:3])


@dataclasses.dataclass
class Point:
    x: float
    y: float

    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)


class Node:
    __slots__ = ('value', 'children')

    def __init__(self, value):
        self.value = value
        self.children = []


class Shape:
    def __init__(self, size):
        self._size = size

    @property
    def size(self):
        return self._size

    def area(self):
        return 0.0

    def describe(self):
        return f'{type(self).__name__}({self.size}): {self.area():.2f}'


class Square(Shape):
    def area(self):
        return self.size * self.size


class Circle(Shape):
    def area(self):
        return super().area() + 3.14159 * self.size ** 2


def objects():
    shapes = [Square(i) if i % 2 else Circle(i) for i in range(20000 * SCALE)]
    area = sum(s.area() for s in shapes)
    labels = [s.describe() for s in shapes[:2000]]
    p = Point(0.0, 0.0)
    for i in range(20000):
        p = p.moved(1.0, -0.5)
    root = Node(0)
    stack = [root]
    for i in range(1, 20000):
        parent = stack[i // 3]
        node = Node(i)
        parent.children.append(node)
        stack.append(node)

    def walk(node, depth=0):
        yield node.value * depth
        for child in node.children:
            yield from walk(child, depth + 1)

    tree = sum(walk(root))
    errors = 0
    for i in range(20000):
        try:
            if i % 3 == 0:
                raise ValueError(i)
            {}[i]
        except ValueError:
            errors += 1
        except KeyError:
            errors += 2
        finally:
            errors += 0
    counter = itertools.count()
    closures = [lambda x, k=k: x + k + next(counter) for k in range(1000)]
    fsum = sum(f(1) for f in closures)
    fib = functools.lru_cache(maxsize=None)(lambda n: n if n < 2 else fib(n - 1) + fib(n - 2))
    deep = copy.deepcopy({'a': [Point(1, 2)] * 50, 'b': {'c': (1, 2, [3, 4])}})
    named = collections.namedtuple('Named', 'a b c')
    tuples = sorted((named(i % 7, -i, str(i)) for i in range(20000)), key=lambda t: (t.a, t.b))
    return area, labels[-1], p, tree, errors, fsum, fib(80), len(deep), tuples[0]


def containers():
    d = {}
    for i in range(100000 * SCALE):
        d[f'k{i % 5000}'] = d.get(f'k{i % 5000}', 0) + i
    s = {i * 7 % 1000 for i in range(50000)}
    lst = [rng.randint(0, 10 ** 6) for _ in range(50000)]
    lst.sort()
    lst2 = sorted(lst, reverse=True)[:100]
    dq = collections.deque(maxlen=100)
    for i in range(50000):
        dq.append(i)
        if i % 3 == 0:
            dq.popleft()
    matrix = [[i * j for j in range(100)] for i in range(100)]
    transposed = list(zip(*matrix))
    flat = [x for row in transposed for x in row if x % 3]
    grouped = {k: len(list(g)) for k, g in itertools.groupby(sorted(flat[:5000]), key=lambda x: x % 10)}
    a, b, c = (1, 2, 3)
    for _ in range(100000):
        a, b, c = c, a, b
    arr = array.array('d', range(10000))
    od = collections.OrderedDict((str(i), i) for i in range(5000))
    od.move_to_end('10')
    return sum(d.values()), len(s), lst2[:3], len(dq), len(flat), grouped, a, sum(arr), next(iter(od))


def data():
    records = [{'id': i, 'name': f'user{i}', 'tags': ['a', 'b', str(i)], 'score': i / 7,
                'active': i % 2 == 0, 'nested': {'x': [1, 2, {'y': None}]}} for i in range(3000)]
    blob = json.dumps(records, indent=1, sort_keys=True)
    again = json.loads(blob)
    compact = json.dumps(again, separators=(',', ':'))
    pickled = [pickle.dumps(records, protocol=p) for p in (2, 4, 5)]
    unpickled = [pickle.loads(p) for p in pickled]
    raw = compact.encode()
    packed = [zlib.compress(raw, 6), bz2.compress(raw, 9), lzma.compress(raw[:200000])]
    assert zlib.decompress(packed[0]) == raw and bz2.decompress(packed[1]) == raw
    digests = [hashlib.new(n, raw).hexdigest() for n in ('md5', 'sha1', 'sha256', 'sha512', 'sha3_256', 'blake2b')]
    b64 = base64.b64decode(base64.b64encode(raw))
    structs = [struct.unpack('<iHdq', struct.pack('<iHdq', i, i % 65536, i / 3, -i)) for i in range(20000)]
    root = ET.Element('root')
    for r in records[:2000]:
        item = ET.SubElement(root, 'item', id=str(r['id']))
        item.text = r['name']
    xml = ET.tostring(root)
    parsed = ET.fromstring(xml)
    names = [e.text for e in parsed.iter('item')]
    db = sqlite3.connect(':memory:')
    db.execute('create table t (id integer primary key, name text, score real)')
    db.executemany('insert into t values (?, ?, ?)', ((r['id'], r['name'], r['score']) for r in records))
    rows = db.execute('select name, sum(score) from t group by id % 10 order by name').fetchall()
    db.close()
    day = datetime.datetime(2024, 1, 1)
    dates = [(day + datetime.timedelta(hours=i)).isoformat() for i in range(5000)]
    parsed_dates = [datetime.datetime.fromisoformat(d) for d in dates]
    log = io.StringIO()
    # Each record reads the clock, and its fields are ints: whether one is a cached small
    # int depends on the time. A fixed clock keeps the work the same on every run. So does a
    # fixed start: relativeCreated converts the clock's distance from the time logging was
    # imported to a float, and how _PyLong_Frexp rounds it depends on its low bits.
    # logging counts in nanoseconds since 3.13 (time_ns(), an int _startTime), in seconds
    # before (time(), a float).
    in_ns = isinstance(logging._startTime, int)
    clock, logging.time = logging.time, types.SimpleNamespace(
        time_ns=lambda: FIXED_TIME_NS, time=lambda: FIXED_TIME_NS / 1e9)
    start, logging._startTime = logging._startTime, (FIXED_START_NS if in_ns
                                                     else FIXED_START_NS / 1e9)
    logger = logging.getLogger('train')
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter('%(levelname)s %(name)s %(message)s'))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    for i in range(3000):
        logger.info('record %d of %s', i, 'many')
        logger.debug('hidden %d', i)
    logging.time, logging._startTime = clock, start
    pretty = pprint.pformat(records[:200])
    return (len(blob), len(unpickled), [len(p) for p in packed], digests[0], len(b64),
            structs[-1], len(names), rows[:2], parsed_dates[-1], len(log.getvalue()), len(pretty))


def compiler():
    source = '\n'.join(f'def f{i}(a, b=2, *args, **kw):\n    x = [a * b for _ in range({i})]\n'
                       f'    return {{"k": x, "s": f"{{a}}-{{b}}"}}\n' for i in range(300))
    tree = ast.parse(source)
    code = compile(tree, '<train>', 'exec')
    namespace = {}
    exec(code, namespace)
    dumped = ast.dump(tree)[:100]
    results = [namespace[f'f{i}'](i) for i in range(300)]
    return len(results), dumped


def generators():
    async def worker(n):
        total = 0
        for i in range(n):
            total += i
            await asyncio.sleep(0)
        return total

    async def main():
        return sum(await asyncio.gather(*(worker(200) for _ in range(50))))

    import asyncio
    gen_total = sum(x * 2 for x in (y for y in range(200000) if y % 3))
    return asyncio.run(main()), gen_total


def main():
    for part in (numbers, text, objects, containers, data, compiler, generators):
        part()


if __name__ == '__main__':
    main()
