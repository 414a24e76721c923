/* Call C functions through libffi: ints, doubles and a struct return. */
#include <stdio.h>
#include <ffi.h>

struct pair { int a; double b; };
static int add(int x, int y) { return x + y; }
static double scale(double x, int n) { return x * n; }
static struct pair make(int a, double b) { struct pair p = {a, b}; return p; }

int main(void) {
    ffi_cif cif;
    ffi_type *ii[] = {&ffi_type_sint, &ffi_type_sint}, *di[] = {&ffi_type_double, &ffi_type_sint};
    int x = 40, y = 2; double d = 1.5; ffi_arg r;
    void *args[] = {&x, &y};
    if (ffi_prep_cif(&cif, FFI_DEFAULT_ABI, 2, &ffi_type_sint, ii) != FFI_OK) return 1;
    ffi_call(&cif, FFI_FN(add), &r, args);
    printf("add %d\n", (int)r);
    double out; void *dargs[] = {&d, &x};
    if (ffi_prep_cif(&cif, FFI_DEFAULT_ABI, 2, &ffi_type_double, di) != FFI_OK) return 2;
    ffi_call(&cif, FFI_FN(scale), &out, dargs);
    printf("scale %.1f\n", out);
    ffi_type *members[] = {&ffi_type_sint, &ffi_type_double, NULL}, *id[] = {&ffi_type_sint, &ffi_type_double};
    ffi_type st = {0, 0, FFI_TYPE_STRUCT, members};
    struct pair p; void *sargs[] = {&x, &d};
    if (ffi_prep_cif(&cif, FFI_DEFAULT_ABI, 2, &st, id) != FFI_OK) return 3;
    ffi_call(&cif, FFI_FN(make), &p, sargs);
    printf("struct %d %.1f\n", p.a, p.b);
    return 0;
}
