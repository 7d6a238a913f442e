#pragma once
// Small POSIX helpers shared by loading and appending.

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <string>

namespace ssh::known_hosts::detail {

// Owns a file descriptor; closing it also releases any flock() taken through it.
class unique_fd {
public:
    unique_fd() noexcept = default;
    explicit unique_fd(int fd) noexcept
        : fd_{fd} {}
    ~unique_fd();
    unique_fd(unique_fd&& o) noexcept
        : fd_{o.release()} {}
    unique_fd& operator=(unique_fd&& o) noexcept;
    unique_fd(const unique_fd&) = delete;
    unique_fd& operator=(const unique_fd&) = delete;

    int get() const noexcept { return fd_; }
    explicit operator bool() const noexcept { return fd_ >= 0; }
    int release() noexcept {
        const int fd = fd_;
        fd_ = -1;
        return fd;
    }

private:
    int fd_ = -1;
};

// errno as an error_code of the system category.
boost::system::error_code errno_code() noexcept;

// Checks that `fd` is a regular file of at most `max` bytes and reads all of it from offset
// 0 (O_APPEND does not affect pread). Fails with not_a_regular_file, file_too_large (also
// when the file grows past `max` while being read) or a system error.
boost::system::error_code read_whole(int fd, std::size_t max, std::string& out);

} // namespace ssh::known_hosts::detail
