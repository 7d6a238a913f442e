#pragma once
// Pseudo-terminal requests (RFC 4254 §6.2, §6.7) and the encoded terminal modes (§8).

#include <boost/system/error_code.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ssh::connection {

// Opcodes of the encoded terminal modes (RFC 4254 §8; IUTF8 from RFC 8160). Opcodes 1-159
// carry a uint32 argument; 160-255 are undefined.
namespace tty_op {
inline constexpr std::uint8_t end = 0; // TTY_OP_END
// Special characters.
inline constexpr std::uint8_t vintr = 1;
inline constexpr std::uint8_t vquit = 2;
inline constexpr std::uint8_t verase = 3;
inline constexpr std::uint8_t vkill = 4;
inline constexpr std::uint8_t veof = 5;
inline constexpr std::uint8_t veol = 6;
inline constexpr std::uint8_t veol2 = 7;
inline constexpr std::uint8_t vstart = 8;
inline constexpr std::uint8_t vstop = 9;
inline constexpr std::uint8_t vsusp = 10;
inline constexpr std::uint8_t vdsusp = 11;
inline constexpr std::uint8_t vreprint = 12;
inline constexpr std::uint8_t vwerase = 13;
inline constexpr std::uint8_t vlnext = 14;
inline constexpr std::uint8_t vflush = 15;
inline constexpr std::uint8_t vswtch = 16;
inline constexpr std::uint8_t vstatus = 17;
inline constexpr std::uint8_t vdiscard = 18;
// Input flags.
inline constexpr std::uint8_t ignpar = 30;
inline constexpr std::uint8_t parmrk = 31;
inline constexpr std::uint8_t inpck = 32;
inline constexpr std::uint8_t istrip = 33;
inline constexpr std::uint8_t inlcr = 34;
inline constexpr std::uint8_t igncr = 35;
inline constexpr std::uint8_t icrnl = 36;
inline constexpr std::uint8_t iuclc = 37;
inline constexpr std::uint8_t ixon = 38;
inline constexpr std::uint8_t ixany = 39;
inline constexpr std::uint8_t ixoff = 40;
inline constexpr std::uint8_t imaxbel = 41;
inline constexpr std::uint8_t iutf8 = 42;
// Local flags.
inline constexpr std::uint8_t isig = 50;
inline constexpr std::uint8_t icanon = 51;
inline constexpr std::uint8_t xcase = 52;
inline constexpr std::uint8_t echo = 53;
inline constexpr std::uint8_t echoe = 54;
inline constexpr std::uint8_t echok = 55;
inline constexpr std::uint8_t echonl = 56;
inline constexpr std::uint8_t noflsh = 57;
inline constexpr std::uint8_t tostop = 58;
inline constexpr std::uint8_t iexten = 59;
inline constexpr std::uint8_t echoctl = 60;
inline constexpr std::uint8_t echoke = 61;
inline constexpr std::uint8_t pendin = 62;
// Output flags.
inline constexpr std::uint8_t opost = 70;
inline constexpr std::uint8_t olcuc = 71;
inline constexpr std::uint8_t onlcr = 72;
inline constexpr std::uint8_t ocrnl = 73;
inline constexpr std::uint8_t onocr = 74;
inline constexpr std::uint8_t onlret = 75;
// Control flags.
inline constexpr std::uint8_t cs7 = 90;
inline constexpr std::uint8_t cs8 = 91;
inline constexpr std::uint8_t parenb = 92;
inline constexpr std::uint8_t parodd = 93;
// Baud rates.
inline constexpr std::uint8_t ispeed = 128;
inline constexpr std::uint8_t ospeed = 129;
// The last opcode with a uint32 argument.
inline constexpr std::uint8_t last_defined = 159;
} // namespace tty_op

struct tty_mode {
    std::uint8_t opcode = tty_op::end;
    std::uint32_t value = 0;
};

// Characters and pixels; pixels are 0 when unknown (RFC 4254 §6.2).
struct terminal_size {
    std::uint32_t cols = 80;
    std::uint32_t rows = 24;
    std::uint32_t width_px = 0;
    std::uint32_t height_px = 0;
};

struct pty_request {
    std::string term = "vt100"; // TERM, e.g. "xterm-256color"
    terminal_size size;
    std::vector<tty_mode> modes; // encoded in this order
};

// The "encoded terminal modes" string body (RFC 4254 §8): each mode as byte opcode and uint32
// value, then TTY_OP_END. An opcode outside 1-159 is invalid_argument and yields nothing.
std::vector<std::uint8_t> encode_tty_modes(std::span<const tty_mode> modes,
                                           boost::system::error_code& ec);

} // namespace ssh::connection
