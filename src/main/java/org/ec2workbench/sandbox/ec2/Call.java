package org.ec2workbench.sandbox.ec2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ec2workbench.sandbox.http.RequestContext;
import org.ec2workbench.sandbox.iam.AccessControl;
import org.ec2workbench.sandbox.protocol.ApiException;
import org.ec2workbench.sandbox.protocol.QueryParams;
import org.ec2workbench.sandbox.protocol.Xml;
import org.ec2workbench.sandbox.throttle.Throttler;
import org.ec2workbench.sandbox.world.World;

/**
 * One EC2 request while it is being handled: its parameters, who sent it, the replica it landed on, the
 * reply being written, and the authorization step every action must pass through before it changes
 * anything (which is also where DryRun ends a request).
 */
final class Call {

    final String action;
    final QueryParams params;
    final RequestContext context;
    final String account;
    final String region;
    final int replica;
    final World world;
    final Xml xml;
    final Throttler throttler;
    final RenderCache renderCache;
    private final AccessControl accessControl;
    private final boolean dryRun;
    private boolean authorized;

    Call(String action, QueryParams params, RequestContext context, int replica, World world, Throttler throttler,
         RenderCache renderCache, AccessControl accessControl, Xml xml) {
        this.throttler = throttler;
        this.renderCache = renderCache;
        this.action = action;
        this.params = params;
        this.context = context;
        this.account = context.principal().accountId();
        this.region = context.region();
        this.replica = replica;
        this.world = world;
        this.accessControl = accessControl;
        this.xml = xml;
        this.dryRun = params.bool("DryRun", false);
    }

    /** ARN of an account-scoped EC2 resource in this Region, e.g. {@code instance/*}. */
    String arn(String resource) {
        return "arn:aws:ec2:" + region + ":" + account + ":" + resource;
    }

    /** A condition context holding {@code ec2:Region}, ready for more keys. */
    Map<String, List<String>> conditions() {
        Map<String, List<String>> context = new HashMap<>();
        context.put("ec2:Region", List.of(region));
        return context;
    }

    /** Adds {@code ec2:ResourceTag/K} for each tag of an existing resource. */
    static void resourceTags(Map<String, List<String>> conditions, Map<String, String> tags) {
        tags.forEach((k, v) -> conditions.put("ec2:ResourceTag/" + k, List.of(v)));
    }

    /** Adds {@code aws:RequestTag/K} and {@code aws:TagKeys} for tags the request applies. */
    static void requestTags(Map<String, List<String>> conditions, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        tags.forEach((k, v) -> conditions.put("aws:RequestTag/" + k, List.of(v)));
        conditions.put("aws:TagKeys", new ArrayList<>(tags.keySet()));
    }

    /** Throws {@code UnauthorizedOperation} unless the principal may act on every resource. */
    void check(List<String> resourceArns, Map<String, List<String>> conditions) {
        AccessControl.Decision decision = accessControl.authorize(context.principal(), "ec2:" + action,
                resourceArns, conditions);
        if (!decision.allowed()) {
            throw new ApiException(403, "UnauthorizedOperation",
                    "You are not authorized to perform this operation. Encoded authorization failure message: "
                            + decision.encodedMessage());
        }
    }

    /** Marks the request authorized; a DryRun request ends here with {@code DryRunOperation}. */
    void authorized() {
        authorized = true;
        if (dryRun) {
            throw new ApiException(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
        }
    }

    /** {@link #check} then {@link #authorized}. */
    void authorize(List<String> resourceArns, Map<String, List<String>> conditions) {
        check(resourceArns, conditions);
        authorized();
    }

    /** Authorizes an action EC2 grants on {@code *} only (the Describe actions). */
    void authorizeAll() {
        authorize(List.of("*"), conditions());
    }

    /** Takes {@code count} tokens from the action's resource bucket, or {@code RequestLimitExceeded}. */
    void takeResourceTokens(int count) {
        if (!throttler.tryResources(account, region, action, count)) {
            throw new ApiException(503, "RequestLimitExceeded", "Request limit exceeded.");
        }
    }

    boolean wasAuthorized() {
        return authorized;
    }

    /**
     * Tags from {@code TagSpecification.N} for one resource type. A specification for a type the action
     * cannot tag is {@code InvalidParameterValue}.
     */
    Map<String, String> tagSpecifications(String resourceType, List<String> allowedTypes) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (QueryParams spec : params.structures("TagSpecification")) {
            String type = spec.required("ResourceType");
            if (!allowedTypes.contains(type)) {
                throw ApiException.client("InvalidParameterValue",
                        "'" + type + "' is not a valid taggable resource type for this operation.");
            }
            if (type.equals(resourceType)) {
                tags.putAll(Tags.parse(spec, "Tag", true));
            }
        }
        return tags;
    }
}
