#include "wipe.hpp"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <inventory/secret_ref.hpp>

#include <cerrno>
#include <cstdlib>
#include <optional>
#include <system_error>
#include <utility>

namespace inventory {
namespace {

namespace fs = std::filesystem;

using step_error = std::optional<secret_error>;

constexpr std::string_view literal_hint = " (write \"$${\" for a literal \"${\")";

std::string at_offset(std::size_t offset) {
    return "at offset " + std::to_string(offset);
}

std::string os_error_text(int err) {
    return std::generic_category().message(err);
}

using detail::wipe;

bool is_identifier(std::string_view s) {
    if (s.empty() || (s.front() >= '0' && s.front() <= '9')) {
        return false;
    }
    for (char c : s) {
        bool ok =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok) {
            return false;
        }
    }
    return true;
}

step_error append_env(std::string_view name, std::size_t offset, std::string& out) {
    if (name.empty()) {
        return secret_error{"empty variable name in \"${env:}\" " + at_offset(offset)};
    }
    if (!is_identifier(name)) {
        return secret_error{"invalid environment variable name \"" + std::string(name) + "\" " +
                            at_offset(offset) + ": expected letters, digits and '_'"};
    }
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) {
        return secret_error{"environment variable " + std::string(name) + " is not set"};
    }
    out += value;
    return std::nullopt;
}

class fd_closer {
public:
    explicit fd_closer(int fd) noexcept
        : fd_(fd) {}
    fd_closer(const fd_closer&) = delete;
    fd_closer& operator=(const fd_closer&) = delete;
    ~fd_closer() { ::close(fd_); }

private:
    int fd_;
};

step_error read_small_file(const fs::path& path, std::string& buf) {
    const std::string shown = "\"" + path.string() + "\"";
    // O_NONBLOCK keeps open() from waiting on a FIFO; regular files ignore it.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        return secret_error{"cannot read secret file " + shown + ": " + os_error_text(errno)};
    }
    fd_closer closer(fd);

    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        return secret_error{"cannot read secret file " + shown + ": " + os_error_text(errno)};
    }
    if (!S_ISREG(st.st_mode)) {
        return secret_error{"secret file " + shown + " is not a regular file"};
    }
    const std::string too_large = "secret file " + shown + " is larger than " +
                                  std::to_string(max_secret_file_size) + " bytes";
    if (st.st_size > static_cast<off_t>(max_secret_file_size)) {
        return secret_error{too_large};
    }

    // Read at most one byte past the limit: the file may have grown since fstat().
    buf.resize(max_secret_file_size + 1);
    std::size_t used = 0;
    while (used < buf.size()) {
        ssize_t n = ::read(fd, buf.data() + used, buf.size() - used);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            int err = errno;
            wipe(buf);
            return secret_error{"cannot read secret file " + shown + ": " + os_error_text(err)};
        }
        if (n == 0) {
            break;
        }
        used += static_cast<std::size_t>(n);
    }
    if (used > max_secret_file_size) {
        wipe(buf);
        return secret_error{too_large};
    }
    buf.resize(used);
    return std::nullopt;
}

step_error append_file(std::string_view path_text, std::size_t offset, const fs::path& base_dir,
                       std::string& out) {
    if (path_text.empty()) {
        return secret_error{"empty path in \"${file:}\" " + at_offset(offset)};
    }
    fs::path path(path_text);
    if (path.is_relative() && !base_dir.empty()) {
        path = base_dir / path;
    }
    std::string buf;
    if (auto err = read_small_file(path, buf)) {
        return err;
    }
    if (!buf.empty() && buf.back() == '\n') {
        buf.pop_back();
        if (!buf.empty() && buf.back() == '\r') {
            buf.pop_back();
        }
    }
    out += buf;
    wipe(buf);
    return std::nullopt;
}

/// Resolves the reference whose "${" is at `offset`; on success sets `next` past its '}'.
step_error append_reference(std::string_view value, std::size_t offset, const fs::path& base_dir,
                            std::string& out, std::size_t& next) {
    const std::size_t body_start = offset + 2;
    const std::size_t close = value.find('}', body_start);
    if (close == std::string_view::npos) {
        return secret_error{"unterminated \"${\" " + at_offset(offset) + ": no closing '}'" +
                            std::string(literal_hint)};
    }
    const std::string_view body = value.substr(body_start, close - body_start);
    const std::size_t colon = body.find(':');
    if (colon == std::string_view::npos) {
        return secret_error{"reference " + at_offset(offset) +
                            " has no scheme: expected ${env:NAME} or ${file:PATH}" +
                            std::string(literal_hint)};
    }
    const std::string_view scheme = body.substr(0, colon);
    const std::string_view arg = body.substr(colon + 1);
    next = close + 1;
    if (scheme == "env") {
        return append_env(arg, offset, out);
    }
    if (scheme == "file") {
        return append_file(arg, offset, base_dir, out);
    }
    // Name the scheme when it looks like one; otherwise this may be part of a literal password.
    std::string named = is_identifier(scheme) && scheme.size() <= 32
                            ? " \"" + std::string(scheme) + "\""
                            : std::string();
    return secret_error{"unknown reference scheme" + named + " " + at_offset(offset) +
                        ": expected env or file" + std::string(literal_hint)};
}

} // namespace

secret_result resolve_secret(std::string_view value, const std::filesystem::path& base_dir) {
    std::string out;
    std::size_t i = 0;
    while (i < value.size()) {
        if (value.substr(i, 3) == "$${") {
            out += "${";
            i += 3;
        } else if (value.substr(i, 2) == "${") {
            std::size_t next = i;
            if (auto err = append_reference(value, i, base_dir, out, next)) {
                wipe(out);
                return std::move(*err);
            }
            i = next;
        } else {
            out += value[i];
            ++i;
        }
    }
    return secret(std::move(out));
}

} // namespace inventory
