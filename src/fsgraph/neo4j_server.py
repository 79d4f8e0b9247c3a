"""Install, start and stop a local Neo4j 5.26 LTS community server, for the tests and for local use.

Neo4j publishes no server tarball to Maven Central, but every jar of the community server is there:
the runtime dependencies of ``org.neo4j:neo4j`` make up the ``lib/`` folder of the distribution, and
its own bootloader (``org.neo4j.server.startup.Neo4jCommand``, what ``bin/neo4j`` runs) starts and
stops the server. Maven fetches them with strict checksums, and each jar is checked once more against
the ``.sha1`` file the repository served, before the install is moved into place.

Each instance lives in its own folder (``conf/``, ``data/``, ``logs/``, ``run/``), so several can run
side by side on different ports against one install. Command line::

    python -m fsgraph.neo4j_server start --port 7687     # or scripts/neo4j-server start --port 7687
    python -m fsgraph.neo4j_server stop --port 7687
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import EngineError

NEO4J_VERSION = "5.26.30"
# Pinned so the install does not depend on whatever plugin version Maven would pick.
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
DEFAULT_USER = "neo4j"
DEFAULT_BOLT_PORT = 7687
START_TIMEOUT = 120.0
STOP_TIMEOUT = 120.0
INSTALL_TIMEOUT = 1200.0

_BOOT = "org.neo4j.server.startup.Neo4jCommand"
_ADMIN = "org.neo4j.server.startup.Neo4jAdminCommand"
_STAMP = ".installed"
_MANIFEST = "SHA1SUMS"
_INSTANCE_FILE = "instance.json"

_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>fsgraph.local</groupId>
  <artifactId>neo4j-community-server</artifactId>
  <version>{version}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId>
      <artifactId>neo4j</artifactId>
      <version>{version}</version>
    </dependency>
  </dependencies>
</project>
"""


class Neo4jServerError(EngineError):
    """Neo4j could not be installed, started or stopped."""


def _say(message: str) -> None:
    print(f"neo4j-server: {message}", file=sys.stderr, flush=True)


def cache_root() -> Path:
    """``$FSGRAPH_CACHE``, else ``~/.cache/fsgraph``."""
    configured = os.environ.get("FSGRAPH_CACHE")
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "fsgraph"


def install_dir(version: str = NEO4J_VERSION) -> Path:
    return cache_root() / f"neo4j-community-{version}"


def _tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"({path} is missing)"
    return "\n".join(text.splitlines()[-lines:]) or f"({path} is empty)"


def _sha1(path: Path) -> str:
    digest = hashlib.sha1()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _is_installed(home: Path, version: str) -> bool:
    stamp, manifest = home / _STAMP, home / _MANIFEST
    if not stamp.is_file() or stamp.read_text().strip() != version or not manifest.is_file():
        return False
    names = [line.split(maxsplit=1)[1] for line in manifest.read_text().splitlines() if line.strip()]
    return bool(names) and all((home / "lib" / name).is_file() for name in names)


def _verify_against_repository(lib: Path, repo: Path) -> list[tuple[str, str]]:
    """Check every jar in ``lib`` against the ``.sha1`` file Maven downloaded with it."""
    expected: dict[str, set[str]] = {}
    for sha_file in repo.rglob("*.jar.sha1"):
        words = sha_file.read_text(encoding="ascii", errors="replace").split()
        if words:
            expected.setdefault(sha_file.name.removesuffix(".sha1"), set()).add(words[0].lower())
    checked = []
    for jar in sorted(lib.glob("*.jar")):
        actual = _sha1(jar)
        sums = expected.get(jar.name)
        if not sums:
            raise Neo4jServerError(f"no checksum file from the repository for {jar.name}")
        if actual not in sums:
            raise Neo4jServerError(f"checksum mismatch for {jar.name}: got {actual}, repository says {sums}")
        checked.append((actual, jar.name))
    if not checked:
        raise Neo4jServerError(f"Maven copied no jars into {lib}")
    return checked


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_installed(version: str = NEO4J_VERSION) -> Path:
    """Return the Neo4j home for ``version``, downloading it from the Maven repository the first time.

    Idempotent and quick once installed; a lock keeps concurrent callers from installing twice.
    """
    home = install_dir(version)
    if _is_installed(home, version):
        return home
    with _locked(cache_root() / f".{home.name}.lock"):
        if _is_installed(home, version):
            return home
        mvn = shutil.which("mvn")
        if mvn is None:
            raise Neo4jServerError("Maven (mvn) is needed to install Neo4j and is not on PATH")
        _say(f"installing Neo4j {version} community into {home} (once; about a minute)")
        stage = home.with_name(f"{home.name}.partial-{os.getpid()}")
        shutil.rmtree(stage, ignore_errors=True)
        stage.mkdir(parents=True)
        try:
            (stage / "pom.xml").write_text(_POM.format(version=version), encoding="utf-8")
            log = stage / "maven.log"
            command = [
                mvn,
                "--batch-mode",
                "--no-transfer-progress",
                "--strict-checksums",
                "-f",
                str(stage / "pom.xml"),
                # A private local repository: every jar and its .sha1 come from this download.
                f"-Dmaven.repo.local={stage / 'm2'}",
                f"{DEPENDENCY_PLUGIN}:copy-dependencies",
                f"-DoutputDirectory={stage / 'lib'}",
                "-DincludeScope=runtime",
            ]
            with log.open("w") as out:
                try:
                    result = subprocess.run(
                        command, stdout=out, stderr=subprocess.STDOUT, timeout=INSTALL_TIMEOUT, check=False
                    )
                except subprocess.TimeoutExpired as exc:
                    raise Neo4jServerError(f"Maven took over {INSTALL_TIMEOUT:.0f}s fetching Neo4j") from exc
            if result.returncode != 0:
                raise Neo4jServerError(
                    f"Maven could not fetch org.neo4j:neo4j:{version} (exit {result.returncode}):\n"
                    + _tail(log, 30)
                )
            checked = _verify_against_repository(stage / "lib", stage / "m2")
            (stage / _MANIFEST).write_text("".join(f"{s}  {n}\n" for s, n in checked), encoding="utf-8")
            shutil.rmtree(stage / "m2")
            (stage / _STAMP).write_text(version + "\n", encoding="utf-8")
            shutil.rmtree(home, ignore_errors=True)
            stage.rename(home)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        _say(f"installed Neo4j {version}: {len(checked)} jars, each checked against its .sha1")
    return home


def java_command() -> str:
    """The ``java`` the bootloader will also use: ``$JAVA_HOME/bin/java``, else the one on PATH."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise Neo4jServerError("Java 17 or 21 is needed to run Neo4j 5.26 and no java is on PATH")
    return found


def free_ports(count: int = 2) -> list[int]:
    """``count`` distinct ports free on 127.0.0.1 (all held open together so none repeats)."""
    with contextlib.ExitStack() as stack:
        sockets = []
        for _ in range(count):
            sock = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A reused pid that is not a JVM is not our server.
    with contextlib.suppress(OSError):
        return b"java" in Path(f"/proc/{pid}/cmdline").read_bytes()
    return True


@dataclass
class Neo4jServer:
    """One server instance: its install (``home``), its own folder (``base``) and its ports."""

    home: Path
    base: Path
    bolt_port: int
    http_port: int
    password: str
    user: str = DEFAULT_USER
    version: str = NEO4J_VERSION

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def http_uri(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)

    @property
    def conf_dir(self) -> Path:
        return self.base / "conf"

    @property
    def log_file(self) -> Path:
        return self.base / "logs" / "neo4j.log"

    @property
    def pid(self) -> int | None:
        """The server JVM's pid while it runs, else None."""
        try:
            pid = int((self.base / "run" / "neo4j.pid").read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if _pid_alive(pid) else None

    def driver(self, **config: Any) -> Any:
        """A ``neo4j.Driver`` for this server; the caller closes it (``with server.driver() as d:``)."""
        from neo4j import GraphDatabase

        return GraphDatabase.driver(self.uri, auth=self.auth, **config)

    def _conf_lines(self) -> list[str]:
        base = self.base
        return [
            f"server.directories.data={base / 'data'}",
            f"server.directories.logs={base / 'logs'}",
            f"server.directories.run={base / 'run'}",
            f"server.directories.import={base / 'import'}",
            f"server.directories.plugins={base / 'plugins'}",
            # Loopback only: nothing outside this machine can reach a test or development server.
            "server.default_listen_address=127.0.0.1",
            "server.default_advertised_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{self.bolt_port}",
            f"server.bolt.advertised_address=127.0.0.1:{self.bolt_port}",
            "server.http.enabled=true",
            f"server.http.listen_address=127.0.0.1:{self.http_port}",
            f"server.http.advertised_address=127.0.0.1:{self.http_port}",
            "server.https.enabled=false",
            # Sized for a 2-core / 24 GB machine that also runs the test suite.
            "server.memory.heap.initial_size=512m",
            "server.memory.heap.max_size=1g",
            "server.memory.pagecache.size=512m",
            # Without these each database preallocates 256 MB of transaction log.
            "db.tx_log.preallocate=false",
            "db.tx_log.rotation.size=16M",
            "dbms.usage_report.enabled=false",
            # Bolt otherwise waits 5 s for idle worker threads at shutdown.
            "internal.server.bolt.thread_pool_shutdown_wait_time=1s",
            # The JVM options the stock neo4j.conf of 5.26 ships.
            "server.jvm.additional=-XX:+UseG1GC",
            "server.jvm.additional=-XX:-OmitStackTraceInFastThrow",
            "server.jvm.additional=-XX:+ExitOnOutOfMemoryError",
            "server.jvm.additional=-XX:+DisableExplicitGC",
            "server.jvm.additional=-Djdk.nio.maxCachedBufferSize=1024",
            "server.jvm.additional=-Dio.netty.tryReflectionSetAccessible=true",
            "server.jvm.additional=--add-opens=java.base/java.nio=ALL-UNNAMED",
            "server.jvm.additional=--add-opens=java.base/java.io=ALL-UNNAMED",
            "server.jvm.additional=--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "server.jvm.additional=--enable-native-access=ALL-UNNAMED",
            "server.jvm.additional=-Dlog4j2.disable.jmx=true",
            "server.jvm.additional=-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
        ]

    def _run(self, main: str, *args: str, timeout: float) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, NEO4J_HOME=str(self.home), NEO4J_CONF=str(self.conf_dir))
        # The bootloader and neo4j-admin need little memory; the server's heap is set in neo4j.conf.
        command = [java_command(), "-Xmx256m", "-XX:+UseSerialGC", "-cp", f"{self.home / 'lib'}/*", main]
        try:
            return subprocess.run(
                [*command, *args],
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise Neo4jServerError(f"`neo4j {' '.join(args)}` took over {timeout:.0f}s") from exc

    def initialise(self) -> None:
        """Create the instance folder, write ``conf/neo4j.conf`` and set the initial password."""
        for sub in ("conf", "data", "logs", "run", "import", "plugins"):
            (self.base / sub).mkdir(parents=True, exist_ok=True)
        self.write_conf()
        # "--" ends the options: a password may begin with "-" (token_urlsafe makes one in 64 so).
        result = self._run(_ADMIN, "dbms", "set-initial-password", "--", self.password, timeout=120)
        if result.returncode != 0:
            raise Neo4jServerError(
                f"neo4j-admin dbms set-initial-password failed (exit {result.returncode}):\n"
                + (result.stdout + result.stderr).strip()[-3000:]
            )
        self._save()

    def write_conf(self) -> None:
        self.conf_dir.mkdir(parents=True, exist_ok=True)
        (self.conf_dir / "neo4j.conf").write_text("\n".join(self._conf_lines()) + "\n", encoding="utf-8")

    def _save(self) -> None:
        path = self.base / _INSTANCE_FILE
        record = {
            "version": self.version,
            "bolt_port": self.bolt_port,
            "http_port": self.http_port,
            "user": self.user,
            "password": self.password,
        }
        # The password is in it: readable by its owner only.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(record, handle, indent=2)

    @classmethod
    def load(cls, base: Path, home: Path | None = None) -> Neo4jServer:
        """The instance recorded in ``base`` by an earlier start."""
        try:
            record = json.loads((base / _INSTANCE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise Neo4jServerError(f"{base} holds no Neo4j instance ({exc})") from exc
        version = record.get("version", NEO4J_VERSION)
        return cls(
            home=home or install_dir(version),
            base=base,
            bolt_port=int(record["bolt_port"]),
            http_port=int(record["http_port"]),
            password=record["password"],
            user=record.get("user", DEFAULT_USER),
            version=version,
        )

    def log_tail(self, lines: int = 40) -> str:
        text = _tail(self.log_file, lines)
        debug = self.base / "logs" / "debug.log"
        errors = [line for line in _tail(debug, 400).splitlines() if " ERROR " in line or " WARN " in line]
        if errors:
            text += "\n--- warnings and errors in debug.log ---\n" + "\n".join(errors[-15:])
        return text

    def start(self, timeout: float = START_TIMEOUT) -> None:
        """Start the server in the background and wait until bolt accepts this instance's password."""
        if self.pid is not None:
            raise Neo4jServerError(f"a server already runs from {self.base} (pid {self.pid})")
        self.write_conf()
        result = self._run(_BOOT, "start", timeout=timeout)
        if result.returncode != 0:
            raise Neo4jServerError(
                f"`neo4j start` failed (exit {result.returncode}):\n"
                + (result.stdout + result.stderr).strip()[-3000:]
                + f"\n--- {self.log_file} ---\n"
                + self.log_tail()
            )
        self.wait_until_ready(timeout)

    def wait_until_ready(self, timeout: float = START_TIMEOUT) -> None:
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired, TransientError

        deadline = time.monotonic() + timeout
        last: Exception | None = None
        with GraphDatabase.driver(self.uri, auth=self.auth, connection_timeout=2.0) as driver:
            while True:
                try:
                    driver.verify_connectivity()
                except AuthError as exc:
                    raise Neo4jServerError(
                        f"{self.uri} refused user {self.user!r}: another server holds that port, "
                        f"or {self.base} was initialised with another password ({exc})"
                    ) from exc
                except (ServiceUnavailable, SessionExpired, TransientError, OSError) as exc:
                    last = exc
                else:
                    if self.pid is not None:
                        return
                    last = Neo4jServerError("bolt answered but the server process is gone")
                if self.pid is None:
                    raise Neo4jServerError(
                        f"Neo4j exited while starting ({last}); last lines of {self.log_file}:\n"
                        + self.log_tail()
                    )
                if time.monotonic() > deadline:
                    # The timeout is the error to report, not how the half-started server stopped.
                    with contextlib.suppress(Neo4jServerError):
                        self.stop()
                    raise Neo4jServerError(
                        f"bolt on {self.uri} did not answer within {timeout:.0f}s ({last}); "
                        f"last lines of {self.log_file}:\n" + self.log_tail()
                    )
                time.sleep(0.5)

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """Stop the server cleanly (``neo4j stop``: SIGTERM, then wait); kill it if that fails."""
        pid = self.pid
        if pid is None:
            return
        try:
            result = self._run(_BOOT, "stop", timeout=timeout)
            failure = None if result.returncode == 0 else (result.stdout + result.stderr).strip()
        except Neo4jServerError as exc:
            failure = str(exc)
        if self.pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        raise Neo4jServerError(f"`neo4j stop` did not stop pid {pid}, so it was killed: {failure}")


def start_server(
    base: Path,
    *,
    bolt_port: int,
    http_port: int,
    password: str,
    fresh: bool = True,
    timeout: float = START_TIMEOUT,
) -> Neo4jServer:
    """Install Neo4j if needed and start an instance in ``base``.

    ``fresh`` wipes ``base`` first; otherwise an instance already initialised there keeps its data and
    password (an initial password only takes effect before the first start).
    """
    home = ensure_installed()
    if fresh:
        shutil.rmtree(base, ignore_errors=True)
    if (base / _INSTANCE_FILE).is_file():
        previous = Neo4jServer.load(base, home)
        if previous.version != NEO4J_VERSION:
            raise Neo4jServerError(
                f"{base} was made by Neo4j {previous.version}, not {NEO4J_VERSION}: start it with --fresh"
            )
        if password and password != previous.password:
            raise Neo4jServerError(f"{base} already has a password; start it with --fresh to set another")
        server = Neo4jServer(home, base, bolt_port, http_port, previous.password)
        server._save()
    else:
        server = Neo4jServer(home, base, bolt_port, http_port, password or secrets.token_urlsafe(12))
        server.initialise()
    server.start(timeout)
    return server


def clear_database(driver: Any, database: str | None = None) -> None:
    """Delete every node and relationship and drop every constraint and index but the token lookups."""
    with driver.session(database=database) as session:
        session.run("MATCH (n) DETACH DELETE n").consume()
        for record in session.run("SHOW CONSTRAINTS YIELD name").data():
            session.run(f"DROP CONSTRAINT {_quote(record['name'])} IF EXISTS").consume()
        indexes = session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'").data()
        for record in indexes:
            session.run(f"DROP INDEX {_quote(record['name'])} IF EXISTS").consume()


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


# ---------------------------------------------------------------------------------------------------
# Command line


def _instance_dir(args: argparse.Namespace) -> Path:
    if args.dir:
        return Path(args.dir).expanduser().resolve()
    return cache_root() / "neo4j-instances" / f"bolt-{args.port}"


def _cmd_install(_: argparse.Namespace) -> int:
    started = time.monotonic()
    home = ensure_installed()
    print(f"Neo4j {NEO4J_VERSION} community: {home} ({time.monotonic() - started:.1f}s)")
    return 0


def _cmd_start(args: argparse.Namespace) -> int:
    base = _instance_dir(args)
    if (base / _INSTANCE_FILE).is_file() and not args.fresh:
        running = Neo4jServer.load(base)
        if running.pid is not None:
            print(f"already running (pid {running.pid}) from {base}")
            _print_instance(running, args)
            return 0
    http_port = args.http_port or free_ports(1)[0]
    started = time.monotonic()
    server = start_server(
        base,
        bolt_port=args.port,
        http_port=http_port,
        password=args.password or os.environ.get("NEO4J_PASSWORD", ""),
        fresh=args.fresh,
        timeout=args.timeout,
    )
    print(f"Neo4j {NEO4J_VERSION} is up after {time.monotonic() - started:.1f}s (pid {server.pid})")
    _print_instance(server, args)
    return 0


def _print_instance(server: Neo4jServer, args: argparse.Namespace) -> None:
    where = f"--dir {server.base}" if args.dir else f"--port {server.bolt_port}"
    print(f"  NEO4J_URI={server.uri}")
    print(f"  NEO4J_USER={server.user}")
    print(f"  NEO4J_PASSWORD={server.password}")
    print(f"  http:  {server.http_uri}")
    print(f"  data:  {server.base}")
    print(f"  stop:  scripts/neo4j-server stop {where}")


def _cmd_stop(args: argparse.Namespace) -> int:
    server = Neo4jServer.load(_instance_dir(args))
    if server.pid is None:
        print(f"not running: {server.base}")
        return 0
    server.stop()
    print(f"stopped: {server.base}")
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    server = Neo4jServer.load(_instance_dir(args))
    pid = server.pid
    print(f"{'running (pid ' + str(pid) + ')' if pid else 'stopped'}: {server.uri} from {server.base}")
    return 0 if pid else 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="neo4j-server",
        description=f"Run a local Neo4j {NEO4J_VERSION} community server on 127.0.0.1.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def where(p: argparse.ArgumentParser) -> None:
        p.add_argument("--port", type=int, default=DEFAULT_BOLT_PORT, help="bolt port (default 7687)")
        p.add_argument("--dir", help="instance folder (default $FSGRAPH_CACHE/neo4j-instances/bolt-PORT)")

    p_install = sub.add_parser("install", help="download and verify Neo4j into the cache")
    p_install.set_defaults(func=_cmd_install)
    p_start = sub.add_parser("start", help="start a server in the background, print its URI")
    where(p_start)
    p_start.add_argument("--http-port", type=int, default=0, help="HTTP port (default: a free one)")
    p_start.add_argument("--password", help="initial password (default $NEO4J_PASSWORD, else random)")
    p_start.add_argument("--fresh", action="store_true", help="wipe the instance folder first")
    p_start.add_argument("--timeout", type=float, default=START_TIMEOUT, help="seconds to wait for bolt")
    p_start.set_defaults(func=_cmd_start)
    p_stop = sub.add_parser("stop", help="stop a server started by `start`")
    where(p_stop)
    p_stop.set_defaults(func=_cmd_stop)
    p_status = sub.add_parser("status", help="tell whether it runs (exit 3 if not)")
    where(p_status)
    p_status.set_defaults(func=_cmd_status)

    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except Neo4jServerError as exc:
        print(f"neo4j-server: error: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
