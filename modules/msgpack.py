"""msgpack: MessagePack serialization, with its C extension (the original's largest flavor
had it). Its sdist ships the C that Cython generated, so nothing runs Cython here."""
from staticpython.extmodules import Release
from staticpython.sources import Source

NAME = 'msgpack'
LICENSE = 'Apache-2.0'
SUMMARY = 'MessagePack (binary JSON-like) serializer, C accelerated'
LIBRARIES = ()

RELEASES = (
    Release(
        version='1.2.4', python='>=3.10',
        source=Source('msgpack-1.2.4.tar.gz', 197764,
                      '475c44e12f2a5de766a8448783f149c9b33f3f49b88953c6cd739a77d93c732c',
                      pip='msgpack==1.2.4'),
        sources=('msgpack/_cmsgpack.c',),
        include_dirs=('.',),                         # its setup.py's
        builtins={'msgpack._cmsgpack': '_cmsgpack'},
        python_parts=('msgpack',),
    ),
)
