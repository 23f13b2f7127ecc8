// Fortran BLAS and LAPACK entry points used by Weft, declared with gfortran's calling convention:
// every argument by reference, and one hidden `size_t` length per character argument at the end.
// Declaring them here (rather than including cblas.h / lapacke.h) keeps the link to the generic
// libblas.so.3 / liblapack.so.3, so Debian's alternatives (reference BLAS or OpenBLAS) swap in
// without a rebuild.
#ifndef WEFT_CLINEARALGEBRA_SHIM_H
#define WEFT_CLINEARALGEBRA_SHIM_H
#include <stddef.h>

void dgemm_(const char *transa, const char *transb, const int *m, const int *n, const int *k,
            const double *alpha, const double *a, const int *lda, const double *b, const int *ldb,
            const double *beta, double *c, const int *ldc, size_t transa_len, size_t transb_len);

void dgemv_(const char *trans, const int *m, const int *n, const double *alpha, const double *a,
            const int *lda, const double *x, const int *incx, const double *beta, double *y,
            const int *incy, size_t trans_len);

void dsyrk_(const char *uplo, const char *trans, const int *n, const int *k, const double *alpha,
            const double *a, const int *lda, const double *beta, double *c, const int *ldc,
            size_t uplo_len, size_t trans_len);

double ddot_(const int *n, const double *x, const int *incx, const double *y, const int *incy);

void dsyevr_(const char *jobz, const char *range, const char *uplo, const int *n, double *a,
             const int *lda, const double *vl, const double *vu, const int *il, const int *iu,
             const double *abstol, int *m, double *w, double *z, const int *ldz, int *isuppz,
             double *work, const int *lwork, int *iwork, const int *liwork, int *info,
             size_t jobz_len, size_t range_len, size_t uplo_len);

void dstevr_(const char *jobz, const char *range, const int *n, double *d, double *e, const double *vl,
             const double *vu, const int *il, const int *iu, const double *abstol, int *m, double *w,
             double *z, const int *ldz, int *isuppz, double *work, const int *lwork, int *iwork,
             const int *liwork, int *info, size_t jobz_len, size_t range_len);

void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv, double *b,
            const int *ldb, int *info);

void dposv_(const char *uplo, const int *n, const int *nrhs, double *a, const int *lda, double *b,
            const int *ldb, int *info, size_t uplo_len);

#endif
