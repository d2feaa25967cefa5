"""Object storage for the tests: moto's S3 server in a process of its own, and buckets laid
out as README («Object storage») tells an operator to lay them out."""

import json
import secrets
import subprocess
import sys
import time
from contextlib import contextmanager

import boto3
import requests
from botocore.config import Config

from cms.storage import public_read_policy
from tests.redis_stand_in import free_port

KEYS = {"AWS_ACCESS_KEY_ID": "moto-key", "AWS_SECRET_ACCESS_KEY": "moto-secret"}
REGION = "ru-central1"


@contextmanager
def s3_server():
    """`moto_server` on a free port of 127.0.0.1; yields its endpoint URL."""
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                requests.get(f"{endpoint}/moto-api/", timeout=1)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("moto_server did not start") from None
                time.sleep(0.1)
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


def client(endpoint):
    """A signed S3 client of the server, as the site's own (path-style addresses)."""
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
        config=Config(s3={"addressing_style": "path"}),
    )


def new_bucket(endpoint, public_policy=True):
    """A fresh bucket; with `public_policy`, its public media readable by anyone (README's
    bucket policy), else nothing public unless an object's ACL says so. Returns its name."""
    name = f"media-{secrets.token_hex(4)}"
    s3 = client(endpoint)
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    if public_policy:
        s3.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read_policy(name)))
    return name


def storage_env(endpoint, bucket, **more):
    """The variables an operator sets for a bucket at `endpoint` (README, «Object storage»)."""
    return {
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": REGION,
        **KEYS,
        **more,
    }


def keys(endpoint, bucket, prefix=""):
    """The names of the objects in the bucket under `prefix`."""
    listing = client(endpoint).list_objects_v2(Bucket=bucket, Prefix=prefix)
    return sorted(item["Key"] for item in listing.get("Contents", ()))
