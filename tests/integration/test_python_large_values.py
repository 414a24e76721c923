"""Past 32 bits, on every CPU (the 32-bit ones, i386 and armv7, the original's platform
among them): a file larger than 2 GiB (sparse, on tmpfs) is written, stat()ed, seeked and
read back, and times after January 2038 are converted, stored as a file's mtime and read
back, in the empty root (valid 2.7 and 3.x code)."""
from isolation import Root, last_json

BIN = '/bin/python3-static'
CODE = r'''
import datetime, json, os, time
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
later = 2 ** 31 + 10
os.utime(path, (later, later))


class UTC(datetime.tzinfo):     # datetime.timezone.utc, which 2.7 lacks
    def utcoffset(self, when):
        return datetime.timedelta(0)

    def dst(self, when):
        return datetime.timedelta(0)


print(json.dumps({
    "size": os.stat(path).st_size, "where": where, "tail": tail,
    "mtime": int(os.stat(path).st_mtime),
    "utc": datetime.datetime.fromtimestamp(later, UTC()).isoformat(),
    "gmtime": list(time.gmtime(later)[:6]),
    "now_after_2020": time.time() > 1577836800,
}))
'''


def test_large_file_and_times_after_2038(python):
    with Root() as root:
        root.add(BIN, copy_of=python, mode=0o755)
        p = root.run([BIN, '-c', CODE], tmpfs=('/tmp',), env={'PATH': '/bin'})
    facts = last_json(p)
    assert facts == {'size': 3 * 2 ** 30 + 5, 'where': 2 ** 31 + 2 ** 30, 'tail': 'tail!',
                     'mtime': 2 ** 31 + 10, 'utc': '2038-01-19T03:14:18+00:00',
                     'gmtime': [2038, 1, 19, 3, 14, 18], 'now_after_2020': True}
