#include "run_command.hpp"

#include "collect_command.hpp"

#include <jobs/job_file.hpp>

#include <fmt/core.h>

#include <memory>

namespace app {
namespace {

struct run_args {
    std::string job_file;
    bool json = false;
    spdlog::level::level_enum log_level = spdlog::level::info;
};

int run_job_file(const run_args& a) {
    auto loaded = jobs::load_job_file(a.job_file);
    if (auto* errors = std::get_if<inventory::error_list>(&loaded)) {
        for (const auto& e : *errors)
            fmt::print(stderr, "{}\n", e.text());
        return 2;
    }
    auto job = std::get<jobs::collect_job>(std::get<jobs::job>(std::move(loaded)));
    job.json = job.json || a.json;
    return run_collect_job(std::move(job), "fleetsh run", a.log_level);
}

} // namespace

void add_run_command(CLI::App& root, int& exit_code) {
    auto args = std::make_shared<run_args>();
    auto* cmd = root.add_subcommand("run", "Run the job a job file describes (see docs/JOBS.md)");
    cmd->add_option("job", args->job_file, "The job file (YAML)")->required();
    cmd->add_flag("--json", args->json, "Print one JSON line per device on standard output");
    add_log_level_option(cmd, args->log_level);
    cmd->footer(collect_exit_status);
    cmd->callback([args, &exit_code] { exit_code = run_job_file(*args); });
}

} // namespace app
