// A uniquely named directory under $TMPDIR (or /tmp), removed with its contents on destruction.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace test_common {

class temp_dir {
public:
    // Creates "<tmp>/<prefix>XXXXXX" with mode 0700; throws std::system_error on failure.
    explicit temp_dir(std::string_view prefix = "fleetsh-test-");
    ~temp_dir();

    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    temp_dir(temp_dir&& other) noexcept;
    temp_dir& operator=(temp_dir&& other) noexcept;

    const std::filesystem::path& path() const noexcept { return path_; }
    // path() / name
    std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

private:
    void remove() noexcept;

    std::filesystem::path path_;
};

// Writes a whole file (truncating) with the given permission bits; throws on failure.
void write_file(const std::filesystem::path& path, std::string_view content,
                std::filesystem::perms perms = std::filesystem::perms::owner_read |
                                               std::filesystem::perms::owner_write);

// Reads a whole file; throws on failure.
std::string read_file(const std::filesystem::path& path);

} // namespace test_common
