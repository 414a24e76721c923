"""A flavor without ssl (python3.2 and stackless3.2 link no OpenSSL, as the original
python3.2 had no ssl) says so cleanly: `import ssl` raises ImportError for its C part, hashlib works from the
built-in digests, and no OpenSSL is linked in."""
import pytest

from isolation import Root, describe
from versions import ABSENT, BIN, FLAVOR, has

pytestmark = pytest.mark.skipif(has('ssl'), reason='the flavor has ssl: test_python_tls.py')

PROBE = r'''
import hashlib, sys
try:
    import ssl
except ImportError as e:
    sys.stdout.write('ImportError: %s\n' % e)
sys.stdout.write(hashlib.sha256(b'abc').hexdigest() + '\n')
sys.stdout.write(hashlib.md5(b'abc').hexdigest() + '\n')
sys.stdout.write(' '.join(sorted(m for m in sys.builtin_module_names
                                 if m in ('_ssl', '_hashlib'))) + '\n')
'''


def test_import_ssl_fails_and_hashlib_uses_the_builtin_digests(python):
    assert 'openssl' not in FLAVOR.libraries, ABSENT['ssl']
    with Root() as root:
        root.add(BIN, copy_of=python)
        p = root.run([BIN, '-c', PROBE], proc=False, env={'PATH': '/bin'}, timeout=60)
    assert p.returncode == 0, describe(p)
    lines = p.stdout.split('\n')
    assert lines[0] == 'ImportError: No module named _ssl', describe(p)
    # FIPS 180-2's and RFC 1321's test vectors for "abc"
    assert lines[1] == 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    assert lines[2] == '900150983cd24fb0d6963f7d28e17f72'
    assert lines[3] == '', describe(p)
