"""gevent: coroutine-based networking on greenlet and libev (the original's stacklessco2.7
had it), with its Cython-compiled modules and the libev and c-ares its sdist bundles,
configured for the target and compiled in (gevent.libev.corecext, gevent.resolver.cares).
The sdist comes from the package index's page (Source.index): pip would build it first."""
from staticpython.extmodules import Release, Unit
from staticpython.sources import Source

NAME = 'gevent'
LICENSE = 'MIT'
SUMMARY = 'coroutine networking (libev event loop, c-ares resolver) on greenlet'
LIBRARIES = ()
REQUIRES = ('greenlet', 'zope.event', 'zope.interface')

# Its Cython modules: the C file in the sdist -> the built-in module's last name.
_CYTHON = {
    '_abstract_linkable': '_gevent_c_abstract_linkable', '_greenlet_primitives':
    '_gevent_c_greenlet_primitives', '_hub_local': '_gevent_c_hub_local',
    '_hub_primitives': '_gevent_c_hub_primitives', '_ident': '_gevent_c_ident',
    '_imap': '_gevent_c_imap', '_semaphore': '_gevent_c_semaphore', '_tracer':
    '_gevent_c_tracer', '_waiter': '_gevent_c_waiter', 'event': '_gevent_cevent',
    'greenlet': '_gevent_cgreenlet', 'local': '_gevent_clocal', 'queue': '_gevent_cqueue',
}
# libev embedded in corecext as gevent's setup embeds it (_setuplibev.py): the watchers
# gevent uses, the realtime and monotonic clocks.
_LIBEV = ('-DLIBEV_EMBED=1', '-DEV_COMMON=', '-DEV_CLEANUP_ENABLE=0', '-DEV_EMBED_ENABLE=0',
          '-DEV_PERIODIC_ENABLE=0', '-DEV_USE_REALTIME=1', '-DEV_USE_MONOTONIC=1',
          '-DEV_USE_FLOOR=1')
_CONFIGURE = ('sh', './configure', '--host={host}', '--build={build}',
              '--disable-dependency-tracking', '--disable-shared', '--enable-static')
# What the releases share: the 13 Cython modules' C files, beside which Cython's output
# includes its headers by their path in the sdist (and greenlet/greenlet.h from deps/);
# corecext with libev embedded; c-ares's _setupares.py flags; the built-in modules.
_SOURCES = tuple(f'src/gevent/{c}.c' for c in sorted(_CYTHON))
_INCLUDE_DIRS = ('.', 'deps')
_CORECEXT = Unit(('src/gevent/libev/corecext.c', 'src/gevent/libev/callbacks.c'),
                 include_dirs=('src/gevent/libev', 'deps/libev'), cflags=_LIBEV)
_CARES_CFLAGS = ('-DHAVE_CONFIG_H', '-DCARES_EMBED=1')
_CONFIGURE_ALL = (('deps/libev', _CONFIGURE),
                  ('deps/c-ares', _CONFIGURE + ('--disable-tests',)))
_BUILTINS = dict({f'gevent.{m}': m for m in _CYTHON.values()},
                 **{'gevent.libev.corecext': 'corecext', 'gevent.resolver.cares': 'cares'})

RELEASES = (
    Release(
        version='26.9.0', python='>=3.10',
        source=Source('gevent-26.9.0.tar.gz', 6718097,
                      '4dd4703d71737a456c1c9df5cd43a82934e5b10c87549caa02495f487d1ef0b1',
                      index='gevent'),
        sources=_SOURCES, include_dirs=_INCLUDE_DIRS,
        units=(
            _CORECEXT,
            Unit(('src/gevent/resolver/cares.c', 'deps/c-ares/src/lib/*.c',
                  *(f'deps/c-ares/src/lib/{d}/*.c'
                    for d in ('dsa', 'str', 'record', 'util', 'event', 'legacy'))),
                 include_dirs=('deps/c-ares/include', 'deps/c-ares/src/lib',
                               'deps/c-ares/src/lib/include'),
                 cflags=_CARES_CFLAGS),
        ),
        configure=_CONFIGURE_ALL, builtins=_BUILTINS,
        python_parts=('src/gevent',),
    ),
    # The last release for 2.7: Cython 3.0.0a11's C in the sdist; c-ares 1.18, all of
    # whose library sources sit in one directory.
    Release(
        version='22.10.2', python='==2.7',
        source=Source('gevent-22.10.2.tar.gz', 6551607,
                      '1ca01da176ee37b3527a2702f7d40dbc9ffb8cfc7be5a03bfa4f9eec45e55c46',
                      index='gevent'),
        sources=_SOURCES, include_dirs=_INCLUDE_DIRS,
        units=(
            _CORECEXT,
            Unit(('src/gevent/resolver/cares.c', 'deps/c-ares/src/lib/*.c'),
                 include_dirs=('deps/c-ares/include', 'deps/c-ares/src/lib'),
                 cflags=_CARES_CFLAGS),
        ),
        configure=_CONFIGURE_ALL, builtins=_BUILTINS,
        python_parts=('src/gevent',),
    ),
)
