// JSON form of an Entity, shared by `lists show`, screening output and the
// service. Keys follow the field names of chokepoint/entity.h; empty fields
// are left out. Dates are ISO strings ("1975", "1975-04", "1975-04-12").

#ifndef CHOKEPOINT_SNAPSHOT_ENTITY_JSON_H_
#define CHOKEPOINT_SNAPSHOT_ENTITY_JSON_H_

#include "chokepoint/entity.h"
#include "io/json_writer.h"

namespace chokepoint {

void WriteEntityJson(io::JsonWriter& w, const Entity& e);

}  // namespace chokepoint

#endif  // CHOKEPOINT_SNAPSHOT_ENTITY_JSON_H_
