// libpq's client API, from Debian's libpq-dev (found through pkg-config "libpq").
#include <libpq-fe.h>
