#include "posix_file.hpp"
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ssh/crypto/base64.hpp>
#include <ssh/known_hosts/append.hpp>
#include <ssh/known_hosts/errc.hpp>
#include <ssh/known_hosts/host_match.hpp>
#include <ssh/known_hosts/parser.hpp>
#include <ssh/known_hosts/policy.hpp>

#include <algorithm>
#include <cerrno>

namespace ssh::known_hosts {
namespace {

append_result refused(boost::system::error_code ec, std::string message) {
    append_result r;
    r.error = ec;
    r.message = std::move(message);
    return r;
}

append_result io_failure(const std::string& path, const char* step, boost::system::error_code ec) {
    return refused(ec, "cannot add host key to " + path + ": " + step + ": " + ec.message());
}

bool valid_key_type(std::string_view t) noexcept {
    return !t.empty() && t.size() <= 256 && std::all_of(t.begin(), t.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7f;
    });
}

// mkdir -p for the directory holding `path`, creating missing levels with mode 0700.
boost::system::error_code make_parent_dirs(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos || slash == 0)
        return {};
    const std::string dir = path.substr(0, slash);
    struct stat st {};
    if (::stat(dir.c_str(), &st) == 0)
        return {};
    for (auto pos = dir.find('/', 1);; pos = dir.find('/', pos + 1)) {
        const std::string prefix = dir.substr(0, pos);
        if (::mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST)
            return detail::errno_code();
        if (pos == std::string::npos)
            return {};
    }
}

int flock_retrying(int fd) noexcept {
    int rc;
    do {
        rc = ::flock(fd, LOCK_EX);
    } while (rc != 0 && errno == EINTR);
    return rc;
}

// Opens `path` for appending (creating it 0600) and locks it. Retries when the path was
// replaced between open() and flock(): the lock must be on the file the path names.
boost::system::error_code open_locked(const std::string& path, detail::unique_fd& out) {
    for (int attempt = 0; attempt < 16; ++attempt) {
        detail::unique_fd fd{::open(
            path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0600)};
        if (!fd)
            return detail::errno_code();
        struct stat held {};
        if (::fstat(fd.get(), &held) != 0)
            return detail::errno_code();
        if (!S_ISREG(held.st_mode))
            return make_error_code(errc::not_a_regular_file);
        if (flock_retrying(fd.get()) != 0)
            return detail::errno_code();
        struct stat named {};
        if (::stat(path.c_str(), &named) == 0 && named.st_dev == held.st_dev &&
            named.st_ino == held.st_ino) {
            out = std::move(fd);
            return {};
        }
    }
    return make_error_code(boost::system::errc::resource_unavailable_try_again);
}

// The number the next line will have once `prefix_newline` (if any) and the line are
// written after `text`.
std::size_t next_line_number(std::string_view text) {
    std::size_t n = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    if (!text.empty() && text.back() != '\n')
        ++n; // the unterminated last line, which our leading '\n' completes
    return n + 1;
}

} // namespace

std::string format_line(std::string_view name, host_key_ref key, bool hash,
                        crypto::random_source& rng) {
    std::string line = hash ? hash_host_name(name, rng) : std::string(name);
    line += ' ';
    line += key.type;
    line += ' ';
    line += crypto::base64_encode(key.blob);
    line += '\n';
    return line;
}

append_result append_host_key(const std::string& path, std::string_view host, std::uint16_t port,
                              host_key_ref key, crypto::random_source& rng,
                              const append_options& opts) {
    if (!valid_host_name(host))
        return refused(make_error_code(errc::invalid_host),
                       "cannot add host key: invalid host name '" +
                           std::string(host.substr(0, 256)) + "'");
    if (!valid_key_type(key.type) || key.blob.empty())
        return refused(make_error_code(errc::malformed_line),
                       "cannot add host key: empty key or invalid key type");
    const auto name = host_key_name(host, port);

    if (auto ec = make_parent_dirs(path))
        return io_failure(path, "creating its directory", ec);
    detail::unique_fd fd;
    if (auto ec = open_locked(path, fd))
        return io_failure(path, "opening and locking", ec);

    std::string text;
    if (auto ec = detail::read_whole(fd.get(), opts.lim.max_file_size, text))
        return io_failure(path, "reading", ec);
    const parsed_file current = parse(text, path, opts.lim);
    if (!current.complete)
        return refused(make_error_code(errc::incomplete_database),
                       "cannot add host key to " + path +
                           ": the file has more entries than the limit");
    const auto found = lookup_name({&current, 1}, name, key, opts.match);
    switch (found.what) {
    case status::match: {
        append_result r;
        r.what = append_status::already_present;
        r.where = found.where;
        return r;
    }
    case status::revoked:
    case status::mismatch: {
        // Another writer recorded a conflicting key since our caller looked: refuse.
        auto d = decide(found, policy::strict);
        append_result r = refused(d.error, std::move(d.message));
        r.where = found.where;
        return r;
    }
    case status::unknown:
        break;
    }

    std::string line;
    if (!text.empty() && text.back() != '\n')
        line += '\n'; // never glue our line onto an unterminated last line
    line += format_line(name, key, opts.hash, rng);

    ssize_t n;
    do {
        n = ::write(fd.get(), line.data(), line.size());
    } while (n < 0 && errno == EINTR);
    if (n != static_cast<ssize_t>(line.size())) {
        const auto ec = n < 0 ? detail::errno_code() : make_error_code(errc::short_write);
        // We hold the lock, so nobody wrote after us: cut our partial line off again.
        if (n > 0 && ::ftruncate(fd.get(), static_cast<off_t>(text.size())) != 0)
            return io_failure(path, "writing (and removing the partial line)", ec);
        return io_failure(path, "writing", ec);
    }
    if (::fsync(fd.get()) != 0)
        return io_failure(path, "syncing (the line may be written)", detail::errno_code());

    append_result r;
    r.what = append_status::appended;
    r.where = {path, next_line_number(text)};
    return r;
}

} // namespace ssh::known_hosts
