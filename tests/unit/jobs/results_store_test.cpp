// The results store on a real temporary folder: names, atomic files, summary, latest link.
#include <jobs/results_store.hpp>
#include <test_common/temp_dir.hpp>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

jobs::results_store open_store(const fs::path& root, const std::string& run) {
    auto opened = jobs::results_store::open(root, run);
    if (auto* e = std::get_if<jobs::write_error>(&opened))
        BOOST_FAIL(e->message);
    return std::move(std::get<jobs::results_store>(opened));
}

jobs::command_record write(jobs::results_store& store, std::string_view device,
                           std::string_view command, std::string_view bytes, bool complete = true) {
    auto r = store.write_output(device, command, bytes, complete, 12ms);
    if (auto* e = std::get_if<jobs::write_error>(&r))
        BOOST_FAIL(e->message);
    return std::get<jobs::command_record>(r);
}

} // namespace

BOOST_AUTO_TEST_SUITE(results_store)

BOOST_AUTO_TEST_CASE(file_safe_names) {
    BOOST_TEST(jobs::file_safe_name("show ip interface brief") == "show_ip_interface_brief");
    BOOST_TEST(jobs::file_safe_name("show run | include ^interface") ==
               "show_run_include_interface");
    BOOST_TEST(jobs::file_safe_name("../../etc/passwd") ==
               "_._.._etc_passwd"); // no "/": stays inside the run
    BOOST_TEST(jobs::file_safe_name("..") == "_.");
    BOOST_TEST(jobs::file_safe_name("") == "_");
    BOOST_TEST(jobs::file_safe_name(std::string(500, 'x')).size() == 96u);
}

BOOST_AUTO_TEST_CASE(outputs_land_in_device_folders_without_overwriting) {
    test_common::temp_dir dir;
    auto store = open_store(dir.path(), "run-1");
    const auto a = write(store, "ios-0001", "show version", "Cisco IOS XE\n");
    const auto b = write(store, "ios-0001", "show  version", "again\n"); // same file name
    const auto c = write(store, "ios-0001", "show clock", "half", false);
    BOOST_TEST(a.file == "ios-0001/show_version.txt");
    BOOST_TEST(b.file == "ios-0001/show_version-2.txt");
    BOOST_TEST(c.file == "ios-0001/show_clock.incomplete.txt");
    BOOST_TEST(!c.complete);
    BOOST_TEST(test_common::read_file(store.run_folder() / a.file) == "Cisco IOS XE\n");
    BOOST_TEST(test_common::read_file(store.run_folder() / b.file) == "again\n");
    BOOST_TEST(a.bytes == 13u);
    // No temporary files are left behind.
    for (const auto& entry : fs::recursive_directory_iterator(store.run_folder()))
        BOOST_TEST(entry.path().filename().string().find(".tmp.") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(summary_accounts_for_every_device) {
    test_common::temp_dir dir;
    auto store = open_store(dir.path(), jobs::make_run_id(std::chrono::system_clock::now()));
    jobs::run_summary s;
    s.run_id = "r";
    s.started = std::chrono::system_clock::time_point{} + std::chrono::hours(24 * 365 * 56);
    jobs::device_record ok{
        .name = "ios-0001", .address = "127.0.0.1", .port = 2201, .platform = "cisco_ios"};
    ok.commands.push_back(write(store, "ios-0001", "show version", "12345"));
    ok.timings_ms = {{"connect", 3}, {"total", 40}};
    jobs::device_record bad{.name = "eos-\"0002\"",
                            .address = "127.0.0.1",
                            .port = 2202,
                            .platform = "arista_eos",
                            .status = jobs::device_status::failed,
                            .error_class = "auth_failed",
                            .error_message = "rejected\nby peer"};
    s.devices = {ok, bad};
    BOOST_REQUIRE(!store.write_summary(s));
    const auto text = test_common::read_file(store.run_folder() / "summary.json");
    const auto v = boost::json::parse(text).as_object();
    BOOST_TEST(v.at("devices_total").as_int64() == 2);
    BOOST_TEST(v.at("devices_ok").as_int64() == 1);
    BOOST_TEST(v.at("devices_failed").as_int64() == 1);
    BOOST_TEST(v.at("finished").is_null());
    BOOST_TEST(v.at("started").as_string() == "2025-12-18T00:00:00Z");
    const auto& devices = v.at("devices").as_array();
    BOOST_TEST(devices[0].at("bytes").as_int64() == 5);
    BOOST_TEST(devices[0].at("commands").as_array()[0].at("file").as_string() ==
               "ios-0001/show_version.txt");
    BOOST_TEST(!devices[0].as_object().contains("error_class"));
    BOOST_TEST(devices[1].at("name").as_string() == "eos-\"0002\"");
    BOOST_TEST(devices[1].at("error_class").as_string() == "auth_failed");
    // --json: one line per device, parseable on its own.
    const auto line = jobs::device_json_line(bad);
    BOOST_TEST(line.find('\n') == line.size() - 1);
    BOOST_TEST(boost::json::parse(line).at("status").as_string() == "failed");
}

BOOST_AUTO_TEST_CASE(latest_points_at_the_newest_run) {
    test_common::temp_dir dir;
    auto first = open_store(dir.path(), "20261126T000000Z-aaaaaa");
    BOOST_REQUIRE(!first.point_latest());
    auto second = open_store(dir.path(), "20261126T000100Z-bbbbbb");
    BOOST_REQUIRE(!second.point_latest());
    BOOST_TEST(fs::is_symlink(dir / "latest"));
    BOOST_TEST(fs::read_symlink(dir / "latest") == "20261126T000100Z-bbbbbb");
    BOOST_TEST(fs::equivalent(dir / "latest", second.run_folder()));
}

BOOST_AUTO_TEST_CASE(run_ids_sort_by_time_and_differ) {
    const auto t = std::chrono::system_clock::time_point{} + std::chrono::hours(24 * 365 * 56);
    const auto a = jobs::make_run_id(t);
    const auto b = jobs::make_run_id(t + 1s);
    BOOST_TEST(a.starts_with("20251218T000000Z-"));
    BOOST_TEST(a.size() == 23u);
    BOOST_TEST(a < b);
    BOOST_TEST(jobs::make_run_id(t) != jobs::make_run_id(t)); // 24 random bits: 1 in 16M
    auto bad = jobs::results_store::open("/tmp", "../escape");
    BOOST_TEST(std::holds_alternative<jobs::write_error>(bad));
}

BOOST_AUTO_TEST_SUITE_END()
