#include <ssh/wire/msg.hpp>

namespace ssh::wire {
namespace {

// Ranges of RFC 4250 §4.1.2, for numbers nobody assigned.
std::string_view range_name(std::uint8_t n) noexcept {
    if (n == 0)
        return "unassigned (0)";
    if (n <= 19)
        return "unassigned (transport generic)";
    if (n <= 29)
        return "unassigned (algorithm negotiation)";
    if (n <= 49)
        return "unassigned (key exchange method specific)";
    if (n <= 59)
        return "unassigned (userauth generic)";
    if (n <= 79)
        return "unassigned (userauth method specific)";
    if (n <= 89)
        return "unassigned (connection generic)";
    if (n <= 127)
        return "unassigned (channel related)";
    if (n <= 191)
        return "unassigned (reserved for client protocols)";
    return "unassigned (local extension)";
}

} // namespace

std::string_view msg_name(std::uint8_t n) noexcept {
    switch (n) {
    case 1:
        return "SSH_MSG_DISCONNECT";
    case 2:
        return "SSH_MSG_IGNORE";
    case 3:
        return "SSH_MSG_UNIMPLEMENTED";
    case 4:
        return "SSH_MSG_DEBUG";
    case 5:
        return "SSH_MSG_SERVICE_REQUEST";
    case 6:
        return "SSH_MSG_SERVICE_ACCEPT";
    case 7:
        return "SSH_MSG_EXT_INFO";
    case 8:
        return "SSH_MSG_NEWCOMPRESS";
    case 20:
        return "SSH_MSG_KEXINIT";
    case 21:
        return "SSH_MSG_NEWKEYS";
    case 30:
        return "SSH_MSG_KEXDH_INIT/KEX_ECDH_INIT/KEX_DH_GEX_REQUEST_OLD";
    case 31:
        return "SSH_MSG_KEXDH_REPLY/KEX_ECDH_REPLY/KEX_DH_GEX_GROUP";
    case 32:
        return "SSH_MSG_KEX_DH_GEX_INIT";
    case 33:
        return "SSH_MSG_KEX_DH_GEX_REPLY";
    case 34:
        return "SSH_MSG_KEX_DH_GEX_REQUEST";
    case 50:
        return "SSH_MSG_USERAUTH_REQUEST";
    case 51:
        return "SSH_MSG_USERAUTH_FAILURE";
    case 52:
        return "SSH_MSG_USERAUTH_SUCCESS";
    case 53:
        return "SSH_MSG_USERAUTH_BANNER";
    case 60:
        return "SSH_MSG_USERAUTH_PK_OK/PASSWD_CHANGEREQ/INFO_REQUEST";
    case 61:
        return "SSH_MSG_USERAUTH_INFO_RESPONSE";
    case 80:
        return "SSH_MSG_GLOBAL_REQUEST";
    case 81:
        return "SSH_MSG_REQUEST_SUCCESS";
    case 82:
        return "SSH_MSG_REQUEST_FAILURE";
    case 90:
        return "SSH_MSG_CHANNEL_OPEN";
    case 91:
        return "SSH_MSG_CHANNEL_OPEN_CONFIRMATION";
    case 92:
        return "SSH_MSG_CHANNEL_OPEN_FAILURE";
    case 93:
        return "SSH_MSG_CHANNEL_WINDOW_ADJUST";
    case 94:
        return "SSH_MSG_CHANNEL_DATA";
    case 95:
        return "SSH_MSG_CHANNEL_EXTENDED_DATA";
    case 96:
        return "SSH_MSG_CHANNEL_EOF";
    case 97:
        return "SSH_MSG_CHANNEL_CLOSE";
    case 98:
        return "SSH_MSG_CHANNEL_REQUEST";
    case 99:
        return "SSH_MSG_CHANNEL_SUCCESS";
    case 100:
        return "SSH_MSG_CHANNEL_FAILURE";
    default:
        return range_name(n);
    }
}

} // namespace ssh::wire
