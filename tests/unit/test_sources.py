"""sources.fetch(): cache, upstream, Debian archive, checksums; against a local HTTP server."""
import glob
import hashlib
import http.server
import os
import threading

import pytest
import requests

from staticpython.sources import (SOURCE_DIRS_VARIABLE, ChecksumError, FetchError, Source, fetch,
                                 local_dirs)

GOOD = b'pinned release bytes\n' * 500
OTHER = b'PINNED RELEASE BYTES\n' * 500          # same size, other bytes
GOOD_SHA = hashlib.sha256(GOOD).hexdigest()
OTHER_SHA = hashlib.sha256(OTHER).hexdigest()
assert len(GOOD) == len(OTHER) and GOOD_SHA != OTHER_SHA


class Server:
    """Serves bytes from `files` (path -> bytes), 404 otherwise; records requested paths."""

    def __init__(self):
        self.files, self.requests = {}, []
        lock, outer = threading.Lock(), self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                with lock:
                    outer.requests.append(self.path)
                body = outer.files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header('Content-Type', 'application/octet-stream')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f'http://127.0.0.1:{self.httpd.server_address[1]}'
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,),
                                       daemon=True)   # short poll: fast shutdown()
        self.thread.start()

    def url(self, path):
        return self.base + path

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


@pytest.fixture
def session():
    s = requests.Session()
    s.trust_env = False          # never route 127.0.0.1 through a configured proxy
    yield s
    s.close()


@pytest.fixture
def cache(tmp_path):
    return str(tmp_path / 'cache')


def leftovers(cache):
    return glob.glob(os.path.join(cache, 'sources', '*.part')) + \
        glob.glob(os.path.join(cache, 'sources', '.*.part'))


def cached(cache, name):
    return os.path.join(cache, 'sources', name)


def src(server, name='pkg-1.0.tar.gz', urls=('/up/pkg-1.0.tar.gz',), size=len(GOOD),
        sha=GOOD_SHA, pool=''):
    return Source(name, size, sha, urls=tuple(server.url(u) for u in urls), pool=pool)


def test_good_download_lands_in_cache(server, session, cache):
    server.files['/up/pkg-1.0.tar.gz'] = GOOD
    logs = []
    path = fetch(src(server), cache, archive_uris=[], session=session, log=logs.append)
    assert path == cached(cache, 'pkg-1.0.tar.gz')
    with open(path, 'rb') as f:
        assert f.read() == GOOD
    assert leftovers(cache) == []
    assert sorted(os.listdir(os.path.join(cache, 'sources'))) == ['pkg-1.0.tar.gz']
    assert server.requests == ['/up/pkg-1.0.tar.gz']


def _assert_checksum_message(msg, s, url, actual):
    assert s.filename in msg
    assert url in msg
    assert s.sha256 in msg, 'expected sha256 missing'
    assert actual in msg, 'actual sha256 missing'


def test_same_size_other_bytes_is_checksum_error(server, session, cache):
    server.files['/up/pkg-1.0.tar.gz'] = OTHER
    server.files['/up/second.tar.gz'] = GOOD        # must not be tried after a mismatch
    s = src(server, urls=('/up/pkg-1.0.tar.gz', '/up/second.tar.gz'))
    with pytest.raises(ChecksumError) as e:
        fetch(s, cache, archive_uris=[], session=session)
    _assert_checksum_message(str(e.value), s, s.urls[0], OTHER_SHA)
    assert os.listdir(os.path.join(cache, 'sources')) == []
    assert server.requests == ['/up/pkg-1.0.tar.gz'], 'a mismatch is a hard error'


def test_smaller_file_is_checksum_error(server, session, cache):
    short = GOOD[:-7]
    server.files['/up/pkg-1.0.tar.gz'] = short
    s = src(server)
    with pytest.raises(ChecksumError) as e:
        fetch(s, cache, archive_uris=[], session=session)
    _assert_checksum_message(str(e.value), s, s.urls[0], hashlib.sha256(short).hexdigest())
    assert os.listdir(os.path.join(cache, 'sources')) == []


def test_larger_file_message_names_both_sha256(server, session, cache):
    big = GOOD + b'x' * (200 * 1024)               # several chunks past the pinned size
    server.files['/up/pkg-1.0.tar.gz'] = big
    s = src(server)
    with pytest.raises(ChecksumError) as e:
        fetch(s, cache, archive_uris=[], session=session)
    _assert_checksum_message(str(e.value), s, s.urls[0], hashlib.sha256(big).hexdigest())


def test_larger_file_is_checksum_error_and_not_kept(server, session, cache):
    big = GOOD + b'x' * (200 * 1024)
    server.files['/up/pkg-1.0.tar.gz'] = big
    s = src(server)
    with pytest.raises(ChecksumError) as e:
        fetch(s, cache, archive_uris=[], session=session)
    msg = str(e.value)
    assert s.filename in msg and s.urls[0] in msg
    assert os.listdir(os.path.join(cache, 'sources')) == []


def test_fallback_order_upstream_then_archives(server, session, cache):
    pool_a = 'pool/main/p/pkg/pkg_1.0.orig.tar.gz'
    pool_b = 'pool/main/p/pkg/pkg_1.0.orig.tar.xz'
    a = src(server, 'pkg-1.0.tar.gz', urls=('/up1/a', '/up2/a'), pool=pool_a)
    b = src(server, 'pkg_1.0.orig.tar.xz', urls=('/up3/b',), pool=pool_b)
    mirrors = [server.url('/m1'), server.url('/m2')]
    server.files['/m2/' + pool_b] = GOOD            # only the very last candidate works
    path = fetch((a, b), cache, archive_uris=mirrors, session=session)
    assert server.requests == [
        '/up1/a', '/up2/a', '/up3/b',
        '/m1/' + pool_a, '/m2/' + pool_a,
        '/m1/' + pool_b, '/m2/' + pool_b,
    ]
    assert path == cached(cache, 'pkg_1.0.orig.tar.xz')
    with open(path, 'rb') as f:
        assert f.read() == GOOD
    assert leftovers(cache) == []


def test_stops_at_first_good_location(server, session, cache):
    pool = 'pool/main/p/pkg/pkg_1.0.orig.tar.gz'
    s = src(server, urls=('/gone', '/up/ok'), pool=pool)
    server.files['/up/ok'] = GOOD
    server.files['/m1/' + pool] = GOOD
    fetch(s, cache, archive_uris=[server.url('/m1')], session=session)
    assert server.requests == ['/gone', '/up/ok']


def test_valid_cached_file_means_no_request(server, session, cache):
    os.makedirs(os.path.join(cache, 'sources'))
    with open(cached(cache, 'pkg-1.0.tar.gz'), 'wb') as f:
        f.write(GOOD)
    server.files['/up/pkg-1.0.tar.gz'] = GOOD
    path = fetch(src(server), cache, archive_uris=[], session=session)
    assert path == cached(cache, 'pkg-1.0.tar.gz')
    assert server.requests == []


def test_tampered_cache_is_deleted_and_refetched(server, session, cache):
    os.makedirs(os.path.join(cache, 'sources'))
    with open(cached(cache, 'pkg-1.0.tar.gz'), 'wb') as f:
        f.write(OTHER)
    server.files['/up/pkg-1.0.tar.gz'] = GOOD
    logs = []
    path = fetch(src(server), cache, archive_uris=[], session=session, log=logs.append)
    with open(path, 'rb') as f:
        assert f.read() == GOOD
    assert server.requests == ['/up/pkg-1.0.tar.gz']
    assert any('damaged' in line and 'pkg-1.0.tar.gz' in line for line in logs), logs
    assert leftovers(cache) == []


def test_tampered_cache_not_kept_when_nothing_serves_it(server, session, cache):
    os.makedirs(os.path.join(cache, 'sources'))
    with open(cached(cache, 'pkg-1.0.tar.gz'), 'wb') as f:
        f.write(OTHER)
    s = src(server, urls=('/up/missing',))
    with pytest.raises(FetchError) as e:
        fetch(s, cache, archive_uris=[], session=session, log=lambda m: None)
    assert not isinstance(e.value, ChecksumError)
    assert not os.path.exists(cached(cache, 'pkg-1.0.tar.gz'))
    assert os.listdir(os.path.join(cache, 'sources')) == []
    assert server.requests == ['/up/missing']


def test_fetch_error_lists_every_url_tried(server, session, cache):
    pool = 'pool/main/p/pkg/pkg_1.0.orig.tar.gz'
    refused = 'http://127.0.0.1:1/refused/pkg-1.0.tar.gz'     # nothing listens on port 1
    s = Source('pkg-1.0.tar.gz', len(GOOD), GOOD_SHA,
               urls=(server.url('/up/a'), refused, server.url('/up/b')), pool=pool)
    mirrors = [server.url('/m1'), server.url('/m2')]
    with pytest.raises(FetchError) as e:
        fetch(s, cache, archive_uris=mirrors, session=session)
    msg = str(e.value)
    expected = [server.url('/up/a'), refused, server.url('/up/b'),
                server.url('/m1/' + pool), server.url('/m2/' + pool)]
    positions = [msg.find(u) for u in expected]
    assert -1 not in positions, msg
    assert positions == sorted(positions), 'URLs are listed in the order tried'
    assert 'HTTP 404' in msg
    assert 'pkg-1.0.tar.gz' in msg and GOOD_SHA in msg
    assert os.listdir(os.path.join(cache, 'sources')) == []


def test_fetch_error_with_no_location_at_all(cache, session):
    s = Source('nowhere-1.0.tar.gz', 10, GOOD_SHA)
    with pytest.raises(FetchError) as e:
        fetch(s, cache, archive_uris=[], session=session)
    msg = str(e.value)
    assert 'nowhere-1.0.tar.gz' in msg and 'no location known' in msg


def test_size_none_verified_by_sha256_download(server, session, cache):
    server.files['/up/pkg-1.0.tar.gz'] = GOOD
    path = fetch(src(server, size=None), cache, archive_uris=[], session=session)
    with open(path, 'rb') as f:
        assert f.read() == GOOD


def test_size_none_bad_download_is_checksum_error(server, session, cache):
    big = OTHER + b'extra'
    server.files['/up/pkg-1.0.tar.gz'] = big
    s = src(server, size=None)
    with pytest.raises(ChecksumError) as e:
        fetch(s, cache, archive_uris=[], session=session)
    _assert_checksum_message(str(e.value), s, s.urls[0], hashlib.sha256(big).hexdigest())
    assert os.listdir(os.path.join(cache, 'sources')) == []


def test_size_none_cache_verified_by_sha256(server, session, cache):
    os.makedirs(os.path.join(cache, 'sources'))
    with open(cached(cache, 'pkg-1.0.tar.gz'), 'wb') as f:
        f.write(GOOD)
    fetch(src(server, size=None), cache, archive_uris=[], session=session)
    assert server.requests == []
    # Same name, other bytes: with no size to compare, the sha256 alone must catch it.
    with open(cached(cache, 'pkg-1.0.tar.gz'), 'wb') as f:
        f.write(OTHER)
    server.files['/up/pkg-1.0.tar.gz'] = GOOD
    path = fetch(src(server, size=None), cache, archive_uris=[], session=session,
                 log=lambda m: None)
    with open(path, 'rb') as f:
        assert f.read() == GOOD
    assert server.requests == ['/up/pkg-1.0.tar.gz']


def test_cached_second_form_used_before_any_request(server, session, cache):
    repack = b'debian repack\n' * 300
    first = src(server, 'pkg-1.0.tar.gz', urls=('/up/pkg-1.0.tar.gz',))
    second = Source('pkg_1.0.orig.tar.gz', len(repack), hashlib.sha256(repack).hexdigest(),
                    pool='pool/main/p/pkg/pkg_1.0.orig.tar.gz')
    server.files['/up/pkg-1.0.tar.gz'] = GOOD
    os.makedirs(os.path.join(cache, 'sources'))
    with open(cached(cache, second.filename), 'wb') as f:
        f.write(repack)
    path = fetch((first, second), cache, archive_uris=[server.url('/m1')], session=session)
    assert path == cached(cache, second.filename)
    assert server.requests == []


# Local directories ($STATICPYTHON_SOURCES): after the cache, before every network location.

@pytest.fixture(autouse=True)
def no_local_dirs_from_environment(monkeypatch):
    monkeypatch.delenv(SOURCE_DIRS_VARIABLE, raising=False)


def test_local_dirs_come_from_the_environment_in_order():
    assert local_dirs({SOURCE_DIRS_VARIABLE: '/a:/b::/c'}) == ('/a', '/b', '/c')
    assert local_dirs({}) == ()


def test_file_in_local_dir_is_copied_into_cache_without_request(server, session, cache, tmp_path,
                                                                 monkeypatch):
    server.files['/up/pkg-1.0.tar.gz'] = GOOD
    empty, full = tmp_path / 'empty', tmp_path / 'full'
    empty.mkdir()
    full.mkdir()
    (full / 'pkg-1.0.tar.gz').write_bytes(GOOD)
    monkeypatch.setenv(SOURCE_DIRS_VARIABLE, f'{empty}:{full}')
    path = fetch(src(server), cache, archive_uris=[], session=session)
    assert path == cached(cache, 'pkg-1.0.tar.gz')
    with open(path, 'rb') as f:
        assert f.read() == GOOD
    assert (full / 'pkg-1.0.tar.gz').read_bytes() == GOOD      # a copy: the original stays
    assert server.requests == [] and leftovers(cache) == []


def test_damaged_local_file_is_left_alone_and_the_network_serves(server, session, cache, tmp_path):
    server.files['/up/pkg-1.0.tar.gz'] = GOOD
    (tmp_path / 'pkg-1.0.tar.gz').write_bytes(OTHER)
    path = fetch(src(server), cache, archive_uris=[], session=session, local=(str(tmp_path),))
    with open(path, 'rb') as f:
        assert f.read() == GOOD
    assert (tmp_path / 'pkg-1.0.tar.gz').read_bytes() == OTHER
    assert server.requests == ['/up/pkg-1.0.tar.gz'] and leftovers(cache) == []


def test_fetch_error_names_each_local_dir_and_why(server, session, cache, tmp_path):
    (tmp_path / 'pkg-1.0.tar.gz').write_bytes(OTHER)
    missing, empty = tmp_path / 'missing', tmp_path / 'empty'
    empty.mkdir()
    with pytest.raises(FetchError) as e:
        fetch(src(server), cache, archive_uris=[], session=session,
              local=(str(missing), str(empty), str(tmp_path)))
    msg = str(e.value)
    assert f'{missing}: no such directory' in msg
    assert f'{empty}: no such file' in msg
    assert f'{tmp_path / "pkg-1.0.tar.gz"}: sha256 {OTHER_SHA}, expected {GOOD_SHA}' in msg
    assert SOURCE_DIRS_VARIABLE in msg
    assert os.listdir(os.path.join(cache, 'sources')) == []


def _git(*args, cwd=None):
    import subprocess
    env = dict(os.environ, GIT_AUTHOR_NAME='t', GIT_AUTHOR_EMAIL='t@example.org',
               GIT_COMMITTER_NAME='t', GIT_COMMITTER_EMAIL='t@example.org',
               GIT_AUTHOR_DATE='2014-10-12T00:00:00Z', GIT_COMMITTER_DATE='2014-10-12T00:00:00Z')
    return subprocess.run(['git', *args], cwd=cwd, env=env, check=True,
                          capture_output=True).stdout


@pytest.fixture
def tagged_repo(tmp_path):
    """A repository with a tag v1.0 and a later commit: (its path, the tag's commit, the
    exported tar's bytes)."""
    repo = tmp_path / 'upstream'
    repo.mkdir()
    _git('init', '--quiet', cwd=repo)
    (repo / 'README').write_text('release 1.0\n')
    _git('add', 'README', cwd=repo)
    _git('commit', '--quiet', '-m', 'one', cwd=repo)
    _git('tag', 'v1.0', cwd=repo)
    commit = _git('rev-parse', 'HEAD', cwd=repo).decode().strip()
    tar = _git('archive', '--format=tar', '--prefix=thing-1.0/', commit, cwd=repo)
    (repo / 'README').write_text('later\n')
    _git('commit', '--quiet', '-am', 'two', cwd=repo)
    return repo, commit, tar


def test_git_archive_of_a_pinned_tag(tagged_repo, cache):
    repo, commit, tar = tagged_repo
    src = Source('thing-1.0.tar', len(tar), hashlib.sha256(tar).hexdigest(),
                 git=(f'file://{repo}', 'v1.0', commit))
    path = fetch(src, cache, archive_uris=[], local=[])
    assert open(path, 'rb').read() == tar
    assert os.listdir(os.path.dirname(path)) == ['thing-1.0.tar']   # nothing else left


def test_git_tag_moved_to_another_commit_is_refused(tagged_repo, cache):
    repo, commit, tar = tagged_repo
    _git('tag', '-f', 'v1.0', 'HEAD', cwd=repo)          # now the later commit
    src = Source('thing-1.0.tar', len(tar), hashlib.sha256(tar).hexdigest(),
                 git=(f'file://{repo}', 'v1.0', commit))
    with pytest.raises(ChecksumError, match=f'the recipe pins {commit}'):
        fetch(src, cache, archive_uris=[], local=[])
    assert os.listdir(os.path.join(cache, 'sources')) == []


def test_git_archive_with_other_bytes_is_refused(tagged_repo, cache):
    repo, commit, tar = tagged_repo
    src = Source('thing-1.0.tar', len(tar), OTHER_SHA, git=(f'file://{repo}', 'v1.0', commit))
    with pytest.raises(ChecksumError, match='checksum mismatch for thing-1.0.tar from git archive'):
        fetch(src, cache, archive_uris=[], local=[])
    assert os.listdir(os.path.join(cache, 'sources')) == []


def test_unreachable_git_repository_is_named(tmp_path, cache):
    src = Source('thing-1.0.tar', 10, GOOD_SHA,
                 git=(f'file://{tmp_path}/missing', 'v1.0', '0' * 40))
    with pytest.raises(FetchError, match=r'git archive of file://.*/missing v1.0: git fetch exited'):
        fetch(src, cache, archive_uris=[], local=[])


# --- the package-index route (pkgindex.py): the file from its project's simple page

def _index(server, page_path, body):
    server.files[page_path] = body.encode()


def test_index_route_takes_the_linked_file_without_pip(server, session, cache, monkeypatch):
    from staticpython import pkgindex
    monkeypatch.setattr(pkgindex, 'pip_settings', lambda: {
        'indexes': [server.url('/empty/simple'), server.url('/simple')], 'cert': None})
    _index(server, '/simple/gevent-like/', '<html><body>'
           '<a href="../../files/ab/gevent_like-1.0.tar.gz#sha256=%s">gevent_like-1.0.tar.gz</a>'
           '<a href="../../files/ab/gevent_like-0.9.tar.gz">gevent_like-0.9.tar.gz</a>'
           '</body></html>' % GOOD_SHA)
    server.files['/files/ab/gevent_like-1.0.tar.gz'] = GOOD
    s = Source('gevent_like-1.0.tar.gz', len(GOOD), GOOD_SHA, index='Gevent_Like')
    path = fetch(s, cache, archive_uris=[], session=session, local=())
    assert open(path, 'rb').read() == GOOD
    assert server.requests == ['/empty/simple/gevent-like/', '/simple/gevent-like/',
                               '/files/ab/gevent_like-1.0.tar.gz']


def test_index_route_with_other_bytes_is_refused_and_not_kept(server, session, cache,
                                                              monkeypatch):
    from staticpython import pkgindex
    monkeypatch.setattr(pkgindex, 'pip_settings',
                        lambda: {'indexes': [server.url('/simple/')], 'cert': None})
    _index(server, '/simple/p/', '<a href="/f/p-1.tar.gz">p-1.tar.gz</a>')
    server.files['/f/p-1.tar.gz'] = OTHER
    with pytest.raises(ChecksumError):
        fetch(Source('p-1.tar.gz', len(GOOD), GOOD_SHA, index='p'), cache, archive_uris=[],
              session=session, local=())
    assert not os.path.exists(cached(cache, 'p-1.tar.gz')) and not leftovers(cache)


def test_index_route_names_each_index_that_lacks_the_file(server, session, cache, monkeypatch):
    from staticpython import pkgindex
    monkeypatch.setattr(pkgindex, 'pip_settings',
                        lambda: {'indexes': [server.url('/simple'), server.url('/none')],
                                 'cert': None})
    _index(server, '/simple/p/', '<a href="/f/p-0.9.tar.gz">p-0.9.tar.gz</a>')
    with pytest.raises(FetchError) as e:
        fetch(Source('p-1.tar.gz', len(GOOD), GOOD_SHA, index='p'), cache, archive_uris=[],
              session=session, local=())
    text = str(e.value)
    assert 'package index, project p' in text and 'lists no p-1.tar.gz' in text
    assert server.url('/none/p/') in text


def test_index_route_reads_a_file_index(tmp_path, cache, monkeypatch):
    from staticpython import pkgindex
    (tmp_path / 'simple' / 'p').mkdir(parents=True)
    (tmp_path / 'files').mkdir()
    (tmp_path / 'files' / 'p-1.tar.gz').write_bytes(GOOD)
    (tmp_path / 'simple' / 'p' / 'index.html').write_text(
        '<a href="../../files/p-1.tar.gz">p-1.tar.gz</a>')
    monkeypatch.setattr(pkgindex, 'pip_settings',
                        lambda: {'indexes': [(tmp_path / 'simple').as_uri()], 'cert': None})
    path = fetch(Source('p-1.tar.gz', len(GOOD), GOOD_SHA, index='p'), cache, archive_uris=[],
                 session=object(), local=())
    assert open(path, 'rb').read() == GOOD


def test_pip_names_its_indexes():
    from staticpython import pkgindex
    settings = pkgindex.pip_settings()
    assert settings['indexes'] and all('://' in url for url in settings['indexes'])
