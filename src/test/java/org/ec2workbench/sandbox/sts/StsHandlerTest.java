package org.ec2workbench.sandbox.sts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.xml.parsers.DocumentBuilderFactory;
import org.ec2workbench.sandbox.http.RequestContext;
import org.ec2workbench.sandbox.http.SandboxRequest;
import org.ec2workbench.sandbox.http.SandboxResponse;
import org.ec2workbench.sandbox.iam.AccessControl;
import org.ec2workbench.sandbox.iam.AccessKey;
import org.ec2workbench.sandbox.iam.IamAccessControl;
import org.ec2workbench.sandbox.iam.IamUser;
import org.ec2workbench.sandbox.iam.PolicyParser;
import org.ec2workbench.sandbox.iam.Principal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class StsHandlerTest {

    private IamAccessControl access;
    private StsHandler sts;
    private Principal admin;
    private Principal reader;

    @BeforeEach
    void setUp() throws Exception {
        access = IamAccessControl.builder().random(new SplittableRandom(1)).build();
        IamUser readerUser = new IamUser("reader", new AccessKey("AKIAREADER0000000001", "reader-secret-0000000000"),
                List.of(PolicyParser.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ec2:Describe*\",\"Resource\":\"*\"}}")));
        access.store().putAll(List.of(readerUser));
        admin = access.store().byName("admin").orElseThrow().principal(access.store().accountId());
        reader = readerUser.principal(access.store().accountId());
        sts = new StsHandler(access);
    }

    private SandboxResponse call(Principal who, String form) {
        SandboxRequest request = new SandboxRequest("POST", "/", "",
                Map.of("content-type", List.of("application/x-www-form-urlencoded; charset=utf-8")),
                form.getBytes(StandardCharsets.UTF_8));
        return sts.handle(request, new RequestContext(who, "us-east-1", "req-1"));
    }

    private static Document xml(SandboxResponse response) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
    }

    private static String text(Document doc, String element) {
        return doc.getElementsByTagName(element).item(0).getTextContent();
    }

    @Test
    void getCallerIdentityWorksForEveryPrincipal() throws Exception {
        SandboxResponse response = call(reader, "Action=GetCallerIdentity&Version=2011-06-15");
        assertThat(response.status()).isEqualTo(200);
        Document doc = xml(response);
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("GetCallerIdentityResponse");
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(StsHandler.NAMESPACE);
        assertThat(text(doc, "Arn")).isEqualTo("arn:aws:iam::123456789012:user/reader");
        assertThat(text(doc, "Account")).isEqualTo("123456789012");
        assertThat(text(doc, "UserId")).isEqualTo(reader.userId());
        assertThat(text(doc, "RequestId")).isEqualTo("req-1");
    }

    @Test
    void decodeNeedsItsPermissionAndReturnsTheJson() throws Exception {
        AccessControl.Decision denied = access.authorize(reader, "ec2:RunInstances", List.of("arn:aws:ec2:us-east-1:123456789012:instance/*"), Map.of());
        String form = "Action=DecodeAuthorizationMessage&Version=2011-06-15&EncodedMessage=" + denied.encodedMessage();

        SandboxResponse refused = call(reader, form);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(text(xml(refused), "Code")).isEqualTo("AccessDenied");
        assertThat(text(xml(refused), "Message")).contains("sts:DecodeAuthorizationMessage");

        SandboxResponse decoded = call(admin, form);
        assertThat(decoded.status()).isEqualTo(200);
        String json = text(xml(decoded), "DecodedMessage");
        assertThat(json).startsWith("{\"allowed\":false,\"explicitDeny\":false,").contains("\"arn:aws:iam::123456789012:user/reader\"");
    }

    @Test
    void answersBadRequestsWithStsErrors() throws Exception {
        SandboxResponse garbage = call(admin, "Action=DecodeAuthorizationMessage&Version=2011-06-15&EncodedMessage=abc");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(text(xml(garbage), "Code")).isEqualTo("InvalidAuthorizationMessageException");
        assertThat(text(xml(call(admin, "Action=DecodeAuthorizationMessage&Version=2011-06-15")), "Code")).isEqualTo("MissingParameter");
        Document unknown = xml(call(admin, "Action=AssumeRole&Version=2011-06-15"));
        assertThat(text(unknown, "Code")).isEqualTo("InvalidAction");
        assertThat(text(unknown, "Type")).isEqualTo("Sender");
        assertThat(text(xml(call(admin, "Version=2011-06-15")), "Code")).isEqualTo("MissingAction");
        assertThat(call(admin, "Action=%ZZ").status()).isEqualTo(400);
    }

    @Test
    void rejectionsUseStsCodes() throws Exception {
        SandboxRequest any = new SandboxRequest("POST", "/", "", Map.of(), new byte[0]);
        Map<AccessControl.Reason, String> expected = Map.of(
                AccessControl.Reason.MISSING_AUTHENTICATION, "403 MissingAuthenticationToken",
                AccessControl.Reason.MALFORMED_AUTHORIZATION, "400 IncompleteSignature",
                AccessControl.Reason.UNKNOWN_ACCESS_KEY, "403 InvalidClientTokenId",
                AccessControl.Reason.SIGNATURE_MISMATCH, "403 SignatureDoesNotMatch",
                AccessControl.Reason.EXPIRED, "403 SignatureDoesNotMatch");
        for (var e : expected.entrySet()) {
            SandboxResponse response = sts.rejected(any, new AccessControl.Rejected(e.getKey(), "sts", "why"), "req-9");
            Document doc = xml(response);
            assertThat(response.status() + " " + text(doc, "Code")).as(e.getKey().name()).isEqualTo(e.getValue());
            assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("ErrorResponse");
            assertThat(text(doc, "RequestId")).isEqualTo("req-9");
            assertThat(response.headers()).containsEntry("x-amzn-RequestId", "req-9");
        }
    }
}
