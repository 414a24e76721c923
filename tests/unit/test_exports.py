"""The table of exported C API symbols that dlsym() searches in the static interpreter."""
import re

from staticpython import exports

NM = '''\

object.o:
0000000000000000 T PyObject_Repr
0000000000000010 t static_helper
                 U PyErr_Occurred
0000000000000000 D PyExc_TypeError
0000000000000000 B _Py_SwappedOp
0000000000000000 R Py_Version
'''


def test_declared_names_from_the_stable_abi_and_public_headers(tmp_path):
    (tmp_path / 'Misc').mkdir()
    (tmp_path / 'Misc' / 'stable_abi.toml').write_text(
        "[function.PyObject_Repr]\n    added = '3.2'\n[data.PyExc_TypeError]\n"
        "[struct.PyObject]\n[macro.Py_INCREF]\n[function.PyOS_AfterFork]\n    ifdef = 'HAVE_FORK'\n")
    (tmp_path / 'Include' / 'cpython').mkdir(parents=True)
    (tmp_path / 'Include' / 'object.h').write_text(
        'PyAPI_FUNC(PyObject *) PyObject_Str(PyObject *);\n'
        'PyAPI_DATA(char *(*)(FILE *, FILE *, const char *)) PyOS_ReadlineFunctionPointer;\n')
    (tmp_path / 'Include' / 'cpython' / 'pydebug.h').write_text(
        'Py_DEPRECATED(3.12) PyAPI_DATA(int) Py_OptimizeFlag;\n')
    (tmp_path / 'Include' / 'internal').mkdir()
    (tmp_path / 'Include' / 'internal' / 'x.h').write_text(
        'PyAPI_FUNC(int) _PyInternal(void);\nextern int _Py_not_exported;\n')
    assert exports.declared_names(str(tmp_path)) == {
        'PyObject_Repr', 'PyExc_TypeError', 'PyOS_AfterFork', 'PyObject_Str',
        'PyOS_ReadlineFunctionPointer', 'Py_OptimizeFlag', '_PyInternal'}


def test_defined_symbols_are_global_definitions_only():
    assert exports.defined_symbols(NM) == {'PyObject_Repr', 'PyExc_TypeError', '_Py_SwappedOp',
                                           'Py_Version'}


def test_header_is_sorted_for_bsearch_and_uses_assembler_names():
    text = exports.header_text({'Py_b', 'PyA', 'Py_a'})
    names = re.findall(r'^    \{"(\w+)", sp_export_(\d+)\},$', text, re.M)
    assert [n for n, _ in names] == sorted(['Py_b', 'PyA', 'Py_a'])   # strcmp order
    for name, index in names:
        assert f'extern char sp_export_{index}[] __asm__("{name}");' in text
