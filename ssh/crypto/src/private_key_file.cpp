// Private key files on disk: permission check, bounded read, atomic write.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ssh/crypto/errc.hpp>
#include <ssh/crypto/private_key.hpp>

#include <cerrno>
#include <cstdio>
#include <utility>

namespace ssh::crypto {
namespace {

using boost::system::error_code;

error_code last_system_error() {
    return {errno, boost::system::system_category()};
}

class fd_guard {
public:
    explicit fd_guard(int fd) noexcept
        : fd_(fd) {}
    fd_guard(const fd_guard&) = delete;
    fd_guard& operator=(const fd_guard&) = delete;
    ~fd_guard() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    int get() const noexcept { return fd_; }
    int release() noexcept { return std::exchange(fd_, -1); }

private:
    int fd_;
};

std::string octal_mode(mode_t mode) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
    return buf;
}

// Reads the whole file, refusing more than max_key_file_size bytes.
bool read_bounded(int fd, secure_bytes& out, error_code& ec) {
    out.resize(max_key_file_size + 1);
    std::size_t used = 0;
    while (used < out.size()) {
        const auto n = ::read(fd, out.data() + used, out.size() - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            ec = last_system_error();
            return false;
        }
        if (n == 0)
            break;
        used += static_cast<std::size_t>(n);
    }
    if (used > max_key_file_size) {
        ec = errc::bad_key_file;
        return false;
    }
    out.resize(used);
    return true;
}

bool write_all(int fd, std::string_view data, error_code& ec) {
    while (!data.empty()) {
        const auto n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            ec = last_system_error();
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

} // namespace

std::optional<private_key> load_private_key_file(const std::filesystem::path& path,
                                                 std::optional<std::string_view> passphrase,
                                                 error_code& ec, std::string* hint,
                                                 const key_load_options& options) {
    ec.clear();
    if (hint)
        hint->clear();
    // O_NONBLOCK: opening a FIFO must not hang; it is refused below as not a regular file.
    fd_guard fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    if (fd.get() < 0) {
        ec = last_system_error();
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        ec = last_system_error();
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode) || static_cast<std::uintmax_t>(st.st_size) > max_key_file_size) {
        ec = errc::bad_key_file;
        return std::nullopt;
    }
    // OpenSSH sshkey_perm_ok(): the user's own key must not be open to group or others.
    if (st.st_uid == ::getuid() && (st.st_mode & 077) != 0) {
        ec = errc::unprotected_key_file;
        if (hint)
            *hint = "permissions " + octal_mode(st.st_mode) + " for '" + path.string() +
                    "' are too open; run `chmod 600 " + path.string() + "`";
        return std::nullopt;
    }
    secure_bytes content;
    if (!read_bounded(fd.get(), content, ec))
        return std::nullopt;
    const std::string_view text(reinterpret_cast<const char*>(content.data()), content.size());
    return parse_private_key(text, passphrase, ec, hint, options);
}

void write_private_key_file(const std::filesystem::path& path, const private_key& key,
                            random_source& rng, error_code& ec) {
    ec.clear();
    const auto text = key.to_openssh_text(rng);
    std::string temp = path.string() + ".XXXXXX";
    fd_guard fd(::mkstemp(temp.data())); // mode 0600
    if (fd.get() < 0) {
        ec = last_system_error();
        return;
    }
    const bool ok = ::fchmod(fd.get(), 0600) == 0 && write_all(fd.get(), text, ec) &&
                    ::fsync(fd.get()) == 0 && ::close(fd.release()) == 0 &&
                    ::rename(temp.c_str(), path.c_str()) == 0;
    if (!ok) {
        if (!ec)
            ec = last_system_error();
        ::unlink(temp.c_str());
    }
}

} // namespace ssh::crypto
