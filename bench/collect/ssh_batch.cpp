#include "ssh_batch.hpp"

#include <bench/proc.hpp>
#include <bench/report.hpp>
#include <fcntl.h>
#include <sys/wait.h>

#include <test_common/temp_dir.hpp>

#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace collect_bench {

using namespace std::chrono_literals;

namespace {

std::filesystem::path job_file(const ssh_batch_settings& s, std::size_t device, std::size_t command,
                               std::string_view extension) {
    return s.out_dir /
           (std::to_string(device) + "-" + std::to_string(command) + std::string(extension));
}

bench::unique_fd create(const std::filesystem::path& path) {
    bench::unique_fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (fd.get() < 0)
        bench::throw_errno("open " + path.string());
    return fd;
}

std::string last_line(const std::filesystem::path& path) {
    std::string text;
    try {
        text = test_common::read_file(path);
    } catch (const std::exception&) {
        return "";
    }
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    return bench::tail(text, 1);
}

} // namespace

std::filesystem::path ssh_output(const ssh_batch_settings& s, std::size_t device,
                                 std::size_t command) {
    return job_file(s, device, command, ".out");
}

ssh_batch_result run_ssh_batch(const launcher& l, const ssh_batch_settings& s) {
    std::filesystem::create_directories(s.out_dir);
    struct job {
        std::size_t device = 0, command = 0;
    };
    std::vector<bench::child> running;
    std::unordered_map<pid_t, job> jobs;
    ssh_batch_result out;

    const auto start = [&](job j) {
        const auto stdout_fd = create(ssh_output(s, j.device, j.command));
        const auto stderr_fd = create(job_file(s, j.device, j.command, ".err"));
        launch_spec spec;
        spec.argv.push_back(s.ssh.string());
        spec.argv.insert(spec.argv.end(), s.options.begin(), s.options.end());
        spec.argv.insert(spec.argv.end(), {"-p", std::to_string(s.ports.at(j.device)),
                                           s.user + "@" + s.host, s.commands.at(j.command)});
        spec.stdout_fd = stdout_fd.get();
        spec.stderr_fd = stderr_fd.get();
        spec.report = job_file(s, j.device, j.command, ".rusage");
        auto c = l.start(spec);
        jobs.emplace(c.pid, j);
        running.push_back(std::move(c));
    };

    const auto finished = [&](const bench::child_exit& ended) {
        const auto j = jobs.at(ended.pid);
        jobs.erase(ended.pid);
        const auto r = l.finish(ended, job_file(s, j.device, j.command, ".rusage"));
        ++out.processes;
        out.cpu_ms += r.cpu_ms;
        out.launchers_cpu_ms += r.launcher_cpu_ms;
        out.max_rss_kib.push_back(r.max_rss_kib);
        std::error_code ec;
        const auto bytes = std::filesystem::file_size(ssh_output(s, j.device, j.command), ec);
        out.output_bytes += ec ? 0 : bytes;
        const bool exited_0 = WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0 && !r.timed_out;
        if (!exited_0 || ec || bytes == 0) {
            const auto err = last_line(job_file(s, j.device, j.command, ".err"));
            out.failures.push_back("port " + std::to_string(s.ports[j.device]) + " '" +
                                   s.commands[j.command] + "': " + describe(r, l.timeout()) +
                                   (exited_0 ? ", no output" : "") +
                                   (err.empty() ? "" : ": " + err));
        }
        return j;
    };

    const auto t0 = bench::clk::now();
    const auto deadline = t0 + l.timeout();
    std::size_t next_device = 0;
    while (next_device < s.ports.size() && std::ssize(running) < s.concurrency)
        start({next_device++, 0});
    while (!running.empty()) {
        if (bench::clk::now() > deadline)
            // `running`'s children are killed by PID as it goes (their launchers take the ssh
            // processes with them).
            throw std::runtime_error("ssh baseline: " + std::to_string(running.size()) +
                                     " ssh processes still running after " +
                                     std::to_string(l.timeout().count()) + " s; stopped");
        for (const auto& ended : bench::reap_some(running, 200ms)) {
            const auto j = finished(ended);
            // The device's next command, else the next device: each device one ssh at a time.
            if (j.command + 1 < s.commands.size())
                start({j.device, j.command + 1});
            else if (next_device < s.ports.size())
                start({next_device++, 0});
        }
    }
    out.wall_s = bench::seconds(bench::clk::now() - t0);
    return out;
}

} // namespace collect_bench
