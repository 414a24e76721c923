"""msgpack, compiled in when a flavor has it (`scons flavor=python3.13 modules=msgpack`):
data round-trips through its C extension (not the pure-Python fallback), in the empty root
with and without /proc."""
import pytest

from isolation import Root, describe
from versions import BIN, FLAVOR

pytestmark = pytest.mark.skipif('msgpack' not in FLAVOR.extra_modules,
                                reason=f'{FLAVOR.name} has no msgpack built in '
                                       '(scons test modules=msgpack builds one that has)')

ROUND_TRIP = r'''
import sys, msgpack
data = {'int': -2**63, 'big': 2**64 - 1, 'float': 1.5, 'text': 'h\u00e9', 'bytes': b'\x00\xff',
        'list': [None, True, False, [], {}], 'nested': {'a': [1, {'b': 2}]}}
packed = msgpack.packb(data)
back = msgpack.unpackb(packed, strict_map_key=False)
unpacker = msgpack.Unpacker()
unpacker.feed(packed[:7])
unpacker.feed(packed[7:])
streamed = list(unpacker)
print(back == data, streamed == [data], len(packed), msgpack.Packer.__module__,
      msgpack.Unpacker.__module__, '_cmsgpack' in sys.builtin_module_names or
      'msgpack._cmsgpack' in sys.builtin_module_names)
'''


@pytest.mark.parametrize('proc', [True, False], ids=['proc', 'noproc'])
def test_msgpack_round_trips_through_its_c_extension(python, proc):
    with Root() as root:
        root.add(BIN, copy_of=python)
        p = root.run([BIN, '-c', ROUND_TRIP], proc=proc, env={'PATH': '/bin'})
    assert p.returncode == 0, describe(p)
    same, streamed, size, packer, unpacker, builtin = p.stdout.split()
    assert (same, streamed, builtin) == ('True', 'True', 'True'), describe(p)
    assert packer == unpacker == 'msgpack._cmsgpack', describe(p)
    assert int(size) > 40
