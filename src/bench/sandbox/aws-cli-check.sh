#!/usr/bin/env bash
# Drives the sandbox with an AWS CLI: ./aws-cli-check.sh "aws --endpoint-url http://127.0.0.1:PORT"
# (needs AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_DEFAULT_REGION from the sandbox export line).
set -e
AWS=$1
echo "== $($AWS --version 2>&1)"
AMI=$($AWS ec2 describe-images --owners amazon --filters Name=name,Values='al2023*x86_64' --query 'Images[0].ImageId' --output text)
ID=$($AWS ec2 run-instances --image-id $AMI --instance-type t3.micro --count 1 --query 'Instances[0].InstanceId' --output text)
echo "launched $ID"
$AWS ec2 describe-instances --instance-ids $ID --query 'Reservations[].Instances[].[InstanceId,State.Name]' --output text || echo "describe failed (propagation?)"
time $AWS ec2 wait instance-running --instance-ids $ID
$AWS ec2 describe-instances --filters Name=instance-state-name,Values=running --query 'Reservations[].Instances[].[InstanceId,State.Name,PublicIpAddress]' --output text
$AWS ec2 describe-instance-status --instance-ids $ID --output text | head -3
$AWS ec2 create-tags --resources $ID --tags Key=Name,Value=cli
$AWS ec2 describe-tags --filters Name=resource-id,Values=$ID --output text
SG=$($AWS ec2 create-security-group --group-name cli-$RANDOM --description cli --query GroupId --output text)
$AWS ec2 authorize-security-group-ingress --group-id $SG --protocol tcp --port 22 --cidr 10.0.0.0/8
$AWS ec2 describe-security-groups --group-ids $SG --query 'SecurityGroups[0].IpPermissions' --output json
$AWS ec2 revoke-security-group-ingress --group-id $SG --protocol tcp --port 22 --cidr 10.0.0.0/8
$AWS ec2 create-key-pair --key-name cli-$RANDOM --query KeyFingerprint --output text
VOL=$($AWS ec2 create-volume --availability-zone us-east-1a --size 10 --query VolumeId --output text)
$AWS ec2 wait volume-available --volume-ids $VOL
$AWS ec2 describe-volumes --volume-ids $VOL --query 'Volumes[0].State' --output text
$AWS ec2 get-console-output --instance-id $ID --query Output --output text | tail -2
$AWS ec2 run-instances --image-id $AMI --count 1 --dry-run 2>&1 | tail -1 || true
$AWS ec2 describe-instances --instance-ids i-123 2>&1 | tail -1 || true
$AWS ec2 describe-regions --query 'Regions[0:3].RegionName' --output text
$AWS ec2 describe-availability-zones --query 'AvailabilityZones[0].ZoneId' --output text
$AWS ec2 describe-account-attributes --attribute-names default-vpc --output text
$AWS ec2 describe-subnets --query 'length(Subnets)'
$AWS ec2 stop-instances --instance-ids $ID --query 'StoppingInstances[0].CurrentState.Name' --output text
$AWS ec2 wait instance-stopped --instance-ids $ID
$AWS ec2 start-instances --instance-ids $ID --query 'StartingInstances[0].CurrentState.Name' --output text
$AWS ec2 reboot-instances --instance-ids $ID
$AWS ec2 terminate-instances --instance-ids $ID --query 'TerminatingInstances[0].[PreviousState.Name,CurrentState.Name]' --output text
$AWS ec2 wait instance-terminated --instance-ids $ID
echo "terminated ok"
