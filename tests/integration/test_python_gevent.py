"""gevent compiled in (modules/gevent.py, with libev and c-ares): a TCP echo server and 100
concurrent clients in one process, urllib over HTTP after monkey.patch_all(), a TLS client
verifying the test CA, and names resolved by gevent's c-ares resolver from /etc/hosts; in
the empty root, with and without /proc. Skipped for flavors without gevent. The code the
interpreter runs is valid 2.7 and 3.x, spelled for the series by source()."""
import json

import pytest

from isolation import Root, describe
from staticpython import extmodules
from test_python_tls import BODY, HOSTS, pki, url  # noqa: F401 (the TLS server's fixtures)
from versions import BIN, FLAVOR, VERSION_INFO, source

pytestmark = pytest.mark.skipif(
    'gevent' not in extmodules.with_requirements(FLAVOR.extra_modules, extmodules.load()),
    reason=f'{FLAVOR.name} has no gevent built in')
PROC = pytest.mark.parametrize('proc', [True, False], ids=['proc', 'noproc'])
ENV = {'PATH': '/bin', 'LANG': 'C.UTF-8'}
# Where gevent's patched socket and SSLContext classes come from, by Python's major version:
# gevent 22.10 (2.7) has a module per series, 26.9 (3.10 on) the 3.x ones.
PATCHED = {2: {'socket': 'gevent._socket2', 'ssl': 'gevent._sslgte279'},
           3: {'socket': 'gevent._socket3', 'ssl': 'gevent.ssl'}}[VERSION_INFO[0]]

ECHO = r'''
import json
import gevent
from gevent import socket
from gevent.server import StreamServer
def echo(sock, address):
    data = b''
    while not data.endswith(b'\n'):
        chunk = sock.recv(100)
        if not chunk:
            break
        data += chunk
    sock.sendall(data)
    sock.close()
server = StreamServer(('127.0.0.1', 0), echo)
server.start()
def client(i):
    s = socket.create_connection(('127.0.0.1', server.server_port))
    message = b'hello %d\n' % i
    s.sendall(message)
    data = b''
    while not data.endswith(b'\n'):
        data += s.recv(100)
    s.close()
    return data == message
jobs = [gevent.spawn(client, i) for i in range(100)]
gevent.joinall(jobs, timeout=60)
server.stop()
print(json.dumps({'echoed': sum(1 for j in jobs if j.value is True),
                  'loop': type(gevent.get_hub().loop).__module__}))
'''

MONKEY = source(r'''
from gevent import monkey
monkey.patch_all()
import http.server, json, socket, socketserver, threading, urllib.request
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = ('patched %s' % self.path).encode()
        self.send_response(200)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
server = Server(('127.0.0.1', 0), Handler)
thread = threading.Thread(target=server.serve_forever)               # a greenlet now
thread.daemon = True
thread.start()
base = 'http://127.0.0.1:%d/' % server.server_address[1]
bodies = [urllib.request.urlopen(base + str(i), timeout=10).read().decode() for i in range(3)]
server.shutdown()
print(json.dumps({'bodies': bodies, 'patched': monkey.is_module_patched('socket'),
                  'socket': socket.socket.__module__}))
''')

TLS = source(r'''
from gevent import monkey
monkey.patch_all()
import json, ssl, sys, urllib.request
import gevent
context = ssl.create_default_context(cafile='/ca.pem')
def get():
    return urllib.request.urlopen(sys.argv[1], context=context, timeout=10).read().decode()
jobs = [gevent.spawn(get) for _ in range(5)]
gevent.joinall(jobs, timeout=60)
def unknown():
    try:
        urllib.request.urlopen(sys.argv[1], timeout=10)
        return 'verified'
    except Exception as e:
        return 'CERTIFICATE_VERIFY_FAILED' in str(e)
print(json.dumps({'bodies': [j.value for j in jobs], 'unknown_ca': unknown(),
                  'ssl': ssl.SSLContext.__module__}))
''')

DNS = r'''
import json
import gevent
from gevent import socket
names = [socket.gethostbyname('staticpython-test.example'),
         sorted(set(a[4][0] for a in socket.getaddrinfo('staticpython-test.example', 80)))]
try:
    socket.gethostbyname('no-such-name.invalid')
    missing = 'resolved'
except (socket.gaierror, socket.herror) as e:      # DNS: no server reachable in the root
    missing = type(e).__name__
print(json.dumps({'names': names, 'missing': missing,
                  'resolver': type(gevent.get_hub().resolver).__module__}))
'''


def _run(python, code, proc, *args, env=ENV, files=()):
    with Root() as root:
        root.add(BIN, copy_of=python)
        root.add('/etc/hosts', HOSTS + '10.11.12.13 staticpython-test.example\n')
        for path, source in files:
            root.add(path, copy_of=source)
        p = root.run([BIN, '-c', code, *args], proc=proc, env=env, timeout=120)
    assert p.returncode == 0, describe(p)
    return json.loads(p.stdout.strip().splitlines()[-1]), p


@PROC
def test_an_echo_server_and_100_clients_in_one_process(python, proc):
    result, p = _run(python, ECHO, proc)
    assert result == {'echoed': 100, 'loop': 'gevent.libev.corecext'}, describe(p)


@PROC
def test_urllib_over_http_after_patch_all(python, proc):
    result, p = _run(python, MONKEY, proc)
    assert result == {'bodies': ['patched /0', 'patched /1', 'patched /2'], 'patched': True,
                      'socket': PATCHED['socket']}, describe(p)


@PROC
def test_a_tls_client_verifies_the_test_ca(python, proc, pki, url):  # noqa: F811
    result, p = _run(python, TLS, proc, url, files=[('/ca.pem', pki['ca'])])
    assert result == {'bodies': [BODY] * 5, 'unknown_ca': True, 'ssl': PATCHED['ssl']}, \
        describe(p)


@PROC
def test_the_c_ares_resolver_reads_etc_hosts(python, proc):
    result, p = _run(python, DNS, proc, env=dict(ENV, GEVENT_RESOLVER='ares'))
    assert result.pop('missing') in ('gaierror', 'herror'), describe(p)
    assert result == {'names': ['10.11.12.13', ['10.11.12.13']],
                      'resolver': 'gevent.resolver.ares'}, describe(p)
