// Whether the next run may simply send again a send that a crash left uncertain (it started,
// its answer was never recorded). The connector catalog says it per action; http.request
// decides by its method, as HTTP does: GET, PUT and DELETE are idempotent, POST and PATCH not.
#pragma once

#include "ir/ir.hpp"

namespace flowc::runtime {

bool resend_after_crash(const ir::Send& send);

}  // namespace flowc::runtime
