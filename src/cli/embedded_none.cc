// The bootstrap CLI and the unit tests link this instead of the embedded
// snapshot: they have no bundled lists compiled in.
#include <cstddef>

extern "C" {
extern const char chokepoint_embedded_snapshot[];
extern const size_t chokepoint_embedded_snapshot_size;
const char chokepoint_embedded_snapshot[1] = {0};
const size_t chokepoint_embedded_snapshot_size = 0;
}
