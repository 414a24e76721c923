"""ctypes reaches the interpreter's own C API: ctypes.pythonapi, CDLL(None) and
CDLL(sys.executable) find the functions and variables of CPython's stable ABI and public
headers in the static executable's table of exports, as they find them in a shared
libpython. Loading a shared library still fails with an error, never a crash."""
from isolation import Root, describe, last_json
from versions import BIN, source

# Valid 2.7 and 3.x code, the C API's names spelled for the series (source()).
CAPI = source('''
import ctypes, json, sys, threading, time
api = ctypes.pythonapi
api.PyLong_FromLong.restype = ctypes.py_object
api.PyLong_FromLong.argtypes = [ctypes.c_long]
api.PyUnicode_FromString.restype = ctypes.py_object
api.PyUnicode_FromString.argtypes = [ctypes.c_char_p]


class Stop(Exception):
    pass


stopped = []


def loop():
    try:
        while True:
            time.sleep(0.01)
    except Stop:
        stopped.append(True)


worker = threading.Thread(target=loop)
worker.start()
time.sleep(0.1)
api.PyThreadState_SetAsyncExc.argtypes = [ctypes.c_ulong, ctypes.py_object]
changed = api.PyThreadState_SetAsyncExc(worker.ident, Stop)
worker.join(10)

errors = []
try:
    api.No_Such_Function
except AttributeError as e:
    errors.append(str(e))
try:
    ctypes.CDLL("libc.so.6")
except OSError as e:
    errors.append(str(e))
print(json.dumps({
    "long": api.PyLong_FromLong(12345),
    "unicode": api.PyUnicode_FromString(b"gr\\xc3\\xbc\\xc3\\x9fe"),   # UTF-8
    "same_in_cdll_none_and_self": [
        ctypes.cast(dll.Py_IncRef, ctypes.c_void_p).value
        == ctypes.cast(api.Py_IncRef, ctypes.c_void_p).value
        for dll in (ctypes.CDLL(None), ctypes.CDLL(sys.executable))],
    "async_exc": [changed, stopped, worker.is_alive()],
    "optimize_flag": ctypes.c_int.in_dll(api, "Py_OptimizeFlag").value,
    "none": ctypes.addressof(ctypes.c_char.in_dll(api, "_Py_NoneStruct")) == id(None),
    "type_error": ctypes.py_object.in_dll(api, "PyExc_TypeError").value is TypeError,
    "errors": errors}))
''')


def test_pythonapi_functions_and_data(python):
    with Root() as root:
        root.add(BIN, copy_of=python)
        p = root.run([BIN, '-O', '-c', CAPI], env={'PATH': '/bin'})
    facts = last_json(p)
    assert facts['long'] == 12345 and facts['unicode'] == 'grüße', facts
    assert facts['same_in_cdll_none_and_self'] == [True, True], facts
    assert facts['async_exc'] == [1, [True], False], facts
    assert facts['optimize_flag'] == 1, facts
    assert facts['none'] is True and facts['type_error'] is True, facts
    missing, libc = facts['errors']
    assert 'No_Such_Function' in missing and 'not found' in missing.lower(), describe(p)
    assert libc == 'libc.so.6: Dynamic loading not supported', describe(p)
