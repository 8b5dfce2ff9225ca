#!/usr/bin/env python3
"""Drives the sandbox with boto3: every action family, a paginator, waiters and error parsing.

Usage: python3 boto3_check.py http://127.0.0.1:PORT   (keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY as
printed by the sandbox's export line; without them, the no-IAM mode's keys)
"""
import os
import sys
import time
import uuid

import boto3
import botocore.exceptions
from botocore.config import Config

endpoint = sys.argv[1]
KEY = "boto3-key-" + uuid.uuid4().hex[:8]
ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "AKIASANDBOXADMIN0001"),
                   aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY",
                                                        "sandbox-no-iam-secret-key-0000000000000001"),
                   config=Config(retries={"mode": "standard", "max_attempts": 10}))



def until(describe, done=lambda r: True, attempts=60):
    """Describes with backoff until done(reply); a NotFound (eventual consistency: the id is new, or this
    replica has not seen it yet) is retried like any not-yet state."""
    delay = 0.05
    for _ in range(attempts):
        try:
            reply = describe()
            if done(reply):
                return reply
        except botocore.exceptions.ClientError as e:
            if not e.response["Error"]["Code"].endswith(".NotFound"):
                raise
        time.sleep(delay)
        delay = min(delay * 2, 2)
    raise AssertionError("never reached the expected state")


ami = ec2.describe_images(Owners=["amazon"], Filters=[{"Name": "root-device-type", "Values": ["ebs"]},
                                                       {"Name": "architecture", "Values": ["x86_64"]}])["Images"][0]
run = ec2.run_instances(ImageId=ami["ImageId"], InstanceType="t3.micro", MinCount=3, MaxCount=3,
                        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "app", "Value": "boto3"}]}])
ids = [i["InstanceId"] for i in run["Instances"]]
print("launched", ids, run["Instances"][0]["LaunchTime"])
ec2.get_waiter("instance_running").wait(InstanceIds=ids, WaiterConfig={"Delay": 1, "MaxAttempts": 120})
pages = ec2.get_paginator("describe_instances").paginate(
    Filters=[{"Name": "tag:app", "Values": ["boto3"]}], PaginationConfig={"PageSize": 5})
seen = [i["InstanceId"] for p in pages for r in p["Reservations"] for i in r["Instances"]]
assert set(ids) <= set(seen), (ids, seen)
print("running and paginated:", len(seen))
status = ec2.describe_instance_status(InstanceIds=ids)["InstanceStatuses"]
print("status checks:", sorted({s["InstanceStatus"]["Status"] for s in status}))
sg = ec2.create_security_group(GroupName="boto3-sg-" + uuid.uuid4().hex[:8], Description="from boto3")["GroupId"]
# A new group may be unknown to the next call (eventual consistency): wait until Describe sees it.
ec2.get_waiter("security_group_exists").wait(GroupIds=[sg], WaiterConfig={"Delay": 1})
ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
perm = ec2.describe_security_groups(GroupIds=[sg])["SecurityGroups"][0]["IpPermissions"][0]
assert perm["FromPort"] == 443 and perm["IpRanges"][0]["CidrIp"] == "0.0.0.0/0"
key = ec2.create_key_pair(KeyName=KEY)
assert key["KeyMaterial"].startswith("-----BEGIN RSA PRIVATE KEY-----")
vol = ec2.create_volume(AvailabilityZone=run["Instances"][0]["Placement"]["AvailabilityZone"], Size=5)
until(lambda: ec2.describe_volumes(VolumeIds=[vol["VolumeId"]]), lambda r: r["Volumes"][0]["State"] == "available")
ec2.attach_volume(VolumeId=vol["VolumeId"], InstanceId=ids[0], Device="/dev/sdf")
until(lambda: ec2.describe_volumes(VolumeIds=[vol["VolumeId"]]), lambda r: r["Volumes"][0]["State"] == "in-use")
ec2.detach_volume(VolumeId=vol["VolumeId"])
ec2.delete_volume(VolumeId=vol["VolumeId"])
ec2.create_tags(Resources=[ids[0]], Tags=[{"Key": "Name", "Value": "first"}])
print("tags:", [(t["Key"], t["Value"]) for t in ec2.describe_tags(
    Filters=[{"Name": "resource-id", "Values": [ids[0]]}])["Tags"]])
for call, code in [(lambda: ec2.describe_instances(InstanceIds=["i-123"]), "InvalidInstanceID.Malformed"),
                   (lambda: ec2.run_instances(ImageId=ami["ImageId"], MinCount=1, MaxCount=1, DryRun=True),
                    "DryRunOperation"),
                   (lambda: ec2.terminate_instances(InstanceIds=["i-0123456789abcdef0"]),
                    "InvalidInstanceID.NotFound")]:
    try:
        call()
        raise AssertionError("expected " + code)
    except botocore.exceptions.ClientError as e:
        assert e.response["Error"]["Code"] == code, e.response
        print("error parsed:", code, e.response["ResponseMetadata"]["HTTPStatusCode"],
              e.response["ResponseMetadata"].get("RequestId"))
ec2.terminate_instances(InstanceIds=ids)
ec2.get_waiter("instance_terminated").wait(InstanceIds=ids, WaiterConfig={"Delay": 1, "MaxAttempts": 200})
ec2.delete_security_group(GroupId=sg)
ec2.get_waiter("key_pair_exists").wait(KeyNames=[KEY], WaiterConfig={"Delay": 1})
ec2.delete_key_pair(KeyName=KEY)
print("boto3 OK")
