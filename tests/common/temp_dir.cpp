#include <fcntl.h>
#include <unistd.h>

#include <test_common/temp_dir.hpp>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace test_common {

namespace {

std::filesystem::path temp_root() {
    const char* env = std::getenv("TMPDIR");
    if (env != nullptr && *env != '\0')
        return env;
    return "/tmp";
}

} // namespace

temp_dir::temp_dir(std::string_view prefix) {
    std::string pattern = (temp_root() / prefix).string() + "XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
        throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
    path_ = pattern;
}

temp_dir::~temp_dir() {
    remove();
}

temp_dir::temp_dir(temp_dir&& other) noexcept
    : path_(std::exchange(other.path_, {})) {}

temp_dir& temp_dir::operator=(temp_dir&& other) noexcept {
    if (this != &other) {
        remove();
        path_ = std::exchange(other.path_, {});
    }
    return *this;
}

void temp_dir::remove() noexcept {
    if (path_.empty())
        return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
    path_.clear();
}

void write_file(const std::filesystem::path& path, std::string_view content,
                std::filesystem::perms perms) {
    // open(2) rather than ofstream so the file never exists with wider permissions than asked.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        throw std::system_error(errno, std::generic_category(), "open " + path.string());
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            throw std::system_error(err, std::generic_category(), "write " + path.string());
        }
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    std::filesystem::permissions(path, perms, std::filesystem::perm_options::replace);
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path.string());
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

} // namespace test_common
