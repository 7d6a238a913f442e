#include "posix_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <ssh/known_hosts/errc.hpp>

#include <cerrno>

namespace ssh::known_hosts::detail {

unique_fd::~unique_fd() {
    if (fd_ >= 0)
        ::close(fd_);
}

unique_fd& unique_fd::operator=(unique_fd&& o) noexcept {
    if (this != &o) {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = o.release();
    }
    return *this;
}

boost::system::error_code errno_code() noexcept {
    return {errno, boost::system::system_category()};
}

boost::system::error_code read_whole(int fd, std::size_t max, std::string& out) {
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        return errno_code();
    if (!S_ISREG(st.st_mode))
        return make_error_code(errc::not_a_regular_file);
    if (static_cast<std::size_t>(st.st_size) > max)
        return make_error_code(errc::file_too_large);
    out.clear();
    out.reserve(static_cast<std::size_t>(st.st_size));
    char buf[64 * 1024];
    for (;;) {
        const auto n = ::pread(fd, buf, sizeof buf, static_cast<off_t>(out.size()));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno_code();
        }
        if (n == 0)
            return {};
        if (out.size() + static_cast<std::size_t>(n) > max)
            return make_error_code(errc::file_too_large);
        out.append(buf, static_cast<std::size_t>(n));
    }
}

} // namespace ssh::known_hosts::detail
