#!/usr/bin/env python3
"""Builds the services' base image, a Java 17 runtime, as a `docker save` tarball that Jib reads (tar://), without a
Docker daemon or a registry to pull from (this machine reaches only Maven Central, Debian and npm).

The root filesystem is exactly: a jlink'ed Java 17 runtime (the modules a Quarkus JVM service uses) under /opt/java,
the shared libraries it links against copied from this Debian 12 machine (glibc, zlib: ldd says which), /etc/passwd
and /etc/group with the unprivileged user 185 the services run as, and an empty /tmp (a read-only root filesystem
mounts an emptyDir there). Reproducible: fixed timestamps and owners, sorted entries.

usage: base_image.py --jdk /usr/lib/jvm/java-17-openjdk-amd64 --out target/base/jre17-base.tar
"""
import argparse
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile

MODULES = ",".join([
    "java.se", "jdk.unsupported", "jdk.crypto.ec", "jdk.crypto.cryptoki", "jdk.zipfs", "jdk.management",
    "jdk.management.agent", "jdk.naming.dns", "jdk.localedata", "jdk.charsets", "jdk.net", "jdk.jfr",
])
DESKTOP = re.compile(r"awt|fontmanager|javajpeg|jsound|lcms|mlib_image|splashscreen")
USER = "185"
EPOCH = 0  # every file's mtime: the same inputs give the same layer digest


def run(*argv):
    subprocess.run(argv, check=True)


def shared_libraries(binaries, runtime):
    """The system libraries the runtime's binaries load (ldd), with the dynamic loader; not the runtime's own."""
    found = set()
    for binary in binaries:
        out = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
        for line in out.splitlines():
            parts = line.split()
            if "=>" in parts and len(parts) >= 3 and parts[2].startswith("/"):
                found.add(parts[2])
            elif parts and parts[0].startswith("/"):
                found.add(parts[0])  # the loader itself
    runtime = os.path.realpath(runtime)
    return sorted(path for path in found if not os.path.realpath(path).startswith(runtime))


def add(tar, name, data=None, mode=0o644, kind=tarfile.REGTYPE, link=None):
    info = tarfile.TarInfo(name)
    info.mtime, info.uid, info.gid, info.uname, info.gname = EPOCH, 0, 0, "root", "root"
    info.type, info.mode = kind, mode
    if link is not None:
        info.linkname = link
    if data is not None:
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    else:
        tar.addfile(info)


def add_tree(tar, root, prefix):
    for directory, dirs, files in os.walk(root):
        dirs.sort()
        rel = os.path.relpath(directory, root)
        base = prefix if rel == "." else f"{prefix}/{rel}"
        add(tar, base, mode=0o755, kind=tarfile.DIRTYPE)
        for name in sorted(files):
            path = os.path.join(directory, name)
            if os.path.islink(path):
                add(tar, f"{base}/{name}", kind=tarfile.SYMTYPE, link=os.readlink(path), mode=0o777)
            else:
                with open(path, "rb") as f:
                    add(tar, f"{base}/{name}", f.read(), mode=os.stat(path).st_mode & 0o755 | 0o644)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jdk", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="mesh-base-")
    try:
        jre = os.path.join(work, "jre")
        run(os.path.join(args.jdk, "bin", "jlink"), "--add-modules", MODULES, "--strip-debug", "--no-man-pages",
            "--no-header-files", "--compress=2", "--output", jre)
        # the desktop module's native libraries (AWT, fonts, sound, images) load only for a UI: their X11 and
        # font libraries stay out; java.beans, which servers do use, needs none of them
        binaries = [os.path.join(jre, "bin", "java")] + [
            os.path.join(d, f) for d, _, fs in os.walk(os.path.join(jre, "lib")) for f in fs
            if f.endswith(".so") and not DESKTOP.search(f)]
        layer = io.BytesIO()
        with tarfile.open(fileobj=layer, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for d in ["etc", "lib", "lib64", "opt", "usr", "usr/lib", "usr/lib/x86_64-linux-gnu", "lib/x86_64-linux-gnu",
                      "home", "deployments", "proc", "sys", "dev"]:  # mount points the runtime fills
                add(tar, d, mode=0o755, kind=tarfile.DIRTYPE)
            add(tar, "tmp", mode=0o1777, kind=tarfile.DIRTYPE)
            add(tar, "home/jboss", mode=0o755, kind=tarfile.DIRTYPE)
            add(tar, "etc/passwd", b"root:x:0:0:root:/root:/sbin/nologin\njboss:x:185:185:service:/home/jboss:/sbin/nologin\n")
            add(tar, "etc/group", b"root:x:0:\njboss:x:185:\n")
            add(tar, "etc/nsswitch.conf", b"passwd: files\ngroup: files\nhosts: files dns\n")
            for library in shared_libraries(binaries, jre):
                real = os.path.realpath(library)
                with open(real, "rb") as f:
                    add(tar, library.lstrip("/"), f.read(), mode=0o755)
            add_tree(tar, jre, "opt/java")
        layer_bytes = layer.getvalue()
        diff_id = "sha256:" + hashlib.sha256(layer_bytes).hexdigest()
        config = {
            "architecture": "amd64", "os": "linux", "created": "1970-01-01T00:00:00Z",
            "config": {"User": USER, "WorkingDir": "/home/jboss",
                       "Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8"]},
            "rootfs": {"type": "layers", "diff_ids": [diff_id]},
            "history": [{"created": "1970-01-01T00:00:00Z",
                         "created_by": "deploy/images/base_image.py: jlink " + MODULES}],
        }
        config_bytes = json.dumps(config, sort_keys=True).encode()
        config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
        manifest = [{"Config": config_name, "RepoTags": ["consent-mesh/jre17-base:local"], "Layers": ["layer.tar"]}]
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with tarfile.open(args.out, "w") as out:
            add(out, "layer.tar", layer_bytes)
            add(out, config_name, config_bytes)
            add(out, "manifest.json", json.dumps(manifest).encode())
        print(f"{args.out}: {len(layer_bytes) // (1024 * 1024)} MiB layer, {diff_id}")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    sys.exit(main())
