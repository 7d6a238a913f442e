#!/usr/bin/python3
"""fleetsh bench peer: AsyncSSH (Debian's python3-asyncssh), one asyncio event loop in one
process, at most N hosts at once through a semaphore. The contract is README.md beside this
file:

    asyncssh_peer.py --targets targets.json --workload sessions|commands|channels|bulk
        --concurrency N --command "uname -a" [--commands-per-connection 20]
        [--channels-per-connection 10] [--timeout 30]
"""

import asyncio
import sys

import peer_common as pc

pc.quiet_library_noise("asyncssh")

import asyncssh  # noqa: E402 (after the warning filter, which its import trips)

TOOL = "asyncssh"
_READ_SIZE = 65536

# asyncssh's exceptions by fleetsh's class names; HostKeyNotVerifiable is told apart below.
_ASYNCSSH_CLASSES = (
    (asyncssh.PermissionDenied, "auth_failed"),
    (asyncssh.KeyExchangeFailed, "no_common_algorithm"),
    (asyncssh.ProtocolError, "protocol_error"),
    (asyncssh.ChannelOpenError, "channel_open_failed"),
    (asyncssh.ConnectionLost, "disconnected"),
    (asyncssh.DisconnectError, "disconnected"),
)


class _Watched(asyncssh.SSHClient):
    """Tells whether the connection was lost: a command cut off with it ends with no exit
    status, which on a live connection counts as success."""

    lost = False

    def connection_lost(self, exc):
        self.lost = True


class Fleet:
    """Everything a host's run needs, read once before the measured window: the parsed
    known_hosts (one SSHKnownHosts shared by every connection, so that none re-reads the
    file) and the client key."""

    def __init__(self, args, targets):
        self.args = args
        self.targets = targets
        try:
            self.client_keys = [asyncssh.read_private_key(targets.key)]
            self.known_hosts = asyncssh.read_known_hosts(targets.known_hosts)
        except (OSError, ValueError, asyncssh.KeyImportError) as e:
            pc.usage_error(TOOL, "cannot load key or known_hosts: %s" % e)
        self.gate = None

    def _classify(self, exc, phase, target):
        if isinstance(exc, asyncssh.HostKeyNotVerifiable):
            trusted = self.known_hosts.match(target.host, target.host, target.port)[0]
            return "host_key_mismatch" if trusted else "unknown_host_key"
        return pc.classify(exc, phase, _ASYNCSSH_CLASSES)

    async def _connect(self, target):
        """(connection, its _Watched client)."""
        return await asyncssh.create_connection(
            _Watched, target.host, target.port,
            username=self.targets.user,
            client_keys=self.client_keys,
            known_hosts=self.known_hosts,
            kex_algs=["curve25519-sha256"],
            server_host_key_algs=["ssh-ed25519"],
            preferred_auth="publickey",
            agent_path=None,
            password=None,
            config=[],  # no ~/.ssh/config
            x509_trusted_certs=None,
            connect_timeout=self.args.timeout)

    async def _workload(self, conn, watch, outcome):
        async def one_command():
            """--command on a new channel, within --timeout; False if it failed the host."""
            result = await asyncio.wait_for(
                conn.run(self.args.command, check=False, encoding=None), self.args.timeout)
            size = len(result.stdout or b"") + len(result.stderr or b"")
            return outcome.add_command(result.exit_status, size, connected=not watch.lost)

        async def counted_command():
            """--command with its output read as it comes and counted, not kept (bulk)."""
            async with conn.create_process(self.args.command, encoding=None) as process:
                async def drain(stream):
                    total = 0
                    while chunk := await stream.read(_READ_SIZE):
                        total += len(chunk)
                    return total
                sizes = await asyncio.gather(drain(process.stdout), drain(process.stderr))
                await process.wait_closed()
            return outcome.add_command(process.exit_status, sum(sizes),
                                       connected=not watch.lost)

        workload = self.args.workload
        if workload == "sessions":
            await one_command()
        elif workload == "bulk":
            await asyncio.wait_for(counted_command(), self.args.timeout)
        elif workload == "commands":
            for _ in range(self.args.commands_per_connection):
                if not await one_command():
                    break
        else:  # channels: all of them at once on this connection
            runs = [one_command() for _ in range(self.args.channels_per_connection)]
            for r in await asyncio.gather(*runs, return_exceptions=True):
                if isinstance(r, Exception):
                    outcome.fail(self._classify(r, pc.COMMAND, outcome.target), pc.describe(r))

    async def run_host(self, target):
        outcome = pc.HostOutcome(target)
        async with self.gate:
            phase, conn = pc.CONNECT, None
            try:
                conn, watch = await self._connect(target)
                phase = pc.COMMAND
                await self._workload(conn, watch, outcome)
            except Exception as e:  # a host's failure never stops the others
                outcome.fail(self._classify(e, phase, target), pc.describe(e))
            finally:
                if conn is not None:
                    conn.close()
                    try:
                        await asyncio.wait_for(conn.wait_closed(), self.args.timeout)
                    except Exception:
                        pass
        return outcome

    async def run_all(self):
        self.gate = asyncio.Semaphore(self.args.concurrency)
        return await asyncio.gather(*(self.run_host(t) for t in self.targets.hosts))


async def measured(fleet):
    with pc.Window() as window:
        outcomes = await fleet.run_all()
    return outcomes, window


def main():
    args = pc.parse_args(TOOL)
    fleet = Fleet(args, pc.load_targets(TOOL, args.targets))
    outcomes, window = asyncio.run(measured(fleet))
    pc.report(TOOL, asyncssh.__version__, args, outcomes, window)
    return 0


if __name__ == "__main__":
    sys.exit(main())
