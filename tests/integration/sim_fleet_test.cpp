// Our client against the simulated fleet: each platform's exec and shell, state that
// persists across connections, paging, quirks, and every fault giving its typed error.
#include "sim_support.hpp"

#include <engine/classify.hpp>
#include <engine/device_error.hpp>

#include <boost/asio/steady_timer.hpp>

#include <algorithm>

using namespace client_support;
using sim_support::running_fleet;
using namespace std::chrono_literals;

namespace {

sim::fleet_options options(std::string mix, std::size_t devices, std::string faults = {},
                           std::string quirks = {}) {
    sim::fleet_options o;
    o.devices = devices;
    o.mix = std::move(mix);
    o.faults = std::move(faults);
    o.quirks = std::move(quirks);
    o.seed = 42;
    o.host_key_types = {ssh::crypto::key_type::ed25519}; // fast to generate
    return o;
}

// The error class's stable name ("auth_failed", ...), as summary.json will print it.
std::string_view class_of(const ssh::asio::error_info& e) {
    return e ? engine::error_class_name(engine::classify(e.code)) : "ok";
}

ssh::asio::exec_options within(std::chrono::milliseconds timeout) {
    ssh::asio::exec_options o;
    o.timeout = timeout;
    return o;
}

// What the device's model answers, computed in the test from the same profile.
std::string expected_exec(const sim::device_info& d, std::string_view command) {
    auto model = sim::make_device_model(d.profile, sim::sim_clock::now());
    BOOST_REQUIRE(model);
    return model->exec(command, sim::sim_clock::now()).out;
}

struct shell_transcript {
    ssh::asio::error_info error;
    std::vector<std::string> reads; // one per expected text, up to and including it
};

// Opens a shell and alternates: wait for expect[i], then send send[i] (if any).
shell_transcript drive_shell(ssh::asio::client_options o, std::vector<std::string> expect,
                             std::vector<std::string> send) {
    return run([&]() -> net::awaitable<shell_transcript> {
        shell_transcript t;
        auto [c, err] = co_await ssh::asio::client::connect(co_await net::this_coro::executor, o);
        if (!c) {
            t.error = err;
            co_return t;
        }
        auto opened = co_await c->open_shell();
        if (!opened.shell) {
            t.error = opened.error;
            co_return t;
        }
        for (std::size_t i = 0; i < expect.size(); ++i) {
            auto r = co_await opened.shell->read_until(expect[i], 10s);
            t.reads.push_back(r.text);
            if (r.error) {
                t.error = r.error;
                break;
            }
            if (i < send.size())
                co_await opened.shell->send(send[i]);
        }
        c->close();
        co_return t;
    });
}

} // namespace

BOOST_AUTO_TEST_SUITE(sim_fleet)

BOOST_AUTO_TEST_CASE(exec_on_every_platform_gives_the_models_bytes) {
    running_fleet f(options("cisco_ios=1,arista_eos=1,juniper_junos=1,linux=1", 4));
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"ios-0001", "show version"},
        {"eos-0001", "show ip interface brief"},
        {"junos-0001", "show interfaces terse"},
        {"linux-0001", "uname -a"},
    };
    for (const auto& [name, command] : cases) {
        const auto& d = f.device(name);
        const auto out = connect_and_exec(f.client_options(d), command);
        BOOST_REQUIRE_MESSAGE(!out.connect_error, name << ": " << out.connect_error.message);
        BOOST_TEST(!out.result.error, name << ": " << out.result.error.message);
        BOOST_TEST(out.result.exit_status.value_or(99) == 0u, name);
        BOOST_TEST(out.result.out.size() > 20u, name);
        BOOST_TEST(out.result.out == expected_exec(d, command), name);
    }
}

BOOST_AUTO_TEST_CASE(linux_exec_reports_stderr_and_exit_codes) {
    running_fleet f(options("linux=1", 1));
    const auto out = connect_and_exec(f.client_options(f.device("linux-0001")), "cat /nonexistent");
    BOOST_REQUIRE(!out.connect_error);
    BOOST_TEST(out.result.out.empty());
    BOOST_TEST(out.result.err.find("No such file or directory") != std::string::npos);
    BOOST_TEST(out.result.exit_status.value_or(0) == 1u);
    const auto missing = connect_and_exec(f.client_options(f.device("linux-0001")), "frobnicate");
    BOOST_TEST(missing.result.exit_status.value_or(0) == 127u);
}

BOOST_AUTO_TEST_CASE(ios_shell_enable_config_and_state_across_connections) {
    running_fleet f(options("cisco_ios=1", 1));
    const auto& d = f.device("ios-0001");
    const auto t =
        drive_shell(f.client_options(d),
                    {"ios-0001>", "Password: ", "ios-0001#", "ios-0001#", "ios-0001(config)#",
                     "ios-0001(config-if)#", "ios-0001(config-if)#", "ios-0001#", "ios-0001#"},
                    {"enable\n", "enable\n", "terminal length 0\n", "configure terminal\n",
                     "interface Loopback99\n", "ip address 10.99.0.1 255.255.255.255\n", "end\n",
                     "show ip interface brief\n"});
    BOOST_REQUIRE_MESSAGE(!t.error, t.error.message);
    BOOST_TEST(t.reads.back().find("Loopback99") != std::string::npos, t.reads.back());
    BOOST_TEST(t.reads.back().find("10.99.0.1") != std::string::npos);
    // The secret is not echoed.
    BOOST_TEST(t.reads[2].find("enable") == std::string::npos, t.reads[2]);
    // The device keeps its running config for the next connection.
    const auto run = connect_and_exec(f.client_options(d), "show running-config");
    BOOST_TEST(run.result.out.find("interface Loopback99") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(pager_pages_until_terminal_length_0) {
    running_fleet f(options("cisco_ios=1", 1));
    const auto& d = f.device("ios-0001");
    const auto t =
        drive_shell(f.client_options(d), {"ios-0001>", " --More-- ", " --More-- ", "ios-0001>"},
                    {"show interfaces\n", " ", "q"});
    BOOST_REQUIRE_MESSAGE(!t.error, t.error.message);
    BOOST_TEST(t.reads.size() == 4u);
    const auto t2 = drive_shell(f.client_options(d), {"ios-0001>", "ios-0001>", "ios-0001>"},
                                {"terminal length 0\n", "show interfaces\n"});
    BOOST_REQUIRE_MESSAGE(!t2.error, t2.error.message);
    BOOST_TEST(t2.reads.back().find("--More--") == std::string::npos);
    BOOST_TEST(t2.reads.back().find("GigabitEthernet") != std::string::npos);
}

// Input typed far ahead of the answers is taken a line at a time as output drains, and every
// command is still answered, in order.
BOOST_AUTO_TEST_CASE(typed_ahead_input_is_answered_in_full) {
    running_fleet f(options("cisco_ios=1", 1));
    auto o = f.client_options(f.device("ios-0001"));
    static constexpr int commands = 300;
    const auto text = run([&]() -> net::awaitable<std::string> {
        auto [c, err] = co_await ssh::asio::client::connect(co_await net::this_coro::executor, o);
        BOOST_REQUIRE_MESSAGE(c, err.message);
        auto opened = co_await c->open_shell();
        BOOST_REQUIRE_MESSAGE(opened.shell, opened.error.message);
        std::string script = "enable\nenable\nterminal length 0\n";
        for (int i = 0; i < commands; ++i)
            script += "show running-config\n";
        co_await opened.shell->send(script + "show clock\n");
        // Prompts: ">" once, "#" after enable, terminal length, each command and show clock.
        auto r = co_await opened.shell->read_until(
            [](std::string_view t) -> std::optional<std::size_t> {
                std::size_t count = 0, at = 0;
                while ((at = t.find("ios-0001#", at)) != std::string_view::npos) {
                    ++at;
                    if (++count == commands + 3)
                        return at + 8;
                }
                return std::nullopt;
            },
            60s);
        BOOST_REQUIRE_MESSAGE(!r.error,
                              r.error.message
                                  << " after " << r.text.size() << " bytes: "
                                  << r.text.substr(r.text.size() > 300 ? r.text.size() - 300 : 0));
        c->close();
        co_return r.text;
    });
    std::size_t configs = 0;
    for (std::size_t at = 0; (at = text.find("Current configuration : ", at)) != std::string::npos;
         ++at)
        ++configs;
    BOOST_TEST(configs == std::size_t{commands});
    BOOST_TEST(text.size() > std::size_t{commands} * 1000);
}

BOOST_AUTO_TEST_CASE(junos_commit_shows_in_later_output) {
    running_fleet f(options("juniper_junos=1", 1));
    const auto& d = f.device("junos-0001");
    const std::string op = "admin@junos-0001> ", cfg = "admin@junos-0001# ";
    const auto t =
        drive_shell(f.client_options(d), {op, cfg, cfg, cfg, cfg, op},
                    {"configure\n", "set interfaces lo0 unit 0 family inet address 10.77.0.1/32\n",
                     "show | compare\n", "commit\n", "exit\n"});
    BOOST_REQUIRE_MESSAGE(!t.error, t.error.message);
    BOOST_TEST(t.reads[3].find("+") != std::string::npos, t.reads[3]);
    BOOST_TEST(t.reads[4].find("commit complete") != std::string::npos, t.reads[4]);
    const auto shown = connect_and_exec(f.client_options(d), "show configuration | display set");
    BOOST_TEST(shown.result.out.find("10.77.0.1/32") != std::string::npos, shown.result.out);
}

BOOST_AUTO_TEST_CASE(eos_json_output) {
    running_fleet f(options("arista_eos=1", 1));
    const auto out =
        connect_and_exec(f.client_options(f.device("eos-0001")), "show version | json");
    BOOST_REQUIRE(!out.connect_error);
    BOOST_TEST(out.result.out.find("\"serialNumber\"") != std::string::npos, out.result.out);
}

BOOST_AUTO_TEST_CASE(quirk_single_exec_closes_after_one_channel) {
    running_fleet f(options("cisco_ios=1", 1, {}, "single-exec"));
    auto o = f.client_options(f.device("ios-0001"));
    const auto [first, second] =
        run([&]() -> net::awaitable<std::pair<ssh::asio::exec_result, ssh::asio::exec_result>> {
            auto [c, err] =
                co_await ssh::asio::client::connect(co_await net::this_coro::executor, o);
            BOOST_REQUIRE_MESSAGE(c, err.message);
            auto a = co_await c->exec("show clock", within(10s));
            auto b = co_await c->exec("show clock", within(10s));
            c->close();
            co_return std::pair{std::move(a), std::move(b)};
        });
    BOOST_TEST(!first.error, first.error.message);
    BOOST_TEST(!first.out.empty());
    BOOST_TEST(static_cast<bool>(second.error), "a second exec on the same connection must fail");
}

BOOST_AUTO_TEST_CASE(quirk_max_sessions_refuses_the_extra_channel) {
    running_fleet f(options("linux=1", 1, {}, "max-sessions=1"));
    auto o = f.client_options(f.device("linux-0001"));
    const auto second = run([&]() -> net::awaitable<ssh::asio::exec_result> {
        auto [c, err] = co_await ssh::asio::client::connect(co_await net::this_coro::executor, o);
        BOOST_REQUIRE_MESSAGE(c, err.message);
        auto held = co_await c->open_shell(); // the one session allowed
        BOOST_REQUIRE_MESSAGE(held.shell, held.error.message);
        auto second = co_await c->exec("hostname", within(10s));
        c->close();
        co_return second;
    });
    BOOST_TEST(class_of(second.error) == "channel_open_failed", second.error.message);
}

BOOST_AUTO_TEST_CASE(quirks_banner_motd_and_odd_prompt) {
    running_fleet f(
        options("cisco_ios=1", 1, {}, "banner=Lab use only;motd=Change freeze;odd-prompt"));
    const auto& d = f.device("ios-0001");
    BOOST_TEST(d.profile.hostname != d.profile.name);
    auto o = f.client_options(d);
    auto banner = std::make_shared<std::string>();
    o.on_banner = [banner](std::string_view text) { *banner += text; };
    const auto t = drive_shell(o, {d.profile.hostname + ">"}, {});
    BOOST_REQUIRE_MESSAGE(!t.error, t.error.message);
    BOOST_TEST(banner->find("Lab use only") != std::string::npos, *banner);
    BOOST_TEST(t.reads[0].find("Change freeze") != std::string::npos, t.reads[0]);
}

BOOST_AUTO_TEST_CASE(each_fault_gives_its_typed_error) {
    running_fleet f(options("linux=1", 8,
                            "auth-reject@linux-0001;kex-close@linux-0002;banner-stall@linux-0003;"
                            "hang@linux-0004;drop-output@linux-0005;hostkey-change@linux-0006;"
                            "latency=200ms@linux-0007;trickle=2000@linux-0008"));
    const auto attempt = [&](std::string_view name, std::string command) {
        auto o = f.client_options(f.device(name));
        o.kex_timeout = 2s;
        return run([&]() -> net::awaitable<exec_outcome> {
            exec_outcome out;
            auto [c, err] =
                co_await ssh::asio::client::connect(co_await net::this_coro::executor, o);
            out.connect_error = err;
            if (c) {
                out.result = co_await c->exec(command, within(2s));
                c->close();
            }
            co_return out;
        });
    };
    BOOST_TEST(class_of(attempt("linux-0001", "true").connect_error) == "auth_failed");
    const auto kex = attempt("linux-0002", "true").connect_error;
    BOOST_TEST((class_of(kex) == "disconnected" || class_of(kex) == "connection_reset"),
               kex.message);
    BOOST_TEST(class_of(attempt("linux-0003", "true").connect_error) == "connect_timeout");
    BOOST_TEST(class_of(attempt("linux-0004", "uname -a").result.error) == "command_timeout");
    const auto dropped = attempt("linux-0005", "cat /etc/os-release");
    BOOST_TEST(static_cast<bool>(dropped.result.error), "a dropped connection must be an error");
    BOOST_TEST(dropped.result.out.size() <
               expected_exec(f.device("linux-0005"), "cat /etc/os-release").size());
    BOOST_TEST(class_of(attempt("linux-0006", "true").connect_error) == "host_key_mismatch");
    for (const auto* slow : {"linux-0007", "linux-0008"}) {
        const auto r = attempt(slow, "uname -a");
        BOOST_TEST(!r.result.error, slow << ": " << r.result.error.message);
        BOOST_TEST(r.result.out == expected_exec(f.device(slow), "uname -a"), slow);
    }
}

// A shell command that never finishes: the read times out, and what did arrive (the echo of
// the command) comes back with the error.
BOOST_AUTO_TEST_CASE(hung_shell_read_times_out_with_partial_output) {
    running_fleet f(options("cisco_ios=1", 1, "hang"));
    auto o = f.client_options(f.device("ios-0001"));
    const auto r = run([&]() -> net::awaitable<ssh::asio::read_result> {
        auto [c, err] = co_await ssh::asio::client::connect(co_await net::this_coro::executor, o);
        BOOST_REQUIRE_MESSAGE(c, err.message);
        auto opened = co_await c->open_shell();
        BOOST_REQUIRE_MESSAGE(opened.shell, opened.error.message);
        auto prompt = co_await opened.shell->read_until("ios-0001>", 10s);
        BOOST_REQUIRE_MESSAGE(!prompt.error, prompt.error.message);
        co_await opened.shell->send("show version\n");
        auto stuck = co_await opened.shell->read_until("ios-0001>", 1s);
        c->close();
        co_return stuck;
    });
    BOOST_TEST(class_of(r.error) == "command_timeout", r.error.message);
    BOOST_TEST(r.text == "show version\r\n");
}

BOOST_AUTO_TEST_CASE(conn_limit_refuses_the_extra_connection) {
    running_fleet f(options("linux=1", 1, "conn-limit=1"));
    auto o = f.client_options(f.device("linux-0001"));
    const auto [first, second] =
        run([&]() -> net::awaitable<std::pair<ssh::asio::error_info, ssh::asio::error_info>> {
            const auto ex = co_await net::this_coro::executor;
            auto [a, ea] = co_await ssh::asio::client::connect(ex, o);
            auto [b, eb] = co_await ssh::asio::client::connect(ex, o);
            for (auto* c : {a.get(), b.get()})
                if (c)
                    c->close();
            co_return std::pair{ea, eb};
        });
    BOOST_TEST(!first.code, first.message);
    BOOST_TEST(static_cast<bool>(second.code), "the second connection must be refused");
    const auto stats = f.on_fleet([](sim::fleet& fl) { return fl.stats(); });
    BOOST_TEST(stats.refused == 1u);
}

BOOST_AUTO_TEST_CASE(one_loopback_address_per_device) {
    auto o = options("linux=1", 3);
    o.listen = "127.0.0.10";
    o.address_per_device = true;
    running_fleet f(o);
    for (const auto& [name, address] :
         {std::pair{"linux-0001", "127.0.0.10"}, std::pair{"linux-0002", "127.0.0.11"},
          std::pair{"linux-0003", "127.0.0.12"}}) {
        const auto& d = f.device(name);
        BOOST_TEST(d.address == address);
        const auto out = connect_and_exec(f.client_options(d), "hostname");
        BOOST_TEST(out.result.out == std::string(name) + "\n",
                   name << ": " << out.connect_error.message);
    }
}

// Host keys kept in a folder: a restarted fleet presents the same keys, so the known_hosts
// written the first time stays valid.
BOOST_AUTO_TEST_CASE(host_keys_survive_a_restart) {
    test_common::temp_dir keys;
    auto o = options("cisco_ios=1,linux=1", 2);
    o.host_key_types = {ssh::crypto::key_type::ed25519, ssh::crypto::key_type::ecdsa_nistp256};
    o.host_key_dir = keys.path();
    std::vector<std::string> first, second;
    {
        running_fleet f(o);
        for (const auto& d : f.devices())
            for (const auto& k : d.host_keys)
                first.push_back(k.to_line());
    }
    BOOST_TEST(std::filesystem::exists(keys / "ios-0001.ed25519"));
    running_fleet again(o);
    for (const auto& d : again.devices())
        for (const auto& k : d.host_keys)
            second.push_back(k.to_line());
    BOOST_TEST(first.size() == 4u);
    BOOST_TEST((first == second));
    const auto out = connect_and_exec(again.client_options(again.device("linux-0001")), "true");
    BOOST_TEST(!out.connect_error, out.connect_error.message);
}

// Scale: a thousand devices in one process, every one answering, 32 clients at a time.
BOOST_AUTO_TEST_CASE(a_thousand_devices_all_answer) {
    running_fleet f(options("cisco_ios=60,arista_eos=20,juniper_junos=10,linux=10", 1000));
    const auto& devices = f.devices();
    std::size_t answered = 0, next = 0;
    std::vector<std::string> failures;
    run(
        [&]() -> net::awaitable<int> {
            const auto ex = co_await net::this_coro::executor;
            auto worker = [&]() -> net::awaitable<void> {
                while (next < devices.size()) {
                    const auto& d = devices[next++];
                    const auto command = d.profile.platform == "linux" ? "hostname" : "show clock";
                    auto [c, err] = co_await ssh::asio::client::connect(ex, f.client_options(d));
                    if (!c) {
                        failures.push_back(d.profile.name + ": " + err.message);
                        continue;
                    }
                    auto r = co_await c->exec(command, within(20s));
                    c->close();
                    if (r.error || r.out.empty())
                        failures.push_back(d.profile.name + ": " + r.error.message);
                    else
                        ++answered;
                }
            };
            std::vector<std::shared_ptr<bool>> done;
            for (int i = 0; i < 32; ++i) {
                auto flag = std::make_shared<bool>(false);
                done.push_back(flag);
                net::co_spawn(ex, worker(), [flag](std::exception_ptr) { *flag = true; });
            }
            net::steady_timer poll(ex);
            while (!std::all_of(done.begin(), done.end(), [](auto& d) { return *d; })) {
                poll.expires_after(20ms);
                co_await poll.async_wait(net::use_awaitable);
            }
            co_return 0;
        },
        std::chrono::seconds(300));
    BOOST_TEST(answered == 1000u);
    BOOST_TEST(failures.empty(),
               failures.size() << " failed, first: " << (failures.empty() ? "" : failures.front()));
    const auto stats = f.on_fleet([](sim::fleet& fl) { return fl.stats(); });
    BOOST_TEST(stats.authenticated == 1000u);
}

BOOST_AUTO_TEST_SUITE_END()
