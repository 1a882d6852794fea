// POST /v1/check?format=shipments|pacs008|pain001|mt103|mt700: checks the
// transactions of the file in the body with the risk engine (screening,
// goods, route, rules) and answers with the JSON of `chokepoint check
// --json`. The engine is built once per served Screener.

#include <stdlib.h>
#include <unistd.h>

#include <mutex>

#include "chokepoint/check.h"
#include "cli/json_views.h"
#include "io/file.h"
#include "io/json_writer.h"
#include "server/router.h"

namespace chokepoint::server {
namespace {

struct EngineSlot {
  std::mutex mu;
  const Screener* screener = nullptr;
  std::shared_ptr<const check::RiskEngine> engine;
};

Result<std::shared_ptr<const check::RiskEngine>> EngineFor(std::shared_ptr<const Screener> s) {
  static EngineSlot* slot = new EngineSlot();
  std::lock_guard<std::mutex> lock(slot->mu);
  if (slot->engine && slot->screener == s.get()) return slot->engine;
  const Screener* key = s.get();
  CHOKEPOINT_ASSIGN_OR_RETURN(slot->engine, check::RiskEngine::Create(std::move(s)));
  slot->screener = key;
  return slot->engine;
}

Result<check::ReadResult> ReadFile(const std::string& format, const std::string& path) {
  if (format == "shipments") return check::ReadShipmentsCsv(path);
  if (format == "pacs008") return check::ReadPacs008(path);
  if (format == "pain001") return check::ReadPain001(path);
  if (format == "mt103") return check::ReadMt103(path);
  if (format == "mt700") return check::ReadMt700(path);
  return Status::InvalidArgument("format must be shipments, pacs008, pain001, mt103 or mt700");
}

// The readers take a file: the body goes to a private temporary file that is
// removed again at once.
class TempFile {
 public:
  Status Write(const std::string& data) {
    const char* tmp = std::getenv("TMPDIR");
    path_ = std::string(tmp && *tmp ? tmp : "/tmp") + "/chokepoint-check-XXXXXX";
    int fd = mkstemp(path_.data());
    if (fd < 0) return Status::IoError("cannot create a temporary file");
    size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::write(fd, data.data() + done, data.size() - done);
      if (n <= 0) {
        ::close(fd);
        return Status::IoError("cannot write a temporary file");
      }
      done += static_cast<size_t>(n);
    }
    ::close(fd);
    return Status::Ok();
  }
  const std::string& path() const { return path_; }
  ~TempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }

 private:
  std::string path_;
};

Response Check(const Request& req, const Principal&, ServiceContext& ctx) {
  auto format = req.QueryParam("format");
  if (!format || format->empty()) {
    return ErrorResponse(400, "invalid_argument",
                         "give ?format=shipments|pacs008|pain001|mt103|mt700");
  }
  if (req.body.empty()) return ErrorResponse(400, "invalid_argument", "the body (a file) is empty");
  TempFile file;
  if (Status st = file.Write(req.body); !st.ok()) return StatusResponse(st);
  auto read = ReadFile(*format, file.path());
  if (!read.ok()) {
    // Errors name the temporary file; say "the body" instead.
    std::string message = read.status().message();
    for (size_t at; (at = message.find(file.path())) != std::string::npos;) {
      message.replace(at, file.path().size(), "the body");
    }
    return ErrorResponse(400, "invalid_argument", message);
  }
  auto engine = EngineFor(ctx.screener());
  if (!engine.ok()) return StatusResponse(engine.status());
  auto results = (*engine)->CheckBatch(read->transactions);
  io::JsonWriter w;
  cli::WriteCheckJson(w, **engine, read->transactions, results, read->problems);
  std::string body = w.Take();
  for (size_t at; (at = body.find(file.path())) != std::string::npos;) {
    body.replace(at, file.path().size(), "body");
  }
  return JsonResponse(200, std::move(body));
}

}  // namespace

CHOKEPOINT_ROUTE(check, {"POST", "/v1/check", Role::kAnalyst, &Check});

}  // namespace chokepoint::server
