// CPrefetch is header-only (an inline function in include/CPrefetch.h); SwiftPM builds a C
// target from at least one source file.
#include "CPrefetch.h"
