// CBLAS from Debian's libopenblas-dev (pkg-config "openblas"), LAPACKE from liblapacke-dev.
#include <cblas.h>
#include <lapacke.h>
