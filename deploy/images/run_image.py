#!/usr/bin/env python3
"""Runs one service from its image against the local mesh's broker and database, as a cluster would run it: the
image's layers unpacked into a root filesystem, its entrypoint started there (chroot) as the image's user, with the
environment deploy/local/mesh.sh gives that service. Waits until the service is ready, runs the given command (the
smoke test, say) while it serves, then stops it. Needs root (chroot, /proc). Exits with the command's status, or 1.

usage: run_image.py --service consent-service [--registry 127.0.0.1:5000] [--tag 0.1.0] [--insecure=true]
                    [--ready-seconds 180] -- COMMAND...
The service must not be running already (start the mesh with MESH_ONLY naming the others).
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

from verify_image import image, java_of, unpack

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
KEYSTORE_IN_IMAGE = "/etc/mesh/privacy/privacy-keks.p12"  # where deploy/k8s mounts it


def service_environment(service):
    out = subprocess.run([os.path.join(ROOT, "deploy/local/mesh.sh"), "env", service],
                         check=True, capture_output=True, text=True).stdout
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


def ready(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/q/health/ready", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def stop_on_signal(signum, frame):
    # a CI timeout or ^C: leave through main's finally, which stops the service and unmounts its /proc
    raise SystemExit(128 + signum)


def main():
    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGINT, stop_on_signal)
    parser = argparse.ArgumentParser()
    parser.add_argument("--service", required=True)
    parser.add_argument("--registry", default="127.0.0.1:5000")
    parser.add_argument("--group", default="consent-mesh")
    parser.add_argument("--tag", default="0.1.0")
    parser.add_argument("--insecure", default="true")
    parser.add_argument("--ready-seconds", type=int, default=180)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    base, manifest, config = image(args.registry, f"{args.group}/{args.service}", args.tag, args.insecure == "true")
    user = config.get("User", "")
    uid = int(user.split(":")[0])
    environment = service_environment(args.service)
    root = tempfile.mkdtemp(prefix=f"mesh-run-{args.service}-")
    os.chmod(root, 0o755)
    proc = os.path.join(root, "proc")
    log_path = os.path.join(ROOT, "deploy/local/.state/logs", f"{args.service}-image.log")
    service = None
    try:
        unpack(base, manifest, root)
        # the key-encryption keystore, readable by the image's user only (as a mounted Secret would be)
        keystore = os.path.join(root, KEYSTORE_IN_IMAGE.lstrip("/"))
        os.makedirs(os.path.dirname(keystore), exist_ok=True)
        shutil.copy(environment["MESH_PRIVACY_KEYSTORE_PATH"], keystore)
        os.chown(keystore, uid, uid)
        os.chmod(keystore, 0o400)
        environment["MESH_PRIVACY_KEYSTORE_PATH"] = KEYSTORE_IN_IMAGE
        environment["MESH_PRIVACY_KEYSTORE_CREATE_IF_MISSING"] = "false"
        tmp = os.path.join(root, "tmp")  # the emptyDir the Deployments mount on /tmp
        os.makedirs(tmp, exist_ok=True)
        os.chmod(tmp, 0o1777)
        os.makedirs(proc, exist_ok=True)
        subprocess.run(["mount", "-t", "proc", "proc", proc], check=True)
        entrypoint = [java_of(config.get("Entrypoint"))] + config["Entrypoint"][1:]
        environment.update({"PATH": "/opt/java/bin:/usr/bin:/bin", "HOME": "/tmp"})
        for name, value in (entry.split("=", 1) for entry in config.get("Env") or []):
            environment.setdefault(name, value)
        workdir = config.get("WorkingDir") or "/"

        def enter_image():  # in the child, before exec: the image's root, working directory and user
            os.chroot(root)
            os.chdir(workdir)
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)

        with open(log_path, "w") as log:
            service = subprocess.Popen(entrypoint, env=environment, stdout=log, stderr=subprocess.STDOUT,
                                       preexec_fn=enter_image)
        management = environment["QUARKUS_MANAGEMENT_PORT"]
        deadline = time.time() + args.ready_seconds
        while not ready(management):
            if service.poll() is not None or time.time() > deadline:
                print(f"{args.service} from its image did not become ready; its log ({log_path}):", file=sys.stderr)
                print(open(log_path).read()[-4000:], file=sys.stderr)
                return 1
            time.sleep(1)
        print(f"{args.service} runs from {args.registry}/{args.group}/{args.service}:{args.tag} as user {uid} "
              f"(pid {service.pid}), ready on 127.0.0.1:{management}; log {log_path}")
        status = subprocess.run(command).returncode if command else 0
        return status
    finally:
        if service and service.poll() is None:
            service.terminate()
            try:
                service.wait(30)
            except subprocess.TimeoutExpired:
                service.kill()
                service.wait()
        # the image's /proc must be gone before its root is removed: rmtree would walk into the host's
        unmounted = not os.path.ismount(proc) or subprocess.run(["umount", "-l", proc]).returncode == 0
        if unmounted:
            shutil.rmtree(root, ignore_errors=True)
        else:
            print(f"{proc} is still mounted: {root} left in place", file=sys.stderr)

if __name__ == "__main__":
    sys.exit(main())
