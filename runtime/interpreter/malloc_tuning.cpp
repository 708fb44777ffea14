#include "runtime/interpreter/malloc_tuning.hpp"

#include <cstddef>  // defines __GLIBC__ when the C library is glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace flowc::runtime {

void keep_freed_memory_for_reuse() {
#if defined(__GLIBC__)
  mallopt(M_TRIM_THRESHOLD, 32 << 20);
#endif
}

}  // namespace flowc::runtime
