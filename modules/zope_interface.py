"""zope.interface: interfaces and adapters, which gevent requires; with its C optimizations
(the pure-Python code is used where they are missing)."""
from staticpython.extmodules import Release
from staticpython.sources import Source

NAME = 'zope.interface'
LICENSE = 'ZPL-2.1'
SUMMARY = 'interfaces and adapters (gevent requires it), C optimizations built in'
LIBRARIES = ()

RELEASES = (
    Release(
        version='8.7', python='>=3.11',
        source=Source('zope_interface-8.7.tar.gz', 266343,
                      '0b47b62e8d0d99b24bcdd32f4f2120425e5019c3bee2ad69a0e1d75737487a96',
                      pip='zope.interface==8.7'),
        sources=('src/zope/interface/_zope_interface_coptimizations.c',),
        builtins={'zope.interface._zope_interface_coptimizations':
                  '_zope_interface_coptimizations'},
        python_parts=('src/zope',),                  # the namespace package zope
    ),
    # The last release for 2.7; its zope/__init__.py is patched (pkg_resources is not ours).
    Release(
        version='5.5.2', python='==2.7',
        source=Source('zope.interface-5.5.2.tar.gz', 300533,
                      'bfee1f3ff62143819499e348f5b8a7f3aa0259f9aca5e0ddae7391d059dce671',
                      pip='zope.interface==5.5.2'),
        sources=('src/zope/interface/_zope_interface_coptimizations.c',),
        builtins={'zope.interface._zope_interface_coptimizations':
                  '_zope_interface_coptimizations'},
        python_parts=('src/zope',),
    ),
)
