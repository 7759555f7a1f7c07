"""Run a local Neo4j Community 5.26 server for policygraph, without Docker.

The server is assembled from Maven Central (the ``org.neo4j:neo4j`` jar and everything it pulls
in, plus the Neo4j Browser jar) into a cache outside the repository, and runs as one plain Java 17
process bound to 127.0.0.1. See docs/neo4j-local.md.

    scripts/neo4j-local start      # fetch on first use, start, print the NEO4J_* exports
    scripts/neo4j-local stop       # SIGTERM, then SIGKILL after --timeout
    scripts/neo4j-local status     # exit 0 and print the exports if running, else exit 1
    scripts/neo4j-local env        # print the exports of the configured server
    scripts/neo4j-local browser    # the Neo4j Browser URL and what to type into it

Only stdout carries the exports (``eval "$(scripts/neo4j-local start)"``); progress goes to stderr.
Call it as a command, not as a module: ``start`` leaves the Java process running detached.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

NEO4J_PATCHES = range(31, -1, -1)  # org.neo4j:neo4j:5.26.31 first, then lower patches
BROWSER_VERSION = "5.24.0"  # newest org.neo4j.client:neo4j-browser on Maven Central
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
MISSING_ARTIFACT = re.compile(r"Could not find artifact|was not found in")
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
JAVA_MAJORS = (17, 21)  # the Java versions Neo4j 5.26 supports
HEAP_INITIAL, HEAP_MAX, PAGECACHE = "512m", "1g", "256m"
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)
DEFAULT_BOLT_PORT, DEFAULT_HTTP_PORT = 7687, 7474
CACHE_ROOT = Path.home() / ".cache" / "policygraph"
PID_FILE = "neo4j.pid"
HOST = "127.0.0.1"
USER = "neo4j"


class LocalNeo4jError(Exception):
    """A failure reported to the user as one line (plus, for start-up, the server log's tail)."""


@dataclass(frozen=True)
class Server:
    """One server home and the ports it listens on."""

    home: Path
    bolt_port: int
    http_port: int

    @property
    def conf(self) -> Path:
        """The generated configuration file."""
        return self.home / "conf" / "neo4j.conf"

    @property
    def pid_file(self) -> Path:
        """Where the running server's process id is kept."""
        return self.home / PID_FILE

    @property
    def password_file(self) -> Path:
        """The generated password of the ``neo4j`` user (mode 0600)."""
        return self.home / "password"

    @property
    def console_log(self) -> Path:
        """The Java process's stdout and stderr of the latest start."""
        return self.home / "logs" / "console.log"


def say(message: str) -> None:
    """Write a progress or status message to stderr."""
    print(f"neo4j-local: {message}", file=sys.stderr, flush=True)


def env_port(name: str) -> int | None:
    """The port in environment variable ``name``, or None when unset."""
    value = os.environ.get(name)
    if not value:
        return None
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise LocalNeo4jError(f"{name}={value!r} is not a TCP port")
    return int(value)


def conf_port(conf: Path, connector: str) -> int | None:
    """The port a previous start wrote for ``connector`` (bolt or http), if any."""
    if not conf.exists():
        return None
    pattern = rf"^server\.{connector}\.listen_address=.*:(\d+)\s*$"
    found = re.search(pattern, conf.read_text(encoding="utf-8"), re.MULTILINE)
    return int(found.group(1)) if found else None


def configured_server() -> Server:
    """The server in $POLICYGRAPH_NEO4J_HOME (or the default home) and its ports.

    A running server keeps the ports it was started with; otherwise the environment wins over
    the home's last configuration, which wins over the defaults.
    """
    home_env = os.environ.get("POLICYGRAPH_NEO4J_HOME")
    home = Path(home_env).expanduser().resolve() if home_env else CACHE_ROOT / "neo4j-server"
    conf = home / "conf" / "neo4j.conf"
    bolt, http = conf_port(conf, "bolt"), conf_port(conf, "http")
    if running_pid(home) is None:
        bolt = env_port("POLICYGRAPH_NEO4J_BOLT_PORT") or bolt
        http = env_port("POLICYGRAPH_NEO4J_HTTP_PORT") or http
    return Server(home, bolt or DEFAULT_BOLT_PORT, http or DEFAULT_HTTP_PORT)


def find_java() -> str:
    """The path of a Java 17 or 21 executable ($JAVA_HOME first, then PATH)."""
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not os.access(java, os.X_OK):
        raise LocalNeo4jError("no java found: install OpenJDK 17 (or set JAVA_HOME)")
    result = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    found = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr)
    if not found:
        raise LocalNeo4jError(f"cannot tell the version of {java}: {result.stderr.strip()}")
    major = int(found.group(2) if found.group(1) == "1" else found.group(1))
    if major not in JAVA_MAJORS:
        raise LocalNeo4jError(f"{java} is Java {major}; Neo4j 5.26 needs Java 17 or 21")
    return java


def cache_dir() -> Path | None:
    """The complete Neo4j cache to use, or None when it must be fetched first."""
    explicit = os.environ.get("POLICYGRAPH_NEO4J_CACHE")
    if explicit:
        cache = Path(explicit).expanduser().resolve()
        return cache if (cache / "VERSION").exists() else None
    complete = [path.parent for path in CACHE_ROOT.glob("neo4j-5.26.*/VERSION")]
    return max(complete, key=lambda path: int(path.name.rsplit(".", 1)[1]), default=None)


def find_maven() -> str:
    """The path of ``mvn``, needed only to fill the cache."""
    mvn = shutil.which("mvn")
    if not mvn:
        raise LocalNeo4jError("Maven (mvn) not found: it is needed once to fetch Neo4j")
    return mvn


def run_maven(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``mvn -B -q`` with ``args`` in ``workdir``."""
    command = [find_maven(), "-B", "-q", *args]
    return subprocess.run(command, cwd=workdir, capture_output=True, text=True, check=False)


def maven_error(result: subprocess.CompletedProcess[str]) -> str:
    """The first error line of a failed Maven run."""
    lines = ANSI_ESCAPE.sub("", result.stdout + result.stderr).splitlines()
    errors = [line for line in lines if "[ERROR]" in line] or lines or ["no output"]
    return errors[0].replace("[ERROR]", "").strip()


def resolve_version(workdir: Path) -> str:
    """The newest org.neo4j:neo4j 5.26 patch on Maven Central, from 5.26.31 down."""
    for patch in NEO4J_PATCHES:
        version = f"5.26.{patch}"
        artifact = f"-Dartifact=org.neo4j:neo4j:{version}:pom"
        result = run_maven(workdir, f"{DEPENDENCY_PLUGIN}:get", artifact, "-Dtransitive=false")
        if result.returncode == 0:
            return version
        if not MISSING_ARTIFACT.search(result.stdout + result.stderr):
            raise LocalNeo4jError(f"Maven failed: {maven_error(result)}")
        say(f"org.neo4j:neo4j:{version} is not on Maven Central, trying a lower patch")
    raise LocalNeo4jError("Maven Central has no org.neo4j:neo4j 5.26.x")


def throwaway_pom(version: str) -> str:
    """A pom whose runtime dependencies are the Neo4j server and the Browser."""
    return f"""<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.policygraph</groupId>
  <artifactId>neo4j-local</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>{version}</version>
    </dependency>
    <dependency>
      <groupId>org.neo4j.client</groupId><artifactId>neo4j-browser</artifactId>
      <version>{BROWSER_VERSION}</version>
    </dependency>
  </dependencies>
</project>
"""


def cached_distribution() -> Path:
    """The complete Neo4j cache, fetched first when there is none. Servers started at once (a
    developer's and the tests') wait on a lock for the one fetch, rather than each replacing
    the jars another is starting from."""
    explicit = os.environ.get("POLICYGRAPH_NEO4J_CACHE")
    root = Path(explicit).expanduser().resolve() if explicit else CACHE_ROOT
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".fetch.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return cache_dir() or fetch_distribution(root, explicit=bool(explicit))


def fetch_distribution(root: Path, explicit: bool) -> Path:
    """Fetch the server and Browser jars with Maven into a new cache under ``root`` (``root``
    itself when it was named explicitly); return the cache."""
    find_maven()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(dir=root, prefix=".fetch-") as tmp:
        workdir = Path(tmp)
        say("fetching Neo4j Community 5.26 from Maven Central (once)")
        version = resolve_version(workdir)
        (workdir / "pom.xml").write_text(throwaway_pom(version), encoding="utf-8")
        staging = workdir / "lib"
        result = run_maven(
            workdir,
            f"{DEPENDENCY_PLUGIN}:copy-dependencies",
            f"-DoutputDirectory={staging}",
            "-DincludeScope=runtime",
        )
        if result.returncode != 0:
            raise LocalNeo4jError(f"Maven could not fetch Neo4j {version}: {maven_error(result)}")
        cache = root if explicit else root / f"neo4j-{version}"
        cache.mkdir(exist_ok=True)
        shutil.rmtree(cache / "lib", ignore_errors=True)  # a fetch interrupted before VERSION
        staging.rename(cache / "lib")
        (cache / "VERSION").write_text(version + "\n", encoding="utf-8")
    jars = list((cache / "lib").glob("*.jar"))
    size = sum(jar.stat().st_size for jar in jars) / 1e6
    elapsed = time.monotonic() - started
    say(f"fetched Neo4j {version}: {len(jars)} jars, {size:.0f} MB, {elapsed:.0f} s → {cache}")
    return cache


def neo4j_conf(server: Server) -> str:
    """The contents of conf/neo4j.conf for ``server``."""
    home = server.home
    return f"""# Generated by scripts/neo4j_local.py at every start; edits are overwritten.
# Heap comes from the java command line (-Xms/-Xmx); the heap lines are for reference.
server.default_listen_address={HOST}
server.default_advertised_address={HOST}
server.bolt.listen_address={HOST}:{server.bolt_port}
server.bolt.advertised_address={HOST}:{server.bolt_port}
server.http.enabled=true
server.http.listen_address={HOST}:{server.http_port}
server.http.advertised_address={HOST}:{server.http_port}
server.https.enabled=false
dbms.security.auth_enabled=true
server.directories.data={home}/data
server.directories.logs={home}/logs
server.directories.run={home}/run
server.directories.import={home}/import
server.memory.heap.initial_size={HEAP_INITIAL}
server.memory.heap.max_size={HEAP_MAX}
server.memory.pagecache.size={PAGECACHE}
dbms.memory.transaction.total.max=512m
db.transaction.timeout=60s
# Grow transaction logs as needed instead of preallocating 256 MB per database.
db.tx_log.preallocate=false
dbms.usage_report.enabled=false
# LOAD CSV: no file:/// URLs, and no http(s)/ftp to any address.
dbms.security.allow_csv_import_from_file_urls=false
internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0
# Stop in about a second instead of Netty's default 2 x 5 s quiet period.
internal.dbms.bolt.netty_server_shutdown_quiet_period=0
"""


def ensure_password(server: Server, java: str, lib: Path) -> str:
    """The ``neo4j`` user's password; on first use generate it and set it with neo4j-admin."""
    if server.password_file.exists():
        return server.password_file.read_text(encoding="utf-8").strip()
    if (server.home / "data" / "databases" / "system").exists():
        raise LocalNeo4jError(
            f"{server.password_file} is missing but the database exists: remove {server.home}"
        )
    # A letter first: a token starting with "-" would be read by neo4j-admin as an option (1 in 64).
    password = "p" + secrets.token_urlsafe(24)
    command = [java, "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool"]
    command += ["dbms", "set-initial-password", password]
    env = {**os.environ, "NEO4J_HOME": str(server.home), "NEO4J_CONF": str(server.conf.parent)}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise LocalNeo4jError(f"set-initial-password failed: {result.stderr.strip()}")
    descriptor = os.open(server.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(password + "\n")
    return password


def read_password(server: Server) -> str:
    """The stored password, or an error when the server was never started."""
    if not server.password_file.exists():
        raise LocalNeo4jError(f"no server set up in {server.home}: run `neo4j-local start`")
    return server.password_file.read_text(encoding="utf-8").strip()


def port_free(port: int) -> bool:
    """Whether 127.0.0.1:``port`` can be bound (as the server will, with SO_REUSEADDR)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def bolt_answers(port: int) -> bool:
    """Whether a Bolt server on ``port`` completes the version handshake."""
    handshake = b"\x60\x60\xb0\x17" + b"\x00\x08\x08\x05" + b"\x00\x00\x04\x04" + bytes(8)
    try:
        with socket.create_connection((HOST, port), timeout=2) as connection:
            connection.sendall(handshake)
            agreed = connection.recv(4)
    except OSError:
        return False
    return len(agreed) == 4 and agreed != bytes(4)


def http_version(port: int) -> str | None:
    """The Neo4j version the HTTP discovery endpoint reports, or None unless it returns 200."""
    try:
        with urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=2) as response:
            if response.status != 200:
                return None
            return str(json.load(response).get("neo4j_version", "?"))
    except (OSError, ValueError):
        return None


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists (reaping it first if it is our exited child)."""
    try:
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def running_pid(home: Path) -> int | None:
    """The pid of the server process of ``home``, removing a stale pid file."""
    pid_file = home / PID_FILE
    try:
        pid = int(pid_file.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    cmdline = Path(f"/proc/{pid}/cmdline")
    ours = pid_alive(pid) and (
        not Path("/proc/self").exists()
        or (cmdline.exists() and f"--home-dir={home}".encode() in cmdline.read_bytes())
    )
    if not ours:
        pid_file.unlink(missing_ok=True)
        return None
    return pid


def log_tail(server: Server, lines: int = 25) -> str:
    """The last lines of the server's console log, indented."""
    try:
        text = server.console_log.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return "  (no server log)"
    return "\n".join("  " + line for line in text.splitlines()[-lines:])


def wait_ready(server: Server, exit_code: Callable[[], int | str | None], timeout: float) -> str:
    """Wait until Bolt answers and HTTP discovery returns 200; return the server version."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        code = exit_code()
        if code is not None:
            raise LocalNeo4jError(
                f"Neo4j exited with status {code} during start-up; "
                f"{server.console_log} ends with:\n{log_tail(server)}"
            )
        version = http_version(server.http_port) if bolt_answers(server.bolt_port) else None
        if version:
            return version
        time.sleep(0.25)
    raise LocalNeo4jError(
        f"Neo4j did not answer on bolt {server.bolt_port} / http {server.http_port} within "
        f"{timeout:.0f} s; {server.console_log} ends with:\n{log_tail(server)}"
    )


def terminate(pid: int, timeout: float) -> None:
    """SIGTERM ``pid``, and SIGKILL it if it has not exited after ``timeout`` seconds."""
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while pid_alive(pid):
        if time.monotonic() > deadline:
            say(f"process {pid} ignored SIGTERM for {timeout:.0f} s, sending SIGKILL")
            os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + 10
        time.sleep(0.1)


def launch(server: Server, java: str, lib: Path) -> subprocess.Popen[bytes]:
    """Start the server as a detached Java process writing to the console log."""
    command = [java, f"-Xms{HEAP_INITIAL}", f"-Xmx{HEAP_MAX}", *JVM_FLAGS, "-cp", f"{lib}/*"]
    command += ["org.neo4j.server.CommunityEntryPoint", f"--home-dir={server.home}"]
    command += [f"--config-dir={server.conf.parent}", "--console-mode"]
    with server.console_log.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=server.home,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server.pid_file.write_text(f"{process.pid}\n", encoding="utf-8")
    return process


def prepare_home(server: Server, java: str, lib: Path) -> str:
    """Create the home's folders and configuration; return the password."""
    for folder in ("conf", "data", "logs", "run", "import"):
        (server.home / folder).mkdir(parents=True, exist_ok=True)
    server.conf.write_text(neo4j_conf(server), encoding="utf-8")
    return ensure_password(server, java, lib)


def exports(server: Server, password: str) -> str:
    """The shell exports a client needs to reach ``server``."""
    return "\n".join(
        [
            f"export NEO4J_URI=bolt://{HOST}:{server.bolt_port}",
            f"export NEO4J_USER={USER}",
            f"export NEO4J_PASSWORD={shlex.quote(password)}",
            f"export NEO4J_HTTP_URL=http://{HOST}:{server.http_port}",
        ]
    )


def start(timeout: float) -> int:
    """Start the server (fetching Neo4j on first use) and print the exports."""
    server = configured_server()
    pid = running_pid(server.home)
    if pid is not None:
        wait_ready(server, lambda: None if pid_alive(pid) else "unknown", timeout)
        say(f"already running (pid {pid}) in {server.home}")
        print(exports(server, read_password(server)))
        return 0
    java = find_java()
    cache = cached_distribution()
    for name, port in (("bolt", server.bolt_port), ("http", server.http_port)):
        if not port_free(port):
            raise LocalNeo4jError(f"port {port} ({name}) on {HOST} is already in use")
    password = prepare_home(server, java, cache / "lib")
    version = (cache / "VERSION").read_text(encoding="utf-8").strip()
    say(f"starting Neo4j {version} in {server.home}")
    started = time.monotonic()
    process = launch(server, java, cache / "lib")
    try:
        served = wait_ready(server, process.poll, timeout)
    except LocalNeo4jError:
        if process.poll() is None:
            terminate(process.pid, 10)
        server.pid_file.unlink(missing_ok=True)
        raise
    elapsed = time.monotonic() - started
    say(f"Neo4j {served} ready in {elapsed:.1f} s (pid {process.pid}); log: {server.console_log}")
    print(exports(server, password))
    return 0


def stop(timeout: float) -> int:
    """Stop the server if it runs; succeed quietly if it does not."""
    server = configured_server()
    pid = running_pid(server.home)
    if pid is None:
        return 0
    say(f"stopping Neo4j (pid {pid})")
    terminate(pid, timeout)
    server.pid_file.unlink(missing_ok=True)
    return 0


def status() -> int:
    """Exit 0 and print the exports if the server answers, else exit 1."""
    server = configured_server()
    pid = running_pid(server.home)
    if pid is None:
        say(f"not running ({server.home})")
        return 1
    if not bolt_answers(server.bolt_port):
        say(f"process {pid} is alive but Bolt on port {server.bolt_port} does not answer")
        return 1
    print(exports(server, read_password(server)))
    return 0


def env() -> int:
    """Print the exports of the configured server, running or not."""
    server = configured_server()
    print(exports(server, read_password(server)))
    return 0


def browser() -> int:
    """Print the Neo4j Browser URL and the connection settings to enter in it."""
    server = configured_server()
    password = read_password(server)
    if running_pid(server.home) is None:
        say("the server is not running: start it with scripts/neo4j-local start")
    print(f"Neo4j Browser:  http://{HOST}:{server.http_port}/browser/")
    print(f"Connect URL:    bolt://{HOST}:{server.bolt_port}")
    print("Database:       neo4j (leave empty for the default)")
    print("Authentication: Username / Password")
    print(f"Username:       {USER}")
    print(f"Password:       {password}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one subcommand."""
    parser = argparse.ArgumentParser(prog="neo4j-local", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    start_parser = commands.add_parser("start", help="start the server and print the exports")
    start_parser.add_argument("--timeout", type=float, default=120, help="seconds (120)")
    stop_parser = commands.add_parser("stop", help="stop the server")
    stop_parser.add_argument("--timeout", type=float, default=30, help="seconds before SIGKILL")
    commands.add_parser("status", help="exit 0 and print the exports if running")
    commands.add_parser("env", help="print the exports of the configured server")
    commands.add_parser("browser", help="print the Neo4j Browser URL and login")
    args = parser.parse_args(argv)
    try:
        if args.command == "start":
            return start(args.timeout)
        if args.command == "stop":
            return stop(args.timeout)
        return {"status": status, "env": env, "browser": browser}[args.command]()
    except (LocalNeo4jError, OSError) as error:
        print(f"neo4j-local: error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
