"""pycryptodome compiled in (modules/pycryptodome.py), its native libraries built into the
interpreter and found by dlopen() of their names: AES (FIPS-197), SHA-256 (FIPS 180-2) and
RSA PKCS#1 v1.5 signing and verification (a NIST CAVS vector) give the published results,
through the portable AES code and, where the CPU has it, AES-NI; in the empty root with and
without /proc. The code run is valid Python 2.7 and 3. Skipped for flavors without it."""
import json

import pytest

from isolation import TARGET, Root, describe
from staticpython import extmodules
from versions import BIN, FLAVOR, VERSION

pytestmark = pytest.mark.skipif('pycryptodome' not in FLAVOR.extra_modules,
                                reason=f'{FLAVOR.name} has no pycryptodome built in '
                                       '(scons test modules=pycryptodome builds one that has)')

# NIST CAVS 11.4 SigGen15_186-3.txt (FIPS 186-3, RSASSA-PKCS1-v1_5): the [mod = 2048]
# key and its first SHA-256 message and signature.
RSA_N = (
    'cea80475324c1dc8347827818da58bac069d3419c614a6ea1ac6a3b510dcd72cc516954905e9fef908d4'
    '5e13006adf27d467a7d83c111d1a5df15ef293771aefb920032a5bb989f8e4f5e1b05093d3f130f984c0'
    '7a772a3683f4dc6fb28a96815b32123ccdd13954f19d5b8b24a103e771a34c328755c65ed64e1924ffd0'
    '4d30b2142cc262f6e0048fef6dbc652f21479ea1c4b1d66d28f4d46ef7185e390cbfa2e02380582f3188'
    'bb94ebbf05d31487a09aff01fcbb4cd4bfd1f0a833b38c11813c84360bb53c7d4481031c40bad8713bb6'
    'b835cb08098ed15ba31ee4ba728a8c8e10f7294e1b4163b7aee57277bfd881a6f9d43e02c6925aa3a043'
    'fb7fb78d')
RSA_E = 0x260445
RSA_D = (
    '0997634c477c1a039d44c810b2aaa3c7862b0b88d3708272e1e15f66fc9389709f8a11f3ea6a5af7effa'
    '2d01c189c50f0d5bcbe3fa272e56cfc4a4e1d388a9dcd65df8628902556c8b6bb6a641709b5a35dd2622'
    'c73d4640bfa1359d0e76e1f219f8e33eb9bd0b59ec198eb2fccaae0346bd8b401e12e3c67cb629569c18'
    '5a2e0f35a2f741644c1cca5ebb139d77a89a2953fc5e30048c0e619f07c8d21d1e56b8af07193d0fdf3f'
    '49cd49f2ef3138b5138862f1470bd2d16e34a2b9e7777a6c8c8d4cb94b4e8b5d616cd5393753e7b0f31c'
    'c7da559ba8e98d888914e334773baf498ad88d9631eb5fe32e53a4145bf0ba548bf2b0a50c63f67b14e3'
    '98a34b0d')
RSA_MSG = (
    '5af283b1b76ab2a695d794c23b35ca7371fc779e92ebf589e304c7f923d8cf976304c19818fcd89d6f07'
    'c8d8e08bf371068bdf28ae6ee83b2e02328af8c0e2f96e528e16f852f1fc5455e4772e288a68f159ca6b'
    'dcf902b858a1f94789b3163823e2d0717ff56689eec7d0e54d93f520d96e1eb04515abc70ae90578ff38'
    'd31b')
RSA_SIG = (
    '6b8be97d9e518a2ede746ff4a7d91a84a1fc665b52f154a927650db6e7348c69f8c8881f7bcf9b1a6d33'
    '66eed30c3aed4e93c203c43f5528a45de791895747ade9c5fa5eee81427edee02082147aa311712a6ad5'
    'fb1732e93b3d6cd23ffd46a0b3caf62a8b69957cc68ae39f9993c1a779599cdda949bdaababb77f248fc'
    'feaa44059be5459fb9b899278e929528ee130facd53372ecbc42f3e8de2998425860406440f248d81743'
    '2de687112e504d734028e6c5620fa282ca07647006cf0a2ff83e19a916554cc61810c2e855305db4e5cf'
    '893a6a96767365794556ff033359084d7e38a8456e68e21155b76151314a29875feee09557161cbc6545'
    '41e89e42')

CRYPTO = r'''
import json, sys
from binascii import hexlify, unhexlify
from Crypto.Cipher import AES
from Crypto.Hash import SHA256
from Crypto.PublicKey import RSA
from Crypto.Signature import pkcs1_15
from Crypto.Util import _cpu_features, _raw_api
n, e, d, msg, sig = [unhexlify(a) if i != 1 else a for i, a in enumerate(sys.argv[1:])]
out = {'backend': _raw_api.backend, 'aesni': bool(_cpu_features.have_aes_ni())}
# FIPS-197 appendix C.1: AES-128
key = unhexlify('000102030405060708090a0b0c0d0e0f')
plain = unhexlify('00112233445566778899aabbccddeeff')
out['aes'] = [hexlify(AES.new(key, AES.MODE_ECB, use_aesni=ni).encrypt(plain)).decode()
              for ni in (False, True)]
# FIPS 180-2 appendix B.1 and B.2
out['sha256'] = [SHA256.new(m).hexdigest() for m in
                 (b'abc', b'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')]
to_int = lambda b: int(hexlify(b), 16)
private = RSA.construct((to_int(n), int(e, 16), to_int(d)))
out['signed'] = pkcs1_15.new(private).sign(SHA256.new(msg)) == sig
pkcs1_15.new(private.publickey()).verify(SHA256.new(msg), sig)
try:
    pkcs1_15.new(private.publickey()).verify(SHA256.new(msg + b'x'), sig)
    out['tampered'] = 'accepted'
except ValueError:
    out['tampered'] = 'rejected'
out['library'] = _raw_api.load_pycryptodome_raw_lib('Crypto.Cipher._raw_aes', '')._name
print(json.dumps(out))
'''


@pytest.mark.parametrize('proc', [True, False], ids=['proc', 'noproc'])
def test_pycryptodome_gives_the_published_aes_sha256_and_rsa_results(python, proc):
    with Root() as root:
        root.add(BIN, copy_of=python)
        p = root.run([BIN, '-c', CRYPTO, RSA_N, hex(RSA_E), RSA_D, RSA_MSG, RSA_SIG],
                     proc=proc, env={'PATH': '/bin'})
    assert p.returncode == 0, describe(p)
    out = json.loads(p.stdout)
    assert out['backend'] == 'ctypes'
    assert out['aes'] == ['69c4e0d86a7b0430d8cdb78070b4c55a'] * 2, out
    assert out['sha256'] == [
        'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
        '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1']
    assert out['signed'] is True and out['tampered'] == 'rejected', out
    assert out['library'] == 'Crypto.Cipher._raw_aes'      # the built-in, not a file


def test_a_native_library_that_is_not_built_in_is_reported_by_name(python):
    code = ('from Crypto.Util._raw_api import load_pycryptodome_raw_lib\n'
            'load_pycryptodome_raw_lib("Crypto.Cipher._raw_nosuch", "")\n')
    with Root() as root:
        root.add(BIN, copy_of=python)
        p = root.run([BIN, '-c', code], env={'PATH': '/bin'})
    assert p.returncode == 1, describe(p)
    assert "Cannot load native module 'Crypto.Cipher._raw_nosuch'" in p.stderr, describe(p)
    assert 'Not built in: Crypto.Cipher._raw_nosuch' in p.stderr, describe(p)


LOAD_ALL = r'''
import json, sys
from Crypto.Util._raw_api import load_pycryptodome_raw_lib
found = {}
for name in sys.argv[1:]:
    try:
        found[name] = load_pycryptodome_raw_lib(name, '')._name
    except OSError as e:
        found[name] = str(e)
print(json.dumps(found))
'''


def test_every_native_library_of_the_target_is_built_in_and_no_other(python):
    """Each library of the module's data built for this target is found by name; those
    for another CPU's instructions are not (the package's code loads them only there)."""
    release = extmodules.release_for(extmodules.load()['pycryptodome'], VERSION)
    libraries = release.native_libraries
    here = [lib.name for lib in libraries if not lib.targets or TARGET.name in lib.targets]
    elsewhere = [lib.name for lib in libraries if lib.name not in here]
    with Root() as root:
        root.add(BIN, copy_of=python)
        p = root.run([BIN, '-c', LOAD_ALL] + here + elsewhere, env={'PATH': '/bin'})
    assert p.returncode == 0, describe(p)
    found = json.loads(p.stdout)
    assert {n: found[n] for n in here} == {n: n for n in here}
    assert all('Not built in' in found[n] for n in elsewhere), found
    assert len(here) >= 40
