"""Past 32 bits, on every CPU (the 32-bit ones, i386 and armv7, the original's platform
among them): a file larger than 2 GiB (sparse, on tmpfs) is written, stat()ed, seeked and
read back, and times after January 2038 are converted, stored as a file's mtime and read
back, in the empty root (valid 2.7 and 3.x code). Where the C library's time_t has 32 bits
(libcs.py: time32_targets), each of those times is refused with OverflowError instead."""
from isolation import Root, last_json

BIN = '/bin/python3-static'
FILE = r'''
import json, os
path = "/tmp/big"
size = 3 * 2 ** 30 + 5
with open(path, "wb") as f:
    f.seek(size - 5)
    f.write(b"tail!")
with open(path, "rb") as f:
    f.seek(2 ** 31 + 2 ** 30)
    where = f.tell()
    f.seek(-5, os.SEEK_END)
    tail = f.read().decode()
print(json.dumps({"size": os.stat(path).st_size, "where": where, "tail": tail}))
'''
TIMES = r'''
import datetime, json, os, time
path = "/tmp/file"
open(path, "w").close()
later = 2 ** 31 + 10


class UTC(datetime.tzinfo):     # datetime.timezone.utc, which 2.7 lacks
    def utcoffset(self, when):
        return datetime.timedelta(0)

    def dst(self, when):
        return datetime.timedelta(0)


def attempt(f):
    try:
        return f()
    except OverflowError as e:
        return "OverflowError: %s" % e


def mtime():
    os.utime(path, (later, later))
    return int(os.stat(path).st_mtime)


print(json.dumps({
    "mtime": attempt(mtime),
    "utc": attempt(lambda: datetime.datetime.fromtimestamp(later, UTC()).isoformat()),
    "gmtime": attempt(lambda: list(time.gmtime(later)[:6])),
    "now_after_2020": time.time() > 1577836800,
}))
'''


def facts(python, code):
    with Root() as root:
        root.add(BIN, copy_of=python, mode=0o755)
        p = root.run([BIN, '-c', code], tmpfs=('/tmp',), env={'PATH': '/bin'})
    return last_json(p)


def test_file_larger_than_2_gib(python):
    assert facts(python, FILE) == {'size': 3 * 2 ** 30 + 5, 'where': 2 ** 31 + 2 ** 30,
                                   'tail': 'tail!'}


def test_times_after_2038(python, target, libc_data):
    got = facts(python, TIMES)
    assert got['now_after_2020'] is True, got
    if target.name in libc_data.time32_targets:
        for what in ('mtime', 'utc', 'gmtime'):
            assert got[what].startswith('OverflowError: ') and 'time_t' in got[what], got
    else:
        assert got == {'mtime': 2 ** 31 + 10, 'utc': '2038-01-19T03:14:18+00:00',
                       'gmtime': [2038, 1, 19, 3, 14, 18], 'now_after_2020': True}
