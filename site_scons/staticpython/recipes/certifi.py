"""Mozilla's CA certificate bundle, as packaged by certifi: embedded in the interpreter
and used by ssl when the system has no CA store (an empty chroot, a scratch container)."""
from staticpython.sources import Source

NAME = 'certifi'
VERSION = '2026.10.18'
LICENSE = 'MPL-2.0'
SUMMARY = "Mozilla's CA certificates (embedded fallback for ssl)"
KIND = 'data'
DEPENDS = ()
SOURCES = (
    Source('certifi-2026.10.18.tar.gz', 135227,
           'b9995d97b64d0431a5af837d8ca8cd6238104d1f319f04bd93ea43124d6c861e',
           pip='certifi==2026.10.18'),
)
PRODUCTS = ('usr/share/certifi/cacert.pem',)


def build(b):
    b.install_files('usr/share/certifi', 'certifi/cacert.pem')
