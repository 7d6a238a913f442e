#include "linux_test_support.hpp"

#include <sim/cli_terminal.hpp>

using namespace linux_test;

BOOST_AUTO_TEST_CASE(identity_commands) {
    host h;
    check_exec(h.exec("hostname"), "web1\n", "", 0);
    check_exec(h.exec("whoami"), "admin\n", "", 0);
    check_exec(h.exec("id"), "uid=1000(admin) gid=1000(admin) groups=1000(admin),27(sudo)\n", "",
               0);
    check_exec(h.exec("pwd"), "/home/admin\n", "", 0);
    check_exec(h.exec("uname"), "Linux\n", "", 0);
    check_exec(h.exec("uname -n -m"), "web1 " + h.out("uname -m"), "", 0);

    const auto release = h.out("uname -r");
    BOOST_TEST(release.starts_with("6.1.0-"));
    const auto all = h.out("uname -a");
    BOOST_TEST(all.starts_with("Linux web1 " + release.substr(0, release.size() - 1) + " #1 SMP"));
    BOOST_TEST(all.ends_with(" GNU/Linux\n"));
    BOOST_TEST(h.out("cat /proc/version")
                   .starts_with("Linux version " + release.substr(0, release.size() - 1) + " "));
    check_exec(h.exec("uname -q"), "",
               "uname: invalid option -- 'q'\nTry 'uname --help' for more information.\n", 1);

    host root{profile(7, "linux-0001", "root")};
    check_exec(root.exec("id"), "uid=0(root) gid=0(root) groups=0(root)\n", "", 0);
    check_exec(root.exec("pwd"), "/root\n", "", 0);
}

BOOST_AUTO_TEST_CASE(echo_true_false_and_exit) {
    host h;
    check_exec(h.exec("echo hello   \"big  world\" 'it''s' $USER '$HOME' ~"),
               "hello big  world its admin $HOME /home/admin\n", "", 0);
    check_exec(h.exec("echo -n x"), "x", "", 0);
    check_exec(h.exec("true"), "", "", 0);
    check_exec(h.exec("false"), "", "", 1);
    check_exec(h.exec("exit 3\necho unreachable"), "", "", 3);
    check_exec(h.exec("false\nexit"), "", "", 1);
    check_exec(h.exec("sleep 5"), "", "", 0);
}

BOOST_AUTO_TEST_CASE(virtual_files) {
    host h;
    check_exec(h.exec("cat /etc/hostname"), "web1\n", "", 0);
    const auto release = h.out("cat /etc/os-release");
    BOOST_TEST(release.starts_with("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"));
    BOOST_TEST(contains(release, "\nVERSION_ID=\"12\"\n"));
    BOOST_TEST(contains(h.out("cat /etc/hosts"), "127.0.1.1\tweb1\n"));
    BOOST_TEST(h.out("cat /etc/resolv.conf").starts_with("search "));
    BOOST_TEST(contains(h.out("cat /etc/resolv.conf"), "\nnameserver 10."));
    BOOST_TEST(h.out("cat /proc/loadavg").size() > 10u);
    check_exec(h.exec("cat missing"), "", "cat: missing: No such file or directory\n", 1);
    check_exec(h.exec("cat /etc"), "", "cat: /etc: Is a directory\n", 1);
    check_exec(h.exec("cat /etc/hostname missing"), "web1\n",
               "cat: missing: No such file or directory\n", 1);
}

BOOST_AUTO_TEST_CASE(ls_and_cd) {
    host h;
    check_exec(h.exec("ls /etc"), "debian_version\nhostname\nhosts\nos-release\nresolv.conf\n", "",
               0);
    check_exec(h.exec("ls /proc"), "loadavg\nmeminfo\nuptime\nversion\n", "", 0);
    BOOST_TEST(contains(h.out("ls /"), "\netc\nhome\n"));
    check_exec(h.exec("ls"), "", "", 0);
    check_exec(h.exec("ls /nothere"), "",
               "ls: cannot access '/nothere': No such file or directory\n", 2);
    check_exec(h.exec("cd /etc\npwd\ncat hostname\ncd ../proc\npwd"), "/etc\nweb1\n/proc\n", "", 0);
    check_exec(h.exec("cd /nope"), "", "bash: cd: /nope: No such file or directory\n", 1);
}

BOOST_AUTO_TEST_CASE(network_views) {
    host h;
    const auto brief = h.out("ip -br addr");
    BOOST_TEST(brief.starts_with("lo               UNKNOWN        127.0.0.1/8 ::1/128 \n"
                                 "eth0             UP             10."));
    BOOST_TEST(h.out("ip -br a") == brief);
    BOOST_TEST(h.out("ip -br link")
                   .starts_with(
                       "lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n"
                       "eth0             UP             52:54:00:"));
    const auto full = h.out("ip addr");
    BOOST_TEST(full.starts_with("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state "
                                "UNKNOWN group default qlen 1000\n"));
    BOOST_TEST(contains(full, "\n2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 "));
    BOOST_TEST(contains(full, "    inet 10."));
    BOOST_TEST(contains(full, " scope global eth0\n"));

    // The addresses agree between the views: eth0's address is the route's source.
    const auto eth0 = brief.substr(brief.find("eth0"));
    const auto address = eth0.substr(32, eth0.find('/') - 32);
    const auto routes = h.out("ip route");
    BOOST_TEST(routes.starts_with("default via 10."));
    BOOST_TEST(contains(routes, " dev eth0 proto kernel scope link src " + address + "\n"));
    check_exec(h.exec("ip -br addr show eth9"), "", "Device \"eth9\" does not exist.\n", 1);
    check_exec(h.exec("ip foo"), "", "Object \"foo\" is unknown, try \"ip help\".\n", 255);
}

BOOST_AUTO_TEST_CASE(resource_views) {
    host h;
    const auto df = h.out("df -h");
    BOOST_TEST(df.starts_with("Filesystem      Size  Used Avail Use% Mounted on\n"));
    BOOST_TEST(contains(df, "\n/dev/vda1  "));
    BOOST_TEST(contains(df, "% /\n"));
    const auto free = h.out("free -m");
    BOOST_TEST(free.starts_with(
        "               total        used        free      shared  buff/cache   available\n"
        "Mem:    "));
    BOOST_TEST(free.ends_with("\nSwap:              0           0           0\n"));
    BOOST_TEST(h.out("ss -tln").starts_with("State  Recv-Q Send-Q Local Address:Port"));
}

BOOST_AUTO_TEST_CASE(unknown_commands_and_syntax_errors) {
    host h;
    check_exec(h.exec("foo"), "", "bash: foo: command not found\n", 127);
    check_exec(h.exec("foo --bar; echo $?"), "127\n", "bash: foo: command not found\n", 0);
    check_exec(h.exec("/usr/bin/hostname"), "web1\n", "", 0);
    check_exec(h.exec("echo \"open"), "", "bash: unexpected EOF while looking for matching `\"'\n",
               2);
    check_exec(h.exec("&& true"), "", "bash: syntax error near unexpected token `&&'\n", 2);
}

BOOST_AUTO_TEST_CASE(sequences_follow_exit_status_rules) {
    host h;
    check_exec(h.exec("false && echo a || echo b"), "b\n", "", 0);
    check_exec(h.exec("true || echo a; echo c"), "c\n", "", 0);
    check_exec(h.exec("true && echo a && false"), "a\n", "", 1);
    check_exec(h.exec("false; echo $?"), "1\n", "", 0);
    check_exec(h.exec("cat missing || echo fallback"), "fallback\n",
               "cat: missing: No such file or directory\n", 0);
    check_exec(h.exec("echo 'a;b' \"c && d\""), "a;b c && d\n", "", 0);
}

BOOST_AUTO_TEST_CASE(pipes_and_redirections) {
    host h;
    check_exec(h.exec("cat /etc/os-release | grep VERSION_ID"), "VERSION_ID=\"12\"\n", "", 0);
    check_exec(h.exec("ls /etc | wc -l"), "5\n", "", 0);
    check_exec(h.exec("ls /etc | head -n 2"), "debian_version\nhostname\n", "", 0);
    check_exec(h.exec("ls /etc | grep -v host | tail -1"), "resolv.conf\n", "", 0);
    check_exec(h.exec("echo x | grep y"), "", "", 1);
    check_exec(h.exec("cat missing 2>/dev/null"), "", "", 1);
    check_exec(h.exec("cat missing 2>&1"), "cat: missing: No such file or directory\n", "", 1);
    check_exec(h.exec("hostname >/dev/null"), "", "", 0);
    check_exec(h.exec("grep PRETTY < /etc/os-release"),
               "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n", "", 0);
    check_exec(h.exec("echo hi > /tmp/x"), "", "bash: /tmp/x: Read-only file system\n", 1);
}

BOOST_AUTO_TEST_CASE(interactive_session) {
    auto p = profile();
    p.motd = "Welcome to web1";
    host h{p};
    auto shell = h.model->open_cli(boot);
    const auto greeting = shell->greeting();
    BOOST_TEST(greeting.starts_with("Welcome to web1\nLast login: "));
    BOOST_TEST(contains(greeting, " from 10."));
    BOOST_TEST(greeting == h.model->open_cli(boot)->greeting());
    BOOST_TEST(shell->prompt() == "admin@web1:~$ ");
    BOOST_TEST(shell->page_lines(24) == 0u);
    BOOST_TEST(shell->echoes(true));
    BOOST_TEST(!shell->echoes(false));
    BOOST_TEST(shell->crlf(true));
    BOOST_TEST(!shell->crlf(false));

    // A terminal shows stderr like stdout.
    const auto missing = shell->run("cat missing; echo after", boot);
    BOOST_TEST(missing.text == "cat: missing: No such file or directory\nafter\n");
    BOOST_TEST(!missing.end_session);
    shell->run("cd /etc", boot);
    BOOST_TEST(shell->prompt() == "admin@web1:/etc$ ");
    BOOST_TEST(shell->run("ls", boot).text ==
               "debian_version  hostname  hosts  os-release  resolv.conf\n");
    const auto bye = shell->run("exit", boot);
    BOOST_TEST(bye.text == "logout\n");
    BOOST_TEST(bye.end_session);
}

BOOST_AUTO_TEST_CASE(shell_through_the_terminal_with_and_without_pty) {
    host h;
    sim::cli_terminal with_pty{h.model->open_cli(boot), {.pty = true}};
    BOOST_TEST(with_pty.start(boot).ends_with("\r\nadmin@web1:~$ "));
    auto step = with_pty.feed("whoami\r", boot);
    BOOST_REQUIRE_EQUAL(step.segments.size(), 2u);
    BOOST_TEST(step.segments[0].bytes == "whoami\r\n");
    BOOST_TEST(step.segments[1].bytes == "admin\r\nadmin@web1:~$ ");

    sim::cli_terminal piped{h.model->open_cli(boot), {.pty = false}};
    piped.start(boot);
    step = piped.feed("whoami\nexit\n", boot);
    BOOST_REQUIRE_EQUAL(step.segments.size(), 2u);
    BOOST_TEST(step.segments[0].bytes == "admin\nadmin@web1:~$ ");
    BOOST_TEST(step.segments[1].bytes == "logout\n");
    BOOST_TEST(step.closed);
}

BOOST_AUTO_TEST_CASE(time_follows_now) {
    host h;
    const auto date = h.out("date");
    BOOST_TEST(contains(date, " UTC 20"));
    BOOST_TEST(h.exec("date", boot + 1h).out != date);
    BOOST_TEST(h.exec("date", boot + 1h).out == h.exec("date", boot + 1h).out);
    const auto uptime = h.out("uptime");
    BOOST_TEST(uptime.starts_with(" " + date.substr(11, 8) + " up "));
    BOOST_TEST(contains(uptime, ",  1 user,  load average: "));
    BOOST_TEST(h.exec("cat /proc/uptime", boot + 10s).out != h.out("cat /proc/uptime"));
}

BOOST_AUTO_TEST_CASE(same_profile_gives_the_same_bytes) {
    const std::string script =
        "uname -a\nip -br addr\nip addr\nip route\ndf -h\nfree -m\nuptime\ndate\n"
        "cat /etc/resolv.conf /proc/loadavg /proc/meminfo";
    const auto run = [&](const sim::device_profile& p) {
        host h{p};
        return h.model->open_cli(boot)->greeting() + h.exec(script, boot + 5min).out;
    };
    BOOST_TEST(run(profile()) == run(profile()));
    BOOST_TEST(run(profile(7)) != run(profile(8)));
    BOOST_TEST(run(profile(7, "linux-0001")) != run(profile(7, "linux-0002")));
}
