"""pycryptodome: ciphers, hashes, public-key cryptography (the original's stacklessco2.7 had
its ancestor, pycrypto). Its native parts are not Python extensions but shared libraries
that its Python code loads with ctypes: they are NativeLibrary entries here, compiled in,
and patch 0001 of each release makes its loader ask dlopen() for them by name first.

The flags are what its setup.py (compiler_opt.set_compiler_options) finds for GCC on each
CPU: the common macros per target, and the libraries for one CPU's instructions (AES-NI,
SHA-NI, AVX2, ARMv8 crypto...) only where GCC can emit them; its code checks the CPU before
it loads one of those."""
from staticpython.extmodules import NativeLibrary, Release
from staticpython.sources import Source

NAME = 'pycryptodome'
LICENSE = 'BSD-2-Clause AND Unlicense'
SUMMARY = 'cryptography: AES, ChaCha20, SHA-2/3, BLAKE2, RSA, ECC, EdDSA, ML-KEM/ML-DSA'
LIBRARIES = ()

_X86 = ('linux-x86_64', 'linux-i386')
_X86_64 = ('linux-x86_64',)
_AARCH64 = ('linux-aarch64',)

# setup.py's macros for every library: stdint.h and posix_memalign(), the byte order, the
# word size, __uint128_t (64-bit CPUs), cpuid.h and SSE2 (x86; i386 also realigns the
# stack, which 32-bit callers align to 4 bytes only).
_TARGET_FLAGS = {
    'linux-x86_64': ('-DPYCRYPTO_LITTLE_ENDIAN', '-DSYS_BITS=64', '-DHAVE_UINT128',
                     '-DHAVE_CPUID_H', '-DHAVE_X86INTRIN_H', '-DUSE_SSE2', '-msse2'),
    'linux-i386': ('-DPYCRYPTO_LITTLE_ENDIAN', '-DSYS_BITS=32', '-DHAVE_CPUID_H',
                   '-DHAVE_X86INTRIN_H', '-DUSE_SSE2', '-msse2', '-mstackrealign'),
    'linux-aarch64': ('-DPYCRYPTO_LITTLE_ENDIAN', '-DSYS_BITS=64', '-DHAVE_UINT128'),
    'linux-armv7': ('-DPYCRYPTO_LITTLE_ENDIAN', '-DSYS_BITS=32'),
    'linux-riscv64': ('-DPYCRYPTO_LITTLE_ENDIAN', '-DSYS_BITS=64', '-DHAVE_UINT128'),
    'linux-ppc64le': ('-DPYCRYPTO_LITTLE_ENDIAN', '-DSYS_BITS=64', '-DHAVE_UINT128'),
    'linux-s390x': ('-DPYCRYPTO_BIG_ENDIAN', '-DSYS_BITS=64', '-DHAVE_UINT128'),
}
_CFLAGS = ('-DHAVE_STDINT_H', '-DHAVE_POSIX_MEMALIGN')

# 4.4.0's libraries for every CPU: dotted name -> its C files in src/.
_PORTABLE_4 = {
    'Crypto.Hash._MD2': ('MD2',), 'Crypto.Hash._MD4': ('MD4',), 'Crypto.Hash._MD5': ('MD5',),
    'Crypto.Hash._SHA1': ('SHA1',), 'Crypto.Hash._SHA224': ('SHA224',),
    'Crypto.Hash._SHA256': ('SHA256',), 'Crypto.Hash._SHA384': ('SHA384',),
    'Crypto.Hash._SHA512': ('SHA512',), 'Crypto.Hash._RIPEMD160': ('RIPEMD160',),
    'Crypto.Hash._keccak': ('keccak',), 'Crypto.Hash._k12': ('k12',),
    'Crypto.Hash._BLAKE2b': ('blake2b',), 'Crypto.Hash._BLAKE2s': ('blake2s',),
    'Crypto.Hash._ghash_portable': ('ghash_portable',), 'Crypto.Hash._poly1305': ('poly1305',),
    'Crypto.Cipher._raw_aes': ('AES',), 'Crypto.Cipher._raw_arc2': ('ARC2',),
    'Crypto.Cipher._raw_blowfish': ('blowfish',),
    'Crypto.Cipher._raw_eksblowfish': ('blowfish_eks',), 'Crypto.Cipher._raw_cast': ('CAST',),
    'Crypto.Cipher._raw_des': ('DES',), 'Crypto.Cipher._raw_des3': ('DES3',),
    'Crypto.Util._cpuid_c': ('cpuid',), 'Crypto.Cipher._pkcs1_decode': ('pkcs1_decode',),
    'Crypto.Cipher._raw_ecb': ('raw_ecb',), 'Crypto.Cipher._raw_cbc': ('raw_cbc',),
    'Crypto.Cipher._raw_cfb': ('raw_cfb',), 'Crypto.Cipher._raw_ofb': ('raw_ofb',),
    'Crypto.Cipher._raw_ctr': ('raw_ctr',), 'Crypto.Cipher._raw_ocb': ('raw_ocb',),
    'Crypto.Cipher._ARC4': ('ARC4',), 'Crypto.Cipher._Salsa20': ('Salsa20',),
    'Crypto.Cipher._chacha20': ('chacha20',), 'Crypto.Protocol._scrypt': ('scrypt',),
    'Crypto.Util._strxor': ('strxor',), 'Crypto.PublicKey._ec_nat': ('ec_nat_module',),
    'Crypto.PublicKey._curve25519': ('curve25519',), 'Crypto.PublicKey._ed25519': ('ed25519',),
    'Crypto.PublicKey._mldsa': ('mldsa',), 'Crypto.PublicKey._mlkem': ('mlkem',),
    'Crypto.Math._nat': ('nat', 'nat_div', 'nat_mod', 'nat_gcd', 'nat_prime'),
}
# 4.4.0's libraries for one CPU's instructions: (flags, targets, {name: C files}).
_SPECIFIC_4 = (
    (('-maes',), _X86, {'Crypto.Cipher._raw_aesni': ('AESNI',)}),
    (('-mpclmul', '-mssse3', '-DHAVE_WMMINTRIN_H', '-DHAVE_TMMINTRIN_H'), _X86,
     {'Crypto.Hash._ghash_clmul': ('ghash_clmul',)}),
    (('-msha', '-msse4.1'), _X86,
     {'Crypto.Hash._SHA224_shani': ('SHA224_shani',),
      'Crypto.Hash._SHA256_shani': ('SHA256_shani',)}),
    # _andn_u64 and _bzhi_u64 exist on x86-64 only, MULX/ADCX/ADOX on 64-bit registers
    (('-mavx2', '-mbmi', '-mbmi2'), _X86_64,
     {'Crypto.Hash._keccak_avx2_bmi2': ('keccak_avx2_bmi2',),
      'Crypto.Hash._k12_avx2_bmi2': ('k12_avx2_bmi2',),
      'Crypto.Cipher._Salsa20_avx2_bmi2': ('Salsa20_avx2_bmi2',),
      'Crypto.Cipher._chacha20_avx2_bmi2': ('chacha20_avx2_bmi2',),
      'Crypto.PublicKey._mldsa_avx2_bmi2': ('mldsa_avx2_bmi2',),
      'Crypto.PublicKey._mlkem_avx2_bmi2': ('mlkem_avx2_bmi2',)}),
    (('-mbmi2', '-madx'), _X86_64,
     {'Crypto.Math._nat_bmi2_adx': ('nat_bmi2_adx',),
      'Crypto.PublicKey._ec_nat_bmi2_adx': ('ec_nat_bmi2_adx',)}),
    (('-march=armv8-a+crypto',), _AARCH64,
     {'Crypto.Cipher._raw_aes_armv8': ('AES_armv8',),
      'Crypto.Hash._ghash_pmull': ('ghash_pmull',),
      'Crypto.Hash._SHA224_armv8': ('SHA224_armv8',),
      'Crypto.Hash._SHA256_armv8': ('SHA256_armv8',)}),
    (('-march=armv8.2-a+sha3',), _AARCH64,
     {'Crypto.Hash._SHA384_armv8': ('SHA384_armv8',),
      'Crypto.Hash._SHA512_armv8': ('SHA512_armv8',)}),
)

# 3.24.1's (the newest for Python 2.7), as above.
_PORTABLE_3 = {n: f for n, f in _PORTABLE_4.items()
               if n.split('.')[-1] not in ('_k12', '_ec_nat', '_mldsa', '_mlkem', '_nat')} | {
    'Crypto.PublicKey._ec_ws': ('ec_ws', 'mont', 'p256_table', 'p384_table', 'p521_table'),
    'Crypto.PublicKey._curve448': ('curve448', 'mont1'),
    'Crypto.PublicKey._ed448': ('ed448', 'mont2'),
    'Crypto.Math._modexp': ('modexp', 'mont3'),
}
_SPECIFIC_3 = _SPECIFIC_4[:2]                  # AES-NI and CLMUL


def _libraries(portable, specific):
    out = [NativeLibrary(n, tuple(f'src/{f}.c' for f in files))
           for n, files in sorted(portable.items())]
    for flags, targets, libs in specific:
        out += [NativeLibrary(n, tuple(f'src/{f}.c' for f in files), flags, targets)
                for n, files in sorted(libs.items())]
    return tuple(out)


RELEASES = (
    Release(
        version='4.4.0', python='>=3.9',
        source=Source('pycryptodome-4.4.0.tar.gz', 1825611,
                      'eab7620c60c85f3fa251d026ec06e094f036d96187bebb9752e46fbcebabbb55',
                      pip='pycryptodome==4.4.0'),
        sources=(), builtins={},
        include_dirs=('src',),
        cflags=_CFLAGS, target_flags=_TARGET_FLAGS,
        native_libraries=_libraries(_PORTABLE_4, _SPECIFIC_4),
        python_parts=('lib/Crypto',),
    ),
    Release(
        version='3.24.1', python='==2.7',
        source=Source('pycryptodome-3.24.1.tar.gz', 4932558,
                      '3f9e74444c0ecbec7af232a95d282c74b114d53212ce075ed17b7fd7dca32bb3',
                      pip='pycryptodome==3.24.1'),
        sources=(), builtins={},
        include_dirs=('src', 'src/libtom'),
        cflags=_CFLAGS + ('-DLTC_NO_ASM',),     # no assembly in its libtomcrypt files
        target_flags=_TARGET_FLAGS,
        native_libraries=_libraries(_PORTABLE_3, _SPECIFIC_3),
        python_parts=('lib/Crypto',),
    ),
)
