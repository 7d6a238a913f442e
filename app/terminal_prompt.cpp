#include "terminal_prompt.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>

namespace app {

std::optional<std::string> ask_terminal(std::string_view question, bool secret) {
    const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    [[maybe_unused]] auto w = ::write(fd, question.data(), question.size());
    termios saved{};
    const bool restore = secret && ::tcgetattr(fd, &saved) == 0;
    if (restore) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    std::string line;
    char c = 0;
    while (::read(fd, &c, 1) == 1 && c != '\n')
        line.push_back(c);
    if (restore) {
        ::tcsetattr(fd, TCSAFLUSH, &saved);
        w = ::write(fd, "\n", 1);
    }
    ::close(fd);
    return line;
}

} // namespace app
