"""CA certificates for ssl's default contexts in a StaticPython interpreter.

ssl.SSLContext.load_default_certs() calls load_default_cas() after OpenSSL's own
set_default_verify_paths(). Order: $SSL_CERT_FILE / $SSL_CERT_DIR (OpenSSL already
honoured them: nothing to add), else the first CA bundle found at the usual places of
Linux distributions and BSDs, else the bundle embedded in this executable (Mozilla's
CA list as packaged by certifi; the version is in PROVENANCE.md).
"""
import os

SYSTEM_CA_FILES = (
    '/etc/ssl/certs/ca-certificates.crt',                 # Debian, Ubuntu, Alpine, Arch, Gentoo
    '/etc/pki/tls/certs/ca-bundle.crt',                   # Fedora, RHEL, CentOS
    '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',  # RHEL, CentOS 7+
    '/etc/ssl/ca-bundle.pem',                             # openSUSE, SLES
    '/etc/pki/tls/cacert.pem',                            # OpenELEC
    '/etc/ssl/cert.pem',                                  # Alpine, macOS, BSDs
    '/usr/local/share/certs/ca-root-nss.crt',             # FreeBSD
)
EMBEDDED = '_staticpython_cacert.pem'


def system_ca_file():
    """The first CA bundle file of the system, or None."""
    for path in SYSTEM_CA_FILES:
        if os.path.isfile(path):
            return path
    return None


def embedded_cas():
    """The PEM text of the CA bundle stored beside this module (inside the executable)."""
    here = os.path.dirname(__file__)
    return __loader__.get_data(os.path.join(here, EMBEDDED)).decode('ascii')


def load_default_cas(context):
    if os.environ.get('SSL_CERT_FILE') or os.environ.get('SSL_CERT_DIR'):
        return
    path = system_ca_file()
    if path:
        context.load_verify_locations(cafile=path)
    else:
        context.load_verify_locations(cadata=embedded_cas())
