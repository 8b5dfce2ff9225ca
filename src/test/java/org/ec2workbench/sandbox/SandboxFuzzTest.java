package org.ec2workbench.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.ec2workbench.backoff.VirtualClock;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Ten thousand random and mutated requests over raw sockets: every reply must be a well-formed AWS error
 * or success document with a request id, never a stack trace or HTML, and the sandbox must work afterwards.
 */
class SandboxFuzzTest {

    private static final int REQUESTS = 10_000;
    private static final List<String> ACTIONS = List.of("DescribeInstances", "RunInstances", "TerminateInstances",
            "CreateTags", "DescribeSecurityGroups", "AuthorizeSecurityGroupIngress", "CreateVolume", "DescribeTags",
            "DescribeImages", "StopInstances", "GetConsoleOutput", "DeleteKeyPair", "Frobnicate", "", "DescribeVpcs");
    private static final List<String> PARAMS = List.of("InstanceId.1", "ImageId", "MinCount", "MaxCount", "Filter.1.Name",
            "Filter.1.Value.1", "MaxResults", "NextToken", "DryRun", "GroupId", "Tag.1.Key", "Tag.1.Value",
            "ResourceId.1", "Size", "AvailabilityZone", "IpPermissions.1.IpProtocol", "IpPermissions.1.FromPort",
            "InstanceType", "KeyName", "Version", "Action", "TagSpecification.1.ResourceType");
    private static final List<String> VALUES = List.of("i-123", "i-0123456789abcdef0", "ami-0053d3ad141b850fc", "1",
            "0", "-5", "99999999999", "true", "maybe", "t3.micro", "instance-state-name", "running", "*", "%", "%zz",
            "%C3%28", "%00", "\u00e9", "a+b", "&&", "==", "us-east-1a", "tcp", "sg-1", "", "2016-11-15", "x".repeat(300));

    private final Random random = new Random(20250301);

    @Test
    void everyReplyIsAWellFormedAwsDocumentAndTheServerSurvives() throws Exception {
        try (Sandbox sandbox = SandboxTestSupport.withoutIam(Sandbox.builder()).preset(Preset.CALM).seed(3)
                .clock(new VirtualClock(SandboxTestSupport.ORIGIN)).build().start()) {
            DocumentBuilder xml = DocumentBuilderFactory.newInstance().newDocumentBuilder();
            xml.setErrorHandler(null);
            Socket socket = null;
            InputStream in = null;
            int errors = 0;
            int successes = 0;
            for (int n = 0; n < REQUESTS; n++) {
                if (socket == null) {
                    socket = new Socket("127.0.0.1", sandbox.port());
                    socket.setSoTimeout(10_000);
                    in = new java.io.BufferedInputStream(socket.getInputStream());
                }
                byte[] request = request();
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                Reply reply = read(in);
                assertThat(reply).as("a reply to request %d: %s", n, printable(request)).isNotNull();
                String body = new String(reply.body, StandardCharsets.UTF_8);
                assertThat(body).doesNotContain("Exception").doesNotContain("<html").doesNotContain("\tat ");
                Document doc = xml.parse(new ByteArrayInputStream(reply.body));
                Element root = doc.getDocumentElement();
                if (reply.status >= 400) {
                    errors++;
                    assertThat(root.getTagName()).isEqualTo("Response");
                    assertThat(doc.getElementsByTagName("Code").item(0).getTextContent()).isNotBlank();
                    assertThat(doc.getElementsByTagName("Message").getLength()).isEqualTo(1);
                    assertThat(doc.getElementsByTagName("RequestID").item(0).getTextContent()).hasSize(36);
                } else {
                    successes++;
                    assertThat(reply.status).isEqualTo(200);
                    assertThat(root.getTagName()).endsWith("Response");
                    assertThat(root.getAttribute("xmlns")).isEqualTo("http://ec2.amazonaws.com/doc/2016-11-15/");
                    assertThat(doc.getElementsByTagName("requestId").item(0).getTextContent()).hasSize(36);
                }
                if (reply.close) {
                    socket.close();
                    socket = null;
                }
            }
            if (socket != null) {
                socket.close();
            }
            assertThat(errors).isGreaterThan(REQUESTS / 2);
            assertThat(successes).isGreaterThan(100);
            try (Ec2Client ec2 = SandboxTestSupport.client(sandbox)) {
                assertThat(SandboxTestSupport.launch(ec2, 1).instances()).hasSize(1);
                assertThat(ec2.describeRegions().regions()).isNotEmpty();
            }
        }
    }

    private static String printable(byte[] request) {
        String s = new String(request, 0, Math.min(request.length, 300), StandardCharsets.ISO_8859_1);
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }

    private byte[] request() {
        int kind = random.nextInt(10);
        String form = form();
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        String method = "POST";
        String target = "/";
        String version = "HTTP/1.1";
        String auth = SandboxTestSupport.AUTH;
        String contentType = "application/x-www-form-urlencoded; charset=utf-8";
        String extra = "";
        boolean chunked = false;
        switch (kind) {
            case 0 -> body = mutate(body);
            case 1 -> {
                method = "GET";
                target = "/?" + form;
                body = new byte[0];
            }
            case 2 -> auth = random.nextBoolean() ? null : "AWS4-HMAC-SHA256 Credential=" + garbage(30);
            case 3 -> method = List.of("PUT", "DELETE", "PATCH", "get", "P0ST", "OPTIONS").get(random.nextInt(6));
            case 4 -> version = List.of("HTTP/2.0", "HTTP/1.x", "FOO", "").get(random.nextInt(4));
            case 5 -> extra = "X-Big: " + "b".repeat(random.nextBoolean() ? 20_000 : 100) + "\r\n";
            case 6 -> chunked = true;
            case 7 -> contentType = random.nextBoolean() ? "application/json" : garbage(10);
            case 8 -> target = "/" + garbage(20).replace(" ", "%20");
            default -> {
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (kind == 9 && random.nextInt(4) == 0) {
            out.writeBytes(garbage(40 + random.nextInt(200)).replace("\n", "").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return out.toByteArray();
        }
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(' ').append(version).append("\r\n");
        head.append("Host: 127.0.0.1\r\n").append(extra);
        if (auth != null) {
            head.append("Authorization: ").append(auth.replace("\r", "").replace("\n", "")).append("\r\n");
        }
        head.append("Content-Type: ").append(contentType.replace("\r", "").replace("\n", "")).append("\r\n");
        if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            int half = body.length / 2;
            out.writeBytes((Integer.toHexString(half) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, 0, half);
            out.writeBytes((random.nextInt(5) == 0 ? "XX" : "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes((Integer.toHexString(body.length - half) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, half, body.length - half);
            out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return out.toByteArray();
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private String form() {
        StringBuilder form = new StringBuilder();
        String action = ACTIONS.get(random.nextInt(ACTIONS.size()));
        if (random.nextInt(20) != 0) {
            form.append("Action=").append(action);
        }
        if (random.nextInt(10) != 0) {
            form.append("&Version=2016-11-15");
        }
        int params = random.nextInt(6);
        for (int i = 0; i < params; i++) {
            form.append('&').append(PARAMS.get(random.nextInt(PARAMS.size()))).append('=')
                    .append(VALUES.get(random.nextInt(VALUES.size())));
        }
        return form.toString();
    }

    private byte[] mutate(byte[] body) {
        byte[] copy = body.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips && copy.length > 0; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private String garbage(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) (32 + random.nextInt(200)));
        }
        return s.toString();
    }

    private record Reply(int status, byte[] body, boolean close) {
    }

    private static Reply read(InputStream in) throws IOException {
        String statusLine = line(in);
        while (statusLine != null && statusLine.startsWith("HTTP/1.1 100")) {
            line(in);
            statusLine = line(in);
        }
        if (statusLine == null) {
            return null;
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        int length = -1;
        boolean close = false;
        String header;
        while ((header = line(in)) != null && !header.isEmpty()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            } else if (lower.startsWith("connection:")) {
                close = lower.contains("close");
            }
        }
        assertThat(length).as("Content-Length on every reply").isGreaterThanOrEqualTo(0);
        return new Reply(status, in.readNBytes(length), close);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int len = s.length();
                return len > 0 && s.charAt(len - 1) == '\r' ? s.substring(0, len - 1) : s.toString();
            }
            s.append((char) b);
        }
        return s.length() == 0 ? null : s.toString();
    }
}
