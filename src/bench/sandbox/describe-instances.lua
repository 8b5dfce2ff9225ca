-- wrk script: a signed-looking EC2 DescribeInstances POST (the no-IAM mode reads only the credential scope).
wrk.method = "POST"
wrk.body = "Action=DescribeInstances&Version=2016-11-15"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
wrk.headers["X-Amz-Date"] = "20250301T120000Z"
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIASANDBOXADMIN0001/20250301/us-east-1/ec2/aws4_request, "
  .. "SignedHeaders=content-type;host;x-amz-date, "
  .. "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
