"""The standard library's files, as tools that read them by path see them: module __file__
and spec origins, linecache, inspect, pdb, warnings, pydoc (its links and its web server's
style sheet), DocXMLRPCServer, and importlib.resources. The modules live in the ZIP
appended to the executable; every one of these must work as it does with a library on disk.
Each runs in a root holding only the interpreter (and the files a test adds)."""
import io
import re
import zipfile

import pytest

from isolation import Root, describe, last_json
from versions import BIN, THIS, has, requires, source

ENV = {'PATH': '/bin', 'LANG': 'C.UTF-8', 'TERM': 'dumb', 'PAGER': 'cat'}


@pytest.fixture(scope='module')
def root(python):
    with Root() as root:
        root.add(BIN, copy_of=python)
        # 3.2's pydoc server binds the name localhost, which musl resolves from here only
        root.add('/etc/hosts', '127.0.0.1 localhost\n')
        yield root


@pytest.fixture(scope='module')
def stdlib(python):
    """Source text of a standard-library file, read from the executable's ZIP on the host."""
    def read(name):
        with zipfile.ZipFile(python) as z:
            return z.read(name).decode('utf-8')
    return read


def run(root, argv, stdin=None, env=None):
    return root.run(argv, tmpfs=('/tmp',), env=dict(ENV, **(env or {})), stdin=stdin)


# What names a module's source: fact -> (the feature it needs, or None; its code; the
# expected value). A series without the feature has no such fact.
FILE_FACTS = {
    'file': (None, 'json.__file__', f'{BIN}/json/__init__.py'),
    'submodule': (None, 'json.decoder.__file__', f'{BIN}/json/decoder.py'),
    'repr': (None, 'repr(json)', f"<module 'json' from '{BIN}/json/__init__.py'>"),
    'origin': ('module_spec', 'json.__spec__.origin', f'{BIN}/json/__init__.py'),
    'code': (None, 'json.dumps.__code__.co_filename', f'{BIN}/json/__init__.py'),
    'abc': ('collections_abc', '__import__("collections.abc", fromlist=["*"]).__file__',
            f'{BIN}/{THIS.abc_file}'),
}
FILE_FACTS = {k: v for k, (feature, *v) in FILE_FACTS.items() if has(feature)}


def test_module_files_name_their_source(root):
    code = ('import json, json.decoder; print(json.dumps({%s}))' %
            ', '.join(f'"{name}": {code}' for name, (code, _) in FILE_FACTS.items()))
    facts = last_json(run(root, [BIN, '-c', code]))
    assert facts == {name: value for name, (_, value) in FILE_FACTS.items()}, facts


def test_run_module_sees_its_source_path(root):
    p = run(root, [BIN, '-m', 'tabnanny'])
    assert p.returncode == THIS.usage_exit_status, describe(p)
    assert p.stderr.startswith(f'Usage: {BIN}/tabnanny.py [-v] file_or_directory'), describe(p)


def test_linecache_reads_a_stdlib_file_without_module_globals(root, stdlib):
    code = ('import json, linecache; '
            'print(json.dumps([linecache.getline(json.__path__[0] + "/decoder.py", n) '
            'for n in (1, 2, 3)]))')
    lines = last_json(run(root, [BIN, '-c', code]))
    assert lines == [line + '\n' for line in stdlib('json/decoder.py').splitlines()[:3]], lines
    assert lines[0].strip()


def test_warning_shows_the_stdlib_source_line(root, stdlib):
    code = ('import json, warnings; '
            'warnings.warn_explicit("look here", UserWarning, json.__file__, 4)')
    p = run(root, [BIN, '-c', code])
    assert p.returncode == 0, describe(p)
    line = stdlib('json/__init__.py').splitlines()[3]
    assert p.stderr == f'{BIN}/json/__init__.py:4: UserWarning: look here\n  {line.strip()}\n', \
        describe(p)


def test_inspect_getsource_of_a_stdlib_class(root, stdlib):
    module, name, first, file = THIS.stdlib_class
    code = (f'import {module}, inspect, json; '
            f'print(json.dumps(inspect.getsource({module}.{name})))')
    source = last_json(run(root, [BIN, '-c', code]))
    assert source.startswith(first + '\n'), source
    assert source in stdlib(file)


def test_pdb_breaks_in_a_stdlib_function(root, stdlib):
    root.add('/dumper.py', 'import json\nprint(json.dumps([1, 2]))\n')
    p = run(root, [BIN, '-m', 'pdb', '/dumper.py'],
            stdin='next\nbreak json.dumps\ncontinue\np obj\ncontinue\n')
    assert p.returncode == 0, describe(p)
    m = re.search(f'Breakpoint 1 at {re.escape(BIN)}/json/__init__.py:(\\d+)\n', p.stdout)
    assert m, describe(p)
    lines = stdlib('json/__init__.py').splitlines()
    at = int(m.group(1))
    if THIS.pdb_breakpoint_at_def:    # it stops at the first line of the body
        assert lines[at - 1].startswith('def dumps('), lines[at - 1]
        stop = re.search(f'> {re.escape(BIN)}/json/__init__.py\\((\\d+)\\)dumps\\(\\)\n', p.stdout)
        assert stop and int(stop.group(1)) > at, describe(p)
        at = int(stop.group(1))
    line = lines[at - 1].strip()
    assert f'> {BIN}/json/__init__.py({at})dumps()\n-> {line}\n(Pdb) [1, 2]\n' in p.stdout, \
        describe(p)


def test_help_links_the_module_reference(root):
    p = run(root, [BIN, '-c', "help('json')"])
    assert p.returncode == 0, describe(p)
    reference = f'\n{THIS.docs_heading}\n    {THIS.json_docs}\n'
    assert reference in p.stdout, describe(p)


SERVE_CSS = '''
import json, sys, threading, urllib.request
which = sys.argv[1]
if which == "pydoc":
    import pydoc
    server = pydoc._start_server(pydoc._url_handler, hostname="127.0.0.1", port=0)
    base = "http://127.0.0.1:%d/" % server.port
    url = base + "pydoc_data/_pydoc.css"
else:
    from xmlrpc.server import DocXMLRPCServer
    server = DocXMLRPCServer(("127.0.0.1", 0), logRequests=False)
    serving = threading.Thread(target=server.serve_forever)
    serving.daemon = True
    serving.start()
    base = "http://127.0.0.1:%d/" % server.server_address[1]
    url = base + "pydoc.css"
index = urllib.request.urlopen(base, timeout=30).read().decode()
with urllib.request.urlopen(url, timeout=30) as r:
    css = [r.status, r.headers.get_content_type(), r.read().decode()]
server.stop() if which == "pydoc" else server.shutdown()
print(json.dumps({"css": css, "links_css": "_pydoc.css" in index or "pydoc.css" in index}))
'''


@pytest.mark.parametrize('server', [
    pytest.param('pydoc', marks=requires('pydoc_css')),
    pytest.param('xmlrpc', marks=requires('xmlrpc_css'))])
def test_servers_serve_the_pydoc_style_sheet(root, stdlib, server):
    result = last_json(run(root, [BIN, '-c', source(SERVE_CSS), server]))
    status, content_type, css = result['css']
    assert (status, content_type) == (200, 'text/css'), result
    assert css == stdlib('pydoc_data/_pydoc.css'), result
    assert result['links_css'] is True, result


def _zip_of(files):
    data = io.BytesIO()
    with zipfile.ZipFile(data, 'w') as z:
        for name, text in files.items():
            z.writestr(name, text)
    return data.getvalue()


ANCHOR = '' if has('files_of_caller') else '__name__'    # versions.py says why
FILES = f'import importlib.resources\nFILES = importlib.resources.files({ANCHOR})\n'
PACKAGE = {
    'mypkg/__init__.py': FILES,
    'mypkg/data.txt': 'package data\n',
    'mypkg/sub/__init__.py': FILES,
}
RESOURCES = ('import json, mypkg, mypkg.sub; print(json.dumps([str(mypkg.FILES).rstrip("/"), '
             'mypkg.FILES.joinpath("data.txt").read_text(), str(mypkg.sub.FILES).rstrip("/")]))')


@requires('importlib_resources')
@pytest.mark.parametrize('where', ['zip', 'directory'])
def test_importlib_resources_files_of_the_calling_package(python, where):
    with Root() as root:
        root.add(BIN, copy_of=python)
        if where == 'zip':
            root.add('/work/pkgs.zip', _zip_of(PACKAGE))
            entry = '/work/pkgs.zip'
        else:
            for name, text in PACKAGE.items():
                root.add(f'/work/pkgs/{name}', text)
            entry = '/work/pkgs'
        files, data, sub = last_json(run(root, [BIN, '-c', RESOURCES], env={'PYTHONPATH': entry}))
    assert (files, data, sub) == (f'{entry}/mypkg', 'package data\n', f'{entry}/mypkg/sub')
