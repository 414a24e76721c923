"""The interpreter reads the system's user, group and host databases (musl: /etc/passwd,
/etc/group, /etc/hosts) in a root holding nothing else, with and without /proc."""
import json

import pytest

from isolation import Root, describe
from versions import BIN

ENV = {'PATH': '/usr/bin:/bin', 'LANG': 'C.UTF-8'}

PASSWD = ('root:x:0:0:root:/root:/bin/sh\n'
          'alice:x:1000:1000:Alice Example,,,:/home/alice:/bin/sh\n')
GROUP = ('root:x:0:\n'
         'staff:x:50:alice\n'
         'alice:x:1000:\n')
HOSTS = ('127.0.0.1 localhost\n'
         '::1 localhost\n'
         '10.1.2.3 staticpython.test\n')


@pytest.fixture(scope='module', params=[True, False], ids=['proc', 'noproc'])
def system(request, python):
    """(root, proc): the interpreter plus a minimal /etc."""
    with Root() as root:
        root.add(BIN, copy_of=python)
        root.add('/etc/passwd', PASSWD)
        root.add('/etc/group', GROUP)
        root.add('/etc/hosts', HOSTS)
        yield root, request.param


def evaluate(system, expression):
    """The JSON value of `expression` computed by the interpreter inside the root."""
    root, proc = system
    p = root.run([BIN, '-c', f'import grp, json, pwd, socket; print(json.dumps({expression}))'],
                 proc=proc, env=ENV)
    assert p.returncode == 0, describe(p)
    lines = p.stdout.strip().splitlines()
    assert lines, describe(p)
    return json.loads(lines[-1])


def test_getpwnam(system):
    entry = evaluate(system, "tuple(pwd.getpwnam('alice'))")
    assert entry == ['alice', 'x', 1000, 1000, 'Alice Example,,,', '/home/alice', '/bin/sh']


def test_getpwnam_fields(system):
    fields = evaluate(system, "(lambda e: [e.pw_name, e.pw_uid, e.pw_gid, e.pw_dir, e.pw_shell])"
                              "(pwd.getpwnam('alice'))")
    assert fields == ['alice', 1000, 1000, '/home/alice', '/bin/sh']


def test_getpwuid(system):
    assert evaluate(system, 'pwd.getpwuid(0).pw_name') == 'root'
    assert evaluate(system, 'pwd.getpwuid(1000).pw_name') == 'alice'


def test_getpwall(system):
    assert evaluate(system, 'sorted(e.pw_name for e in pwd.getpwall())') == ['alice', 'root']


def test_unknown_user(system):
    root, proc = system
    p = root.run([BIN, '-c', "import pwd\ntry:\n    pwd.getpwnam('bob')\n"
                              "except KeyError as e:\n    print('KeyError %s' % e)"],
                 proc=proc, env=ENV)
    assert p.returncode == 0, describe(p)
    assert p.stdout.startswith('KeyError') and 'bob' in p.stdout, describe(p)


def test_getgrnam(system):
    assert evaluate(system, "grp.getgrnam('staff').gr_mem") == ['alice']
    assert evaluate(system, "grp.getgrnam('staff').gr_gid") == 50


def test_getgrgid(system):
    assert evaluate(system, 'grp.getgrgid(50).gr_name') == 'staff'
    assert evaluate(system, 'grp.getgrgid(0).gr_mem') == []


def test_getaddrinfo_localhost(system):
    addresses = evaluate(system, "sorted({a[4][0] for a in socket.getaddrinfo('localhost', 80)})")
    assert '127.0.0.1' in addresses, addresses


def test_getaddrinfo_port(system):
    ports = evaluate(system, "sorted({a[4][1] for a in socket.getaddrinfo('localhost', 80, "
                             "socket.AF_INET, socket.SOCK_STREAM)})")
    assert ports == [80]


def test_gethostbyname_from_hosts(system):
    assert evaluate(system, "socket.gethostbyname('staticpython.test')") == '10.1.2.3'


def test_getaddrinfo_from_hosts(system):
    addresses = evaluate(system, "sorted({a[4][0] for a in "
                                 "socket.getaddrinfo('staticpython.test', 443, socket.AF_INET)})")
    assert addresses == ['10.1.2.3']
