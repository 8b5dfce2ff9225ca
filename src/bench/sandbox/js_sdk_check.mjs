// Drives the sandbox with the AWS SDK for JavaScript v3: npm install @aws-sdk/client-ec2, then
// node js_sdk_check.mjs http://127.0.0.1:PORT
import { EC2Client, RunInstancesCommand, DescribeInstancesCommand, DescribeImagesCommand, TerminateInstancesCommand,
  DescribeSecurityGroupsCommand, waitUntilInstanceRunning, paginateDescribeInstances } from "@aws-sdk/client-ec2";
const ec2 = new EC2Client({ endpoint: process.argv[2], region: "us-east-1",
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? "AKIASANDBOXADMIN0001",
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "sandbox-no-iam-secret-key-0000000000000001" } });
const images = await ec2.send(new DescribeImagesCommand({ Filters: [{ Name: "root-device-type", Values: ["ebs"] }] }));
const run = await ec2.send(new RunInstancesCommand({ ImageId: images.Images[0].ImageId, MinCount: 2, MaxCount: 2,
  InstanceType: "t3.micro", TagSpecifications: [{ ResourceType: "instance", Tags: [{ Key: "sdk", Value: "js" }] }] }));
const ids = run.Instances.map(i => i.InstanceId);
console.log("launched", ids, run.Instances[0].LaunchTime instanceof Date, run.Instances[0].Tags);
await waitUntilInstanceRunning({ client: ec2, maxWaitTime: 120, minDelay: 1, maxDelay: 2 }, { InstanceIds: ids });
let n = 0;
for await (const page of paginateDescribeInstances({ client: ec2, pageSize: 5 }, {})) {
  n += page.Reservations.flatMap(r => r.Instances).length;
}
console.log("running; paginated instances:", n);
const sg = await ec2.send(new DescribeSecurityGroupsCommand({}));
console.log("groups", sg.SecurityGroups.map(g => [g.GroupName, g.IpPermissionsEgress[0].IpProtocol]));
try { await ec2.send(new DescribeInstancesCommand({ InstanceIds: ["i-123"] })); }
catch (e) { console.log("error parsed:", e.name, e.$metadata.httpStatusCode, e.$metadata.requestId, e.message); }
try { await ec2.send(new TerminateInstancesCommand({ InstanceIds: ids, DryRun: true })); }
catch (e) { console.log("error parsed:", e.name, e.$metadata.httpStatusCode); }
const t = await ec2.send(new TerminateInstancesCommand({ InstanceIds: ids }));
console.log("terminating", t.TerminatingInstances.map(c => c.CurrentState.Name));
