// Where incremental sources stopped reading (state_store.hpp, "Incremental sources").
#include "runtime/state/sqlite/sqlite_db.hpp"
#include "runtime/state/state_store.hpp"
#include "runtime/state/timestamps.hpp"

namespace flowc::runtime::state {

std::optional<std::string> StateStore::source_position(std::string_view flow, std::string_view signature) {
  std::lock_guard guard(mutex_);
  Statement query = db_->prepare("SELECT position FROM source_positions WHERE flow = ?1 AND signature = ?2");
  if (!query.bind(1, flow).bind(2, signature).step()) return std::nullopt;
  return query.text(0);
}

void StateStore::save_source_position(const RunRecord& run, std::string_view signature, std::string_view position) {
  std::lock_guard guard(mutex_);
  WriteTransaction transaction(*db_);
  Statement upsert = db_->prepare(
      "INSERT INTO source_positions (flow, signature, position, run_id, saved_at) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (flow) DO UPDATE SET signature = excluded.signature, position = excluded.position, "
      "run_id = excluded.run_id, saved_at = excluded.saved_at");
  upsert.bind(1, run.flow).bind(2, signature).bind(3, position).bind(4, run.id).bind(5, utc_now()).run();
  transaction.commit();
}

}  // namespace flowc::runtime::state
