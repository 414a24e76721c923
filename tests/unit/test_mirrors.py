"""mirrors.archive_uris(): Debian archive URIs from apt's configuration, both formats."""
import os
import textwrap

import pytest

from staticpython.mirrors import archive_uris

SOURCES_LIST = """\
# deb http://commented.example/debian bookworm main
deb [arch=amd64 signed-by=/x] http://a.example/debian bookworm main
deb-src http://src.example/debian bookworm main
deb http://a.example/debian/ bookworm-updates main     # same archive, trailing slash
deb [ arch=amd64 ] https://b.example/debian/ bookworm main
   # deb http://indented-comment.example/debian bookworm main
deb cdrom:[Debian GNU/Linux 12]/ bookworm main
deb file:/srv/mirror bookworm main

deb-src [signed-by=/y] http://a.example/debian bookworm main
"""

X_SOURCES = """\
# A comment before the first stanza.
Types: deb deb-src
URIs: http://c.example/debian/ https://d.example/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://disabled.example/debian
Suites: bookworm
Components: main
Enabled: no

Types: deb
# URIs: http://commented-uri.example/debian
URIs: http://e.example/debian
# http://commented-continuation.example/debian
 http://f.example/debian
Suites: bookworm
Components: main

Types: deb
URIs: http://a.example/debian
Suites: trixie
Components: main
"""


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)


@pytest.fixture
def apt_root(tmp_path):
    root = str(tmp_path / 'apt')
    write(root, 'sources.list', SOURCES_LIST)
    write(root, 'sources.list.d/x.sources', X_SOURCES)
    write(root, 'sources.list.d/g.list', 'deb http://g.example/debian bookworm main\n')
    write(root, 'sources.list.d/y.list.disabled', 'deb http://ignored.example/debian b main\n')
    write(root, 'sources.list.d/z.sources.disabled',
          'Types: deb\nURIs: http://ignored2.example/debian\nSuites: b\nComponents: main\n')
    write(root, 'sources.list.d/w.list.save', 'deb http://ignored3.example/debian b main\n')
    return root


def test_order_dedup_and_trailing_slashes(apt_root):
    assert archive_uris(apt_root) == [
        'http://a.example/debian',
        'http://src.example/debian',
        'https://b.example/debian',
        'http://g.example/debian',
        'http://c.example/debian',
        'https://d.example/debian',
        'http://e.example/debian',
        'http://f.example/debian',
    ]


def test_no_uri_from_comments_disabled_or_other_suffixes(apt_root):
    got = ' '.join(archive_uris(apt_root))
    for word in ('commented', 'indented-comment', 'commented-continuation', 'disabled', 'commented-uri', 'ignored',
                 'cdrom', 'file:'):
        assert word not in got


def test_enabled_yes_stanza_is_read(tmp_path):
    root = str(tmp_path)
    write(root, 'sources.list.d/e.sources',
          'Types: deb\nURIs: http://on.example/debian\nSuites: b\nEnabled: yes\n\n'
          'Types: deb\nURIs: http://off.example/debian\nSuites: b\nEnabled: No\n')
    assert archive_uris(root) == ['http://on.example/debian']


def test_types_without_deb_ignored(tmp_path):
    root = str(tmp_path)
    write(root, 'sources.list.d/o.sources',
          'Types: other\nURIs: http://other.example/x\nSuites: b\n\n'
          'Types: deb-src\nURIs: http://src.example/debian/\nSuites: b\n')
    assert archive_uris(root) == ['http://src.example/debian']


def test_missing_or_empty_root_gives_no_uri(tmp_path):
    assert archive_uris(str(tmp_path / 'does-not-exist')) == []
    write(str(tmp_path), 'sources.list', '# only a comment\n\n')
    assert archive_uris(str(tmp_path)) == []


def test_only_one_line_sources_list(tmp_path):
    write(str(tmp_path), 'sources.list', textwrap.dedent("""\
        deb http://one.invalid/debian bookworm main
        deb http://two.invalid/debian// bookworm main
        deb http://one.invalid/debian/ trixie main
        """))
    assert archive_uris(str(tmp_path)) == ['http://one.invalid/debian', 'http://two.invalid/debian']


def test_sources_list_d_in_apt_order(tmp_path):
    root = str(tmp_path)
    write(root, 'sources.list.d/a.sources', 'Types: deb\nURIs: http://first.example/debian\n'
          'Suites: b\nComponents: main\n')
    write(root, 'sources.list.d/b.list', 'deb http://second.example/debian b main\n')
    assert archive_uris(root) == ['http://first.example/debian', 'http://second.example/debian']


def test_this_machine_names_an_archive():
    if not os.path.isdir('/etc/apt'):
        pytest.skip('no /etc/apt on this machine')
    uris = archive_uris()
    assert uris, 'apt on this machine names no http(s) archive'
    assert all(u.startswith(('http://', 'https://')) and not u.endswith('/') for u in uris)
    assert len(set(uris)) == len(uris)
