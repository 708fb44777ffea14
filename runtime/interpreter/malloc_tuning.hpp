// Process-wide allocator settings for flowc's executables.
#pragma once

namespace flowc::runtime {

// Every send builds a few small RapidJSON documents whose pool allocator takes 64 KB at a time.
// With glibc's default trim threshold (128 KB) freeing them returned memory to the kernel and
// the next row asked for it again (two brk calls and page faults per row): 3/4 of the
// interpreter's time. Freed memory up to 32 MB now stays in the process for reuse; peak memory
// is unchanged. Call once at start-up, before threads exist.
void keep_freed_memory_for_reuse();

}  // namespace flowc::runtime
