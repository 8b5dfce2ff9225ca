package org.ec2workbench.sandbox.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encoded authorization failure messages of {@code UnauthorizedOperation} replies: the documented
 * JSON (allowed, explicitDeny, matchedStatements, failures, context) compressed and sealed with AES-GCM
 * under a key private to this sandbox, then base64url-encoded. Only {@link #decode} (STS
 * DecodeAuthorizationMessage) can read one; a tampered message decodes to nothing.
 */
public final class AuthorizationMessages {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_DECODED_BYTES = 1 << 20;

    private final SecretKey key;
    private final int noncePrefix;
    private final AtomicLong counter = new AtomicLong();

    /** Draws a fresh key (and nonce prefix) from {@code random}. */
    public AuthorizationMessages(RandomGenerator random) {
        byte[] keyBytes = new byte[32];
        for (int i = 0; i < keyBytes.length; i++) {
            keyBytes[i] = (byte) random.nextInt(256);
        }
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.noncePrefix = random.nextInt();
    }

    /**
     * The documented JSON of a denial.
     *
     * @param principal    who was denied
     * @param action       e.g. {@code ec2:RunInstances}
     * @param resource     the (first) denied resource
     * @param evaluation   the denying evaluation
     * @param conditions   the request context's condition keys and values
     */
    public static ObjectNode failureJson(Principal principal, String action, String resource, PolicyEvaluator.Evaluation evaluation,
                                         Map<String, List<String>> conditions) {
        ObjectNode root = PolicyParser.MAPPER.createObjectNode();
        root.put("allowed", evaluation.allowed());
        root.put("explicitDeny", evaluation.outcome() == PolicyEvaluator.Outcome.EXPLICIT_DENY);
        ArrayNode matched = root.putObject("matchedStatements").putArray("items");
        for (Statement s : evaluation.matched()) {
            ObjectNode item = matched.addObject();
            if (s.sid() != null) {
                item.put("statementId", s.sid());
            }
            item.put("effect", s.effect().name());
            values(item.putObject("principals"), List.of(principal.userId()));
            item.putObject("principalGroups").putArray("items");
            values(item.putObject(s.notAction() ? "notActions" : "actions"), s.actions());
            values(item.putObject(s.notResource() ? "notResources" : "resources"), s.resources());
            ArrayNode items = item.putObject("conditions").putArray("items");
            for (Condition c : s.conditions()) {
                ObjectNode ci = items.addObject();
                ci.put("key", c.key());
                ci.put("operator", c.operator());
                values(ci.putObject("values"), c.values());
            }
        }
        root.putObject("failures").putArray("items");
        ObjectNode context = root.putObject("context");
        ObjectNode p = context.putObject("principal");
        p.put("id", principal.userId());
        p.put("name", principal.name());
        p.put("arn", principal.arn());
        context.put("action", action);
        context.put("resource", resource);
        ArrayNode items = context.putObject("conditions").putArray("items");
        new TreeMap<>(conditions).forEach((k, v) -> {
            ObjectNode ci = items.addObject();
            ci.put("key", k);
            values(ci.putObject("values"), v);
        });
        return root;
    }

    private static void values(ObjectNode holder, List<String> values) {
        ArrayNode items = holder.putArray("items");
        values.forEach(v -> items.addObject().put("value", v));
    }

    /** Seals a JSON document into an opaque message. */
    public String encode(ObjectNode json) {
        try {
            byte[] plain = deflate(PolicyParser.MAPPER.writeValueAsBytes(json));
            byte[] nonce = ByteBuffer.allocate(NONCE_BYTES).putInt(noncePrefix).putLong(counter.incrementAndGet()).array();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode an authorization message", e);
        }
    }

    /** The JSON inside a message this sandbox encoded, or empty for anything else. */
    public Optional<String> decode(String encoded) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(encoded.trim());
            if (raw.length <= NONCE_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return Optional.of(new String(inflate(plain), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException | DataFormatException
                 | java.security.ProviderException e) {
            return Optional.empty();
        }
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] data) throws DataFormatException {
        Inflater inflater = new Inflater();
        inflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_DECODED_BYTES) {
                    throw new DataFormatException("too large");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
