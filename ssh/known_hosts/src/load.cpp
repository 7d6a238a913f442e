#include "posix_file.hpp"
#include <fcntl.h>

#include <ssh/known_hosts/errc.hpp>
#include <ssh/known_hosts/parser.hpp>

#include <cerrno>

namespace ssh::known_hosts {

parsed_file load_file(std::string path, const limits& lim) {
    // O_NONBLOCK so that a FIFO planted at the path cannot hang open(); read_whole() then
    // refuses anything but a regular file.
    detail::unique_fd fd{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)};
    boost::system::error_code ec;
    std::string text;
    if (!fd) {
        if (errno == ENOENT)
            return parsed_file{std::move(path), {}, {}, true};
        ec = detail::errno_code();
    } else {
        ec = detail::read_whole(fd.get(), lim.max_file_size, text);
    }
    if (ec) {
        parsed_file out{path, {}, {}, false};
        out.warnings.push_back({{path, 0}, ec, path + ": cannot read: " + ec.message()});
        return out;
    }
    return parse(text, std::move(path), lim);
}

} // namespace ssh::known_hosts
