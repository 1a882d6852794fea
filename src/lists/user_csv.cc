// Placeholder until the reader lands; replaced wholesale by its implementation.
#include "lists/readers.h"

namespace chokepoint::lists {

Result<ReadOutput> ReadUserCsv(std::span<const InputFile>, const ReadOptions&) {
  return Status::Internal("ReadUserCsv: reader not built yet");
}

}  // namespace chokepoint::lists
