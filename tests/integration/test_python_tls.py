"""HTTPS from the interpreter in an otherwise empty root against a local server whose
certificate is issued by a test CA made here with the openssl command: the CA is found
through $SSL_CERT_FILE or a system CA file, and only then (the embedded bundle does not
know it) verification fails cleanly. 3.2 verifies only when asked (versions.py spells
its verifying context), and its hashlib takes OpenSSL's digests (_hashlib) as 3.x's."""
import http.server
import importlib.util
import json
import os
import shutil
import ssl
import subprocess
import threading

import pytest

from conftest import REPO
from isolation import Root, describe
from versions import BIN, has, requires, source

pytestmark = requires('ssl')

ENV = {'PATH': '/bin', 'LANG': 'C.UTF-8'}
BODY = 'hello from the StaticPython TLS test server\n'
CA_NAME = 'StaticPython Test CA'
TIMEOUT = 10
# musl resolves localhost through /etc/hosts only (no file: a DNS query, which fails).
HOSTS = '127.0.0.1 localhost\n'

# Valid 2.7 and 3.x code, urllib's modules spelled for the series (source()).
CLIENT = source('''\
import contextlib, json, socket, ssl, sys, urllib.error, urllib.request
try:
    with contextlib.closing(urllib.request.urlopen(sys.argv[1], timeout=10)) as r:
        print(json.dumps({'ok': True, 'status': r.getcode(), 'body': r.read().decode()}))
except urllib.error.URLError as e:
    r = e.reason
    print(json.dumps({'ok': False, 'type': type(r).__name__, 'reason': getattr(r, 'reason', None),
                      'verify_code': getattr(r, 'verify_code', None), 'message': str(e)}))
''')

CA_CERTS = '''\
import json, ssl
certs = ssl.create_default_context().get_ca_certs()
print(json.dumps([dict(x[0] for x in c['subject']).get('commonName') for c in certs]))
'''
# Without get_ca_certs() (3.2): what set_default_verify_paths() hands to
# load_verify_locations(), which raises unless it loads every certificate of cadata.
CA_LOADS = '''\
import json, ssl
calls = []
class Context(ssl.SSLContext):
    def load_verify_locations(self, cafile=None, capath=None, cadata=None):
        ssl.SSLContext.load_verify_locations(self, cafile, capath, cadata)
        calls.append({'cafile': cafile, 'capath': capath,
                      'certificates': (cadata or '').count('-----BEGIN CERTIFICATE-----'),
                      'isrg': 'CN=ISRG Root X1 ' in (cadata or '')})
Context(ssl.PROTOCOL_SSLv23).set_default_verify_paths()
print(json.dumps(calls))
'''
# The test CA given as PEM text (cadata): the context verifies the server with it alone.
CADATA_CLIENT = source('''\
import contextlib, json, ssl, sys, urllib.request
context = ssl.SSLContext(ssl.PROTOCOL_SSLv23)
context.verify_mode = ssl.CERT_REQUIRED
context.load_verify_locations(cadata=open(sys.argv[2], 'rb').read().decode('ascii'))
opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context))
with contextlib.closing(opener.open(sys.argv[1], timeout=10)) as r:
    print(json.dumps({'status': r.getcode(), 'body': r.read().decode()}))
''')
# hashlib's constructors are _hashlib's (OpenSSL's EVP digests): FIPS 180-2's and RFC
# 1321's vectors for "abc", a copy that goes on, and the names OpenSSL lists.
HASHES = '''\
import hashlib, json
h = hashlib.sha256(b'ab')
c = h.copy()
c.update(b'c')
print(json.dumps({'type': type(h).__name__, 'module': type(h).__module__,
                  'sha256': c.hexdigest(), 'ab': h.hexdigest(),
                  'md5': hashlib.md5(b'abc').hexdigest(),
                  'sha512': hashlib.new('sha512', b'abc').hexdigest()[:32],
                  'sizes': [hashlib.sha1().digest_size, hashlib.sha384().block_size],
                  'available': sorted(n.lower() for n in hashlib.algorithms_available
                                      if n.lower() in ('sha256', 'md5', 'sha512'))}))
'''

# OpenSSL 3 names the digests of its legacy provider, which the build leaves out
# (recipes/openssl.py: no-legacy): new() refuses them, as CPython 3.9 on does (2.7's and
# 3.2's _hashopenssl.c did not look at EVP_DigestInit()'s result, and their hash objects
# gave uninitialised memory as the digest; patches 0030 and 0022), hashlib's constructors
# of the guaranteed ones and ripemd160 give the published vectors for "abc", and every name
# hashlib.algorithms_available lists makes a digest (SHAKE's of a length asked for).
LEGACY_DIGESTS = ('md4', 'mdc2', 'whirlpool')
DIGESTS_OF_ABC = {
    'md5': '900150983cd24fb0d6963f7d28e17f72',
    'sha1': 'a9993e364706816aba3e25717850c26c9cd0d89d',
    'sha224': '23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7',
    'sha256': 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    'sha384': 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163'
              '1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
    'sha512': 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a'
              '2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    'ripemd160': '8eb208f7e05d987a9b044a8e98c6b087f15a0bfc',
}
DIGEST_CHECKS = '''\
import _hashlib, binascii, hashlib, json
def attempt(new, name):
    try:
        h = new(name, b'abc')
    except ValueError as e:
        return {'error': type(e).__name__, 'message': str(e)}
    return {'digest': binascii.hexlify(h.digest()).decode(), 'size': h.digest_size}
def digest_of_abc(name):
    h = hashlib.new(name, b'abc')
    d = h.digest(16) if h.digest_size == 0 else h.digest()   # SHAKE's (3.x): a length
    return binascii.hexlify(d).decode(), len(d), h.digest_size
available = {}
for name in sorted(hashlib.algorithms_available):
    try:
        first, second = digest_of_abc(name), digest_of_abc(name)
        available[name] = {'same': first == second, 'length': first[1], 'size': first[2]}
    except Exception as e:
        available[name] = {'error': '%s: %s' % (type(e).__name__, e)}
print(json.dumps({
    'legacy': dict((n, attempt(hashlib.new, n)) for n in LEGACY),
    'c_legacy': dict((n, attempt(_hashlib.new, n)) for n in LEGACY),
    'vectors': dict((n, binascii.hexlify(getattr(hashlib, n, lambda s: hashlib.new(n, s))(
        b'abc').digest()).decode()) for n in VECTORS),
    'available': available}))
'''.replace('LEGACY', repr(LEGACY_DIGESTS)).replace('VECTORS',
                                                    repr(tuple(sorted(DIGESTS_OF_ABC))))


def system_ca_files():
    spec = importlib.util.spec_from_file_location(
        'certs_src', os.path.join(REPO, 'src', '_staticpython_certs.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SYSTEM_CA_FILES


@pytest.fixture(scope='module')
def pki(tmp_path_factory):
    """Paths of the test CA certificate and of the server's certificate and key."""
    openssl = shutil.which('openssl')
    assert openssl, 'the openssl command is not installed'
    d = tmp_path_factory.mktemp('pki')

    def run(*args):
        p = subprocess.run([openssl, *args], cwd=d, capture_output=True, text=True,
                           timeout=60)
        assert p.returncode == 0, describe(p)

    run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
        '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', f'/CN={CA_NAME}',
        '-addext', 'basicConstraints=critical,CA:TRUE',
        '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
        '-addext', 'subjectKeyIdentifier=hash')
    run('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-sha256',
        '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost')
    (d / 'server.ext').write_text(
        'basicConstraints = critical, CA:FALSE\n'
        'keyUsage = critical, digitalSignature, keyEncipherment\n'
        'extendedKeyUsage = serverAuth\n'
        'subjectAltName = DNS:localhost, IP:127.0.0.1\n'
        'subjectKeyIdentifier = hash\n'
        'authorityKeyIdentifier = keyid, issuer\n')
    run('x509', '-req', '-sha256', '-days', '2', '-in', 'server.csr', '-CA', 'ca.pem',
        '-CAkey', 'ca.key', '-CAcreateserial', '-extfile', 'server.ext', '-out', 'server.pem')
    return {'ca': str(d / 'ca.pem'), 'cert': str(d / 'server.pem'), 'key': str(d / 'server.key')}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        data = BODY.encode()
        self.send_response(200)
        self.send_header('Content-Type', 'text/plain; charset=utf-8')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


class TLSServer(http.server.ThreadingHTTPServer):
    """The TLS handshake happens in the request's thread, never in the accept loop."""
    daemon_threads = True

    def __init__(self, context):
        super().__init__(('127.0.0.1', 0), Handler)
        self.context = context
        self.errors = []

    def finish_request(self, request, client_address):
        request.settimeout(TIMEOUT)
        try:
            request = self.context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as e:  # a client refusing our certificate
            self.errors.append(e)
            return
        super().finish_request(request, client_address)

    def handle_error(self, request, client_address):
        pass


@pytest.fixture(scope='module')
def url(pki):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pki['cert'], pki['key'])
    server = TLSServer(context)
    thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.1},
                              daemon=True)
    thread.start()
    try:
        yield f'https://localhost:{server.server_address[1]}/'
    finally:
        server.shutdown()
        server.server_close()
        thread.join(TIMEOUT)


def test_server_with_host_python(pki, url):
    """The fixture itself works: the host's Python trusts the test CA and gets the page."""
    import urllib.request
    context = ssl.create_default_context(cafile=pki['ca'])
    with urllib.request.urlopen(url, context=context, timeout=TIMEOUT) as r:
        assert r.read().decode() == BODY


def client_root(python):
    root = Root()
    root.add(BIN, copy_of=python)
    root.add('/client.py', CLIENT)
    root.add('/ca_certs.py', CA_CERTS)
    root.add('/ca_loads.py', CA_LOADS)
    root.add('/etc/hosts', HOSTS)
    return root


def fetch(root, url, env=ENV):
    p = root.run([BIN, '/client.py', url], env=env, timeout=60)
    assert p.returncode == 0, describe(p)
    lines = p.stdout.strip().splitlines()
    assert lines, describe(p)
    return json.loads(lines[-1]), p


def ca_names(root, env=ENV):
    p = root.run([BIN, '/ca_certs.py'], env=env, timeout=60)
    assert p.returncode == 0, describe(p)
    return json.loads(p.stdout.strip().splitlines()[-1])


def ca_loads(root, env=ENV):
    p = root.run([BIN, '/ca_loads.py'], env=env, timeout=60)
    assert p.returncode == 0, describe(p)
    return json.loads(p.stdout.strip().splitlines()[-1])


def test_openssl_version(python):
    with client_root(python) as root:
        p = root.run([BIN, '-c', 'import ssl; print(ssl.OPENSSL_VERSION)'], env=ENV)
        assert p.returncode == 0, describe(p)
        assert p.stdout.startswith('OpenSSL 3.5'), describe(p)


def test_ssl_cert_file(python, pki, url):
    with client_root(python) as root:
        root.add('/ca.pem', copy_of=pki['ca'])
        result, p = fetch(root, url, env=dict(ENV, SSL_CERT_FILE='/ca.pem'))
        assert result == {'ok': True, 'status': 200, 'body': BODY}, describe(p)


def test_unknown_ca_fails_verification(python, url):
    with client_root(python) as root:
        result, p = fetch(root, url)
        assert result['ok'] is False, describe(p)
        # verify_code 20: unable to get local issuer certificate
        kind, code = (('SSLCertVerificationError', 20) if has('cert_verification_error')
                      else ('SSLError', None))
        assert result['type'] == kind, describe(p)
        assert result['verify_code'] == code, describe(p)
        if has('ssl_error_reason'):
            assert result['reason'] == 'CERTIFICATE_VERIFY_FAILED', describe(p)
            assert 'CERTIFICATE_VERIFY_FAILED' in result['message'], describe(p)
        else:       # OpenSSL's error string
            assert result['reason'] is None, describe(p)
            assert 'certificate verify failed' in result['message'], describe(p)
        assert p.stderr == '', describe(p)


def test_cadata(python, pki, url):
    with client_root(python) as root:
        root.add('/client_cadata.py', CADATA_CLIENT)
        root.add('/ca.pem', copy_of=pki['ca'])
        p = root.run([BIN, '/client_cadata.py', url, '/ca.pem'], env=ENV, timeout=60)
        assert p.returncode == 0, describe(p)
        assert json.loads(p.stdout.strip().splitlines()[-1]) == {'status': 200, 'body': BODY}


def test_embedded_bundle(python):
    with client_root(python) as root:
        if not has('get_ca_certs'):
            loads = ca_loads(root)
            assert [(c['cafile'], c['capath'], c['isrg']) for c in loads] == [
                (None, None, True)], loads
            assert loads[0]['certificates'] > 100, loads
            return
        names = ca_names(root)
        assert len(names) > 100, names
        assert 'ISRG Root X1' in names, names
        assert CA_NAME not in names


@pytest.mark.parametrize('ca_file', system_ca_files())
def test_system_ca_file(python, pki, url, ca_file):
    with client_root(python) as root:
        root.add(ca_file, copy_of=pki['ca'])
        result, p = fetch(root, url)
        assert result == {'ok': True, 'status': 200, 'body': BODY}, describe(p)
        # The system store replaces the embedded bundle.
        if has('get_ca_certs'):
            assert ca_names(root) == [CA_NAME]
        else:
            assert ca_loads(root) == [{'cafile': ca_file, 'capath': None, 'certificates': 0,
                                       'isrg': False}]


def test_hashlib_digests_from_openssl(python):
    with client_root(python) as root:
        p = root.run([BIN, '-c', HASHES], env=ENV, timeout=60)
    assert p.returncode == 0, describe(p)
    result = json.loads(p.stdout.strip().splitlines()[-1])
    assert (result['type'], result['module']) == ('HASH', '_hashlib'), result
    assert result['sha256'] == ('ba7816bf8f01cfea414140de5dae2223'
                                'b00361a396177a9cb410ff61f20015ad'), result
    assert result['ab'] == 'fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603'
    assert result['md5'] == '900150983cd24fb0d6963f7d28e17f72', result
    assert result['sha512'] == 'ddaf35a193617abacc417349ae204131', result
    assert result['sizes'] == [20, 128], result
    assert result['available'] == ['md5', 'sha256', 'sha512'], result


def test_hashlib_refuses_digests_openssl_cannot_make(python):
    with client_root(python) as root:
        p = root.run([BIN, '-c', DIGEST_CHECKS], env=ENV, timeout=60)
    assert p.returncode == 0, describe(p)
    result = json.loads(p.stdout.strip().splitlines()[-1])
    assert result['legacy'] == {n: {'error': 'ValueError', 'message': f'unsupported hash type {n}'}
                                for n in LEGACY_DIGESTS}, result['legacy']
    # _hashlib itself refuses them (3.x: UnsupportedDigestmodError, a ValueError)
    assert all('error' in r for r in result['c_legacy'].values()), result['c_legacy']
    assert result['vectors'] == DIGESTS_OF_ABC, result['vectors']
    available = result['available']
    assert not {n.lower() for n in available} & set(LEGACY_DIGESTS), sorted(available)
    assert {n for n in DIGESTS_OF_ABC if n != 'ripemd160'} <= set(available), sorted(available)
    assert {n: r for n, r in available.items()
            if r != {'same': True, 'length': r.get('size') or 16, 'size': r.get('size')}} == {}
