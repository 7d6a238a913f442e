// collect_bench_launch: runs one program for collect_bench and reports what it cost.
//
//     collect_bench_launch REPORT TIMEOUT_S PROGRAM [ARG...]
//
// Why a launcher at all: Linux folds the address space a child had when it called exec into
// its ru_maxrss (exec_mmap keeps the old mm's high-water mark), and a child of the bench starts
// as a copy of the bench (fork) or on the bench's own pages (vfork, posix_spawn). So a program
// the bench started would never show a peak RSS below the bench's. Started from this small
// program instead, its ru_maxrss is its own peak, or this program's few pages if that is more.
//
// It forks PROGRAM (an absolute path; standard streams inherited), waits for it with wait4(),
// and writes one line to REPORT:
//     status=S wall_ns=W utime_us=U stime_us=T maxrss_kib=M timed_out=0|1
// S is the raw wait status, W the time from fork to reaping (steady clock). PROGRAM is killed
// (SIGKILL, by PID) after TIMEOUT_S seconds, and gets SIGKILL too should this program die.
// SIGTERM, SIGINT and SIGHUP are passed on to it. Exit status: 0 once REPORT is written, 125
// when something went wrong here (a message on stderr); a PROGRAM that cannot be executed
// ends with exit status 127 in the report.
//
// Only POSIX calls, nothing that allocates much: its pages are the floor of PROGRAM's peak RSS.

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>

namespace {

constexpr int launcher_failed = 125;

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "collect_bench_launch: %s: %s\n", what, std::strerror(errno));
    std::_Exit(launcher_failed);
}

long long now_ns() {
    timespec t{};
    ::clock_gettime(CLOCK_MONOTONIC, &t);
    return static_cast<long long>(t.tv_sec) * 1'000'000'000LL + t.tv_nsec;
}

long long micros(const timeval& t) {
    return static_cast<long long>(t.tv_sec) * 1'000'000LL + t.tv_usec;
}

bool write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: collect_bench_launch REPORT TIMEOUT_S PROGRAM [ARG...]\n");
        return launcher_failed;
    }
    const char* report = argv[1];
    char* end = nullptr;
    const long timeout_s = std::strtol(argv[2], &end, 10);
    if (*end != '\0' || timeout_s < 1 || timeout_s > 86'400) {
        std::fprintf(stderr, "collect_bench_launch: bad timeout '%s'\n", argv[2]);
        return launcher_failed;
    }

    // The signals this program waits for stay blocked, so that none is missed between the fork
    // and sigtimedwait; the child gets back the mask we were started with.
    sigset_t waited, original;
    sigemptyset(&waited);
    for (const int s : {SIGCHLD, SIGTERM, SIGINT, SIGHUP})
        sigaddset(&waited, s);
    if (::sigprocmask(SIG_BLOCK, &waited, &original) != 0)
        fail("sigprocmask");

    const pid_t self = ::getpid();
    const long long started = now_ns();
    const pid_t child = ::fork();
    if (child < 0)
        fail("fork");
    if (child == 0) {
        // Killed with us; and if we are already gone, not started at all.
        if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != self)
            std::_Exit(launcher_failed);
        ::sigprocmask(SIG_SETMASK, &original, nullptr);
        ::execv(argv[3], argv + 3);
        std::fprintf(stderr, "collect_bench_launch: exec %s: %s\n", argv[3], std::strerror(errno));
        std::_Exit(127);
    }

    const long long deadline = started + timeout_s * 1'000'000'000LL;
    bool timed_out = false;
    int status = 0;
    rusage usage{};
    for (;;) {
        const pid_t r = ::wait4(child, &status, WNOHANG, &usage);
        if (r == child)
            break;
        if (r < 0 && errno != EINTR)
            fail("wait4");
        long long left = deadline - now_ns();
        if (left <= 0 && !timed_out) {
            ::kill(child, SIGKILL);
            timed_out = true;
        }
        if (timed_out || left <= 0)
            left = 100'000'000; // killed: wait for it to go
        const timespec wait{static_cast<time_t>(left / 1'000'000'000LL),
                            static_cast<long>(left % 1'000'000'000LL)};
        const int s = ::sigtimedwait(&waited, nullptr, &wait);
        if (s == SIGTERM || s == SIGINT || s == SIGHUP)
            ::kill(child, s);
    }
    const long long wall = now_ns() - started;

    char line[256];
    const int n = std::snprintf(line, sizeof line,
                                "status=%d wall_ns=%lld utime_us=%lld stime_us=%lld "
                                "maxrss_kib=%ld timed_out=%d\n",
                                status, wall, micros(usage.ru_utime), micros(usage.ru_stime),
                                usage.ru_maxrss, timed_out ? 1 : 0);
    const int fd = ::open(report, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        fail(report);
    if (n <= 0 || !write_all(fd, line, static_cast<std::size_t>(n)) || ::close(fd) != 0)
        fail(report);
    return 0;
}
