#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jobs/atomic_file.hpp>

#include <atomic>
#include <cerrno>
#include <cstdint>

namespace jobs {
namespace {

namespace fs = std::filesystem;

std::atomic<std::uint64_t> temp_counter{0};

std::string quoted(const fs::path& p) {
    return "\"" + p.string() + "\"";
}

write_error failure(const fs::path& path, const std::string& step, std::error_code code) {
    return write_error{"cannot write " + quoted(path) + ": " + step + ": " + code.message(), code};
}

write_error failure(const fs::path& path, const std::string& step, int err) {
    return failure(path, step, std::error_code(err, std::generic_category()));
}

/// Closes the descriptor and removes the temporary file unless released.
class temp_file {
public:
    temp_file(int fd, fs::path path) noexcept
        : fd_(fd)
        , path_(std::move(path)) {}
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;
    ~temp_file() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        if (!renamed_) {
            ::unlink(path_.c_str());
        }
    }

    [[nodiscard]] int fd() const noexcept { return fd_; }
    [[nodiscard]] const fs::path& path() const noexcept { return path_; }

    /// close() once, reporting its error (some file systems report write errors only here).
    int close() noexcept {
        int rc = ::close(fd_);
        fd_ = -1;
        return rc;
    }

    void mark_renamed() noexcept { renamed_ = true; }

private:
    int fd_;
    fs::path path_;
    bool renamed_ = false;
};

/// Creates ".<name>.tmp.<pid>.<counter>" in `dir` with O_EXCL; returns -1 with errno set.
int create_temp(const fs::path& dir, const fs::path& name, fs::path& temp_path) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        const std::uint64_t n = temp_counter.fetch_add(1, std::memory_order_relaxed);
        temp_path = dir / ("." + name.string() + ".tmp." + std::to_string(::getpid()) + "." +
                           std::to_string(n));
        int fd =
            ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (fd >= 0 || errno != EEXIST) {
            return fd;
        }
    }
    return -1; // errno is EEXIST
}

int write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return 0;
}

std::optional<write_error> sync_directory(const fs::path& path, const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        return failure(path, "open directory " + quoted(dir) + " to sync it", err);
    }
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0) {
        return failure(path, "fsync directory " + quoted(dir), err);
    }
    return std::nullopt;
}

} // namespace

std::optional<write_error> write_file_atomically(const fs::path& path, std::string_view bytes) {
    const fs::path name = path.filename();
    if (name.empty() || name == "." || name == "..") {
        return failure(path, "not a file name", EINVAL);
    }
    const fs::path parent = path.parent_path();
    const fs::path dir = parent.empty() ? fs::path(".") : parent;

    if (!parent.empty()) {
        std::error_code ec;
        fs::create_directories(parent, ec);
        if (ec) {
            return failure(path, "create directory " + quoted(parent), ec);
        }
    }

    fs::path temp_path;
    const int fd = create_temp(dir, name, temp_path);
    if (fd < 0) {
        const int err = errno;
        return failure(path, "create temporary file in " + quoted(dir), err);
    }
    temp_file temp(fd, temp_path);
    const std::string temp_shown = "temporary file " + quoted(temp_path);

    if (int err = write_all(temp.fd(), bytes.data(), bytes.size())) {
        return failure(path, "write " + temp_shown, err);
    }
    if (::fsync(temp.fd()) != 0) {
        const int err = errno;
        return failure(path, "fsync " + temp_shown, err);
    }
    if (temp.close() != 0) {
        const int err = errno;
        return failure(path, "close " + temp_shown, err);
    }
    if (::rename(temp_path.c_str(), path.c_str()) != 0) {
        const int err = errno;
        return failure(path, "rename " + temp_shown + " over it", err);
    }
    temp.mark_renamed();
    return sync_directory(path, dir);
}

std::optional<write_error> write_file_atomically(const fs::path& path,
                                                 std::span<const std::byte> bytes) {
    return write_file_atomically(
        path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

} // namespace jobs
