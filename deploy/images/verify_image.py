#!/usr/bin/env python3
"""Checks one image in a registry the way a cluster would use it: its manifest and config (a numeric non-root user,
an entrypoint), then its layers unpacked into a root filesystem, in which the entrypoint's Java runtime starts as that
user and the application jar it names is present. Needs root (chroot, /proc). Exits 1 with the reason otherwise.

usage: verify_image.py --registry 127.0.0.1:5000 --image consent-mesh/consent-service --tag 0.1.0 [--insecure=true]
"""
import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request

ACCEPT = ", ".join([
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v2+json",
])


def get(url, accept=None):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def image(registry, name, tag, insecure):
    """The image's registry URL base, manifest and config."""
    base = f"{'http' if insecure else 'https'}://{registry}/v2/{name}"
    manifest = json.loads(get(f"{base}/manifests/{tag}", ACCEPT))
    config = json.loads(get(f"{base}/blobs/{manifest['config']['digest']}"))["config"]
    return base, manifest, config


def unpack(base, manifest, root):
    """The image's layers, in order, into the directory root: its root filesystem."""
    for layer in manifest["layers"]:
        blob = get(f"{base}/blobs/{layer['digest']}")
        with tarfile.open(fileobj=io.BytesIO(blob), mode="r:*") as tar:
            tar.extractall(root, filter="fully_trusted" if hasattr(tarfile, "data_filter") else None)


def java_of(entrypoint):
    java = entrypoint[0] if entrypoint else "java"
    return java if java.startswith("/") else "/opt/java/bin/" + java  # the base image's PATH


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--registry", required=True)
    parser.add_argument("--image", required=True)
    parser.add_argument("--tag", required=True)
    parser.add_argument("--insecure", default="false")
    args = parser.parse_args()
    base, manifest, config = image(args.registry, args.image, args.tag, args.insecure == "true")
    name = f"{args.registry}/{args.image}:{args.tag}"
    user = config.get("User", "")
    entrypoint = config.get("Entrypoint") or []
    problems = []
    if not user.split(":")[0].isdigit() or int(user.split(":")[0]) == 0:
        problems.append(f"runs as {user or 'root'}, not a numeric non-root user")
    jars = [arg for arg in entrypoint if arg.endswith(".jar")]
    if not entrypoint or not jars:
        problems.append(f"entrypoint {entrypoint} starts no jar")
    root = tempfile.mkdtemp(prefix="mesh-image-")
    os.chmod(root, 0o755)  # the image's "/": its user must be able to enter it
    try:
        unpack(base, manifest, root)
        workdir = config.get("WorkingDir", "/")
        for jar in jars:
            path = jar if jar.startswith("/") else os.path.join(workdir, jar)
            if not os.path.isfile(os.path.join(root, path.lstrip("/"))):
                problems.append(f"{path} is not in the image")
        java = java_of(entrypoint)
        os.makedirs(os.path.join(root, "proc"), exist_ok=True)
        subprocess.run(["mount", "-t", "proc", "proc", os.path.join(root, "proc")], check=True)
        try:
            run = subprocess.run(["chroot", f"--userspec={user}:{user}", root, java, "-version"],
                                 capture_output=True, text=True)
        finally:
            subprocess.run(["umount", os.path.join(root, "proc")], check=False)
        if run.returncode != 0:
            problems.append(f"{java} -version as user {user} failed: {run.stderr.strip()[:300]}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    if problems:
        print(f"{name}: " + "; ".join(problems), file=sys.stderr)
        return 1
    size = sum(layer["size"] for layer in manifest["layers"]) // (1024 * 1024)
    print(f"{name}: user {user}, {len(manifest['layers'])} layers ({size} MiB), entrypoint {' '.join(entrypoint)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
