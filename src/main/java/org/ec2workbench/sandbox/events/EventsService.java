package org.ec2workbench.sandbox.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.ec2workbench.backoff.Clock;

/**
 * The sandbox's CloudWatch Events / EventBridge: the default event bus of every account and region, its
 * rules and targets, and the delivery of matching events to {@link EventTarget}s. Operations take and
 * return the AWS JSON 1.1 shapes. Thread-safe (one lock: rule changes and deliveries are rare and fast).
 */
public final class EventsService {

    /** The service principal that deliveries are made as. */
    public static final String SERVICE_PRINCIPAL = "events.amazonaws.com";
    private static final String DEFAULT_BUS = "default";
    private static final int MAX_TARGETS_PER_RULE = 5;
    private static final Pattern RULE_NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
    private static final Pattern TARGET_ID = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OPERATIONS = List.of("PutRule", "DescribeRule", "ListRules", "DeleteRule",
            "EnableRule", "DisableRule", "PutTargets", "RemoveTargets", "ListTargetsByRule", "PutEvents",
            "TestEventPattern", "TagResource", "UntagResource", "ListTagsForResource");

    /** Counters of what the buses did, for the UI and tests. */
    public record Stats(long eventsPut, long matched, long delivered, long deniedByPolicy, long failed) {
    }

    private final Clock clock;
    private final RandomGenerator random;
    private final EventTarget target;
    private final Map<String, Map<String, Rule>> rulesByBus = new LinkedHashMap<>();
    private final AtomicLong eventsPut = new AtomicLong();
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong denied = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param clock  the time of events put without one
     * @param random source of event ids (seeded for determinism)
     * @param target where matched events are delivered
     */
    public EventsService(Clock clock, RandomGenerator random, EventTarget target) {
        this.clock = clock;
        this.random = random;
        this.target = target;
    }

    /** Whether this service implements {@code operation}. */
    public static boolean supports(String operation) {
        return OPERATIONS.contains(operation);
    }

    /** The ARN of the default event bus. */
    public static String busArn(String region, String accountId) {
        return "arn:aws:events:" + region + ":" + accountId + ":event-bus/" + DEFAULT_BUS;
    }

    /** The ARN of a rule on the default bus. */
    public static String ruleArn(String region, String accountId, String name) {
        return "arn:aws:events:" + region + ":" + accountId + ":rule/" + name;
    }

    /** Delivery counters so far. */
    public Stats stats() {
        return new Stats(eventsPut.get(), matched.get(), delivered.get(), denied.get(), failed.get());
    }

    /**
     * The ARN an operation acts on, for authorization: the rule, the bus for PutEvents, else {@code *}.
     */
    public String resourceArn(String operation, JsonNode p, String region, String accountId) {
        String rule = p.hasNonNull("Name") ? p.get("Name").asText() : p.hasNonNull("Rule") ? p.get("Rule").asText() : null;
        if (operation.equals("PutEvents")) {
            return busArn(region, accountId);
        }
        if (p.hasNonNull("ResourceARN")) {
            return p.get("ResourceARN").asText();
        }
        return rule == null || operation.equals("ListRules") ? "*" : ruleArn(region, accountId, rule);
    }

    /**
     * Runs one operation for {@code accountId} in {@code region}.
     *
     * @throws EventsException with the code EventBridge gives
     */
    public ObjectNode call(String operation, JsonNode p, String region, String accountId) {
        return switch (operation) {
            case "PutRule" -> putRule(p, region, accountId);
            case "DescribeRule" -> describeRule(p, region, accountId);
            case "ListRules" -> listRules(p, region, accountId);
            case "DeleteRule" -> deleteRule(p, region, accountId);
            case "EnableRule" -> setState(p, region, accountId, "ENABLED");
            case "DisableRule" -> setState(p, region, accountId, "DISABLED");
            case "PutTargets" -> putTargets(p, region, accountId);
            case "RemoveTargets" -> removeTargets(p, region, accountId);
            case "ListTargetsByRule" -> listTargets(p, region, accountId);
            case "PutEvents" -> putEvents(p, region, accountId);
            case "TestEventPattern" -> testEventPattern(p);
            case "TagResource" -> tagResource(p, region, accountId);
            case "UntagResource" -> untagResource(p, region, accountId);
            case "ListTagsForResource" -> listTags(p, region, accountId);
            default -> throw new EventsException("UnknownOperationException", 400, "Unknown operation " + operation);
        };
    }

    /**
     * Puts an AWS service's event (e.g. {@code aws.ec2}) on the default bus of {@code accountId} in
     * {@code region}, delivering it to every enabled matching rule's targets.
     *
     * @return the event as delivered (with its id)
     */
    public ObjectNode publishServiceEvent(String source, String detailType, List<String> resources, JsonNode detail,
                                          Instant time, String region, String accountId) {
        ObjectNode event = event(source, detailType, resources, detail, time, region, accountId);
        dispatch(event, region, accountId);
        return event;
    }

    // Rules --------------------------------------------------------------------------------------------

    private static final class Rule {
        final String name;
        final String arn;
        EventPattern pattern;
        String schedule;
        String state;
        String description;
        String roleArn;
        final Map<String, String> tags = new TreeMap<>();
        final Map<String, ObjectNode> targets = new LinkedHashMap<>();

        Rule(String name, String arn) {
            this.name = name;
            this.arn = arn;
        }
    }

    private Map<String, Rule> rules(String region, String accountId) {
        return rulesByBus.computeIfAbsent(busArn(region, accountId), k -> new TreeMap<>());
    }

    private static void checkBus(JsonNode p, String region, String accountId) {
        if (p.hasNonNull("EventBusName")) {
            String bus = p.get("EventBusName").asText();
            if (!bus.equals(DEFAULT_BUS) && !bus.equals(busArn(region, accountId))) {
                throw new EventsException("ResourceNotFoundException", 400, "Event bus " + bus + " does not exist.");
            }
        }
    }

    private synchronized ObjectNode putRule(JsonNode p, String region, String accountId) {
        checkBus(p, region, accountId);
        String name = required(p, "Name");
        if (!RULE_NAME.matcher(name).matches()) {
            throw EventsException.validation("1 validation error detected: Value '" + name
                    + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "[\\.\\-_A-Za-z0-9]+");
        }
        String patternText = text(p, "EventPattern");
        String schedule = text(p, "ScheduleExpression");
        if (patternText == null && schedule == null) {
            throw EventsException.validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        EventPattern pattern = patternText == null ? null : compile(patternText);
        String state = p.hasNonNull("State") ? p.get("State").asText() : "ENABLED";
        if (!state.equals("ENABLED") && !state.equals("DISABLED")) {
            throw EventsException.validation("1 validation error detected: Value '" + state
                    + "' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [DISABLED, ENABLED]");
        }
        Map<String, Rule> rules = rules(region, accountId);
        Rule rule = rules.get(name);
        if (rule == null) {
            rule = new Rule(name, ruleArn(region, accountId, name));
            rules.put(name, rule);
            putTags(rule.tags, p.get("Tags"));
        }
        rule.pattern = pattern;
        rule.schedule = schedule;
        rule.state = state;
        rule.description = text(p, "Description");
        rule.roleArn = text(p, "RoleArn");
        return result().put("RuleArn", rule.arn);
    }

    private static EventPattern compile(String text) {
        try {
            return EventPattern.parse(text);
        } catch (InvalidEventPatternException e) {
            throw new EventsException("InvalidEventPatternException", 400,
                    "Event pattern is not valid. Reason: " + e.getMessage());
        }
    }

    private Rule rule(JsonNode p, String field, String region, String accountId) {
        checkBus(p, region, accountId);
        String name = required(p, field);
        Rule rule = rules(region, accountId).get(name);
        if (rule == null) {
            throw EventsException.ruleNotFound(name, DEFAULT_BUS);
        }
        return rule;
    }

    private synchronized ObjectNode describeRule(JsonNode p, String region, String accountId) {
        Rule rule = rule(p, "Name", region, accountId);
        return describe(rule, accountId);
    }

    private static ObjectNode describe(Rule rule, String accountId) {
        ObjectNode r = result().put("Name", rule.name).put("Arn", rule.arn);
        if (rule.pattern != null) {
            r.put("EventPattern", rule.pattern.text());
        }
        if (rule.schedule != null) {
            r.put("ScheduleExpression", rule.schedule);
        }
        r.put("State", rule.state);
        if (rule.description != null) {
            r.put("Description", rule.description);
        }
        if (rule.roleArn != null) {
            r.put("RoleArn", rule.roleArn);
        }
        r.put("EventBusName", DEFAULT_BUS).put("CreatedBy", accountId);
        return r;
    }

    private synchronized ObjectNode listRules(JsonNode p, String region, String accountId) {
        checkBus(p, region, accountId);
        String prefix = p.path("NamePrefix").asText("");
        int limit = p.hasNonNull("Limit") ? p.get("Limit").asInt() : 100;
        if (limit < 1 || limit > 100) {
            throw EventsException.validation("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100");
        }
        String after = p.hasNonNull("NextToken") ? decodeToken(p.get("NextToken").asText()) : "";
        List<Rule> selected = rules(region, accountId).values().stream()
                .filter(r -> r.name.startsWith(prefix) && r.name.compareTo(after) > 0).toList();
        ObjectNode out = result();
        ArrayNode list = out.putArray("Rules");
        selected.stream().limit(limit).forEach(r -> list.add(describe(r, accountId)));
        if (selected.size() > limit) {
            out.put("NextToken", Base64.getUrlEncoder().encodeToString(
                    selected.get(limit - 1).name.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw EventsException.validation("The provided NextToken is not valid.");
        }
    }

    private synchronized ObjectNode deleteRule(JsonNode p, String region, String accountId) {
        checkBus(p, region, accountId);
        String name = required(p, "Name");
        Rule rule = rules(region, accountId).get(name);
        if (rule != null) {
            if (!rule.targets.isEmpty()) {
                throw EventsException.validation("Rule can't be deleted since it has targets.");
            }
            rules(region, accountId).remove(name);
        }
        return result();
    }

    private synchronized ObjectNode setState(JsonNode p, String region, String accountId, String state) {
        rule(p, "Name", region, accountId).state = state;
        return result();
    }

    // Targets ------------------------------------------------------------------------------------------

    private synchronized ObjectNode putTargets(JsonNode p, String region, String accountId) {
        Rule rule = rule(p, "Rule", region, accountId);
        JsonNode targets = p.get("Targets");
        if (targets == null || !targets.isArray() || targets.isEmpty() || targets.size() > 10) {
            throw EventsException.validation("1 validation error detected: Value at 'targets' failed to satisfy "
                    + "constraint: Member must have length less than or equal to 10 and greater than or equal to 1");
        }
        ObjectNode out = result();
        ArrayNode failedEntries = JSON.createArrayNode();
        for (JsonNode t : targets) {
            String id = t.path("Id").asText("");
            String arn = t.path("Arn").asText("");
            if (!TARGET_ID.matcher(id).matches() || arn.isEmpty()) {
                throw EventsException.validation("1 validation error detected: Value '" + id
                        + "' at 'targets.member.id' failed to satisfy constraint: Member must satisfy regular "
                        + "expression pattern: [\\.\\-_A-Za-z0-9]+");
            }
            if (!arn.startsWith("arn:aws:")) {
                failedEntries.addObject().put("TargetId", id).put("ErrorCode", "ValidationException")
                        .put("ErrorMessage", "Parameter " + arn + " is not valid. Reason: Provided Arn is not in correct format.");
                continue;
            }
            if (!rule.targets.containsKey(id) && rule.targets.size() >= MAX_TARGETS_PER_RULE) {
                throw new EventsException("LimitExceededException", 400,
                        "The requested resource exceeds the maximum number allowed.");
            }
            if (t.hasNonNull("Input")) {
                try {
                    JSON.readTree(t.get("Input").asText());
                } catch (JsonProcessingException e) {
                    throw EventsException.validation("Target " + id + " Input is not valid JSON text.");
                }
            }
            rule.targets.put(id, (ObjectNode) t.deepCopy());
        }
        out.put("FailedEntryCount", failedEntries.size());
        out.set("FailedEntries", failedEntries);
        return out;
    }

    private synchronized ObjectNode removeTargets(JsonNode p, String region, String accountId) {
        Rule rule = rule(p, "Rule", region, accountId);
        JsonNode ids = p.get("Ids");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw EventsException.validation("1 validation error detected: Value null at 'ids' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        ids.forEach(id -> rule.targets.remove(id.asText()));
        ObjectNode out = result().put("FailedEntryCount", 0);
        out.putArray("FailedEntries");
        return out;
    }

    private synchronized ObjectNode listTargets(JsonNode p, String region, String accountId) {
        Rule rule = rule(p, "Rule", region, accountId);
        ObjectNode out = result();
        ArrayNode list = out.putArray("Targets");
        rule.targets.values().forEach(list::add);
        return out;
    }

    // Events -------------------------------------------------------------------------------------------

    private ObjectNode putEvents(JsonNode p, String region, String accountId) {
        JsonNode entries = p.get("Entries");
        if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > 10) {
            throw EventsException.validation("1 validation error detected: Value at 'entries' failed to satisfy "
                    + "constraint: Member must have length less than or equal to 10 and greater than or equal to 1");
        }
        ObjectNode out = result();
        ArrayNode results = out.putArray("Entries");
        int failures = 0;
        for (JsonNode e : entries) {
            String problem = entryProblem(e, region, accountId);
            if (problem != null) {
                failures++;
                String code = problem.startsWith("Detail") ? "MalformedDetail"
                        : problem.startsWith("Not authorized") ? "NotAuthorizedForSourceException" : "InvalidArgument";
                results.addObject().put("ErrorCode", code).put("ErrorMessage", problem);
                continue;
            }
            Instant time = clock.instant();
            if (e.hasNonNull("Time")) {
                JsonNode t = e.get("Time");
                time = t.isNumber() ? Instant.ofEpochMilli((long) (t.asDouble() * 1000)) : Instant.parse(t.asText());
            }
            List<String> resources = new ArrayList<>();
            e.path("Resources").forEach(r -> resources.add(r.asText()));
            JsonNode detail;
            try {
                detail = JSON.readTree(e.get("Detail").asText());
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("checked by entryProblem", ex);
            }
            ObjectNode event = event(e.get("Source").asText(), e.get("DetailType").asText(), resources, detail,
                    time, region, accountId);
            dispatch(event, region, accountId);
            results.addObject().put("EventId", event.get("id").asText());
        }
        out.put("FailedEntryCount", failures);
        return out;
    }

    private static String entryProblem(JsonNode e, String region, String accountId) {
        for (String field : List.of("Source", "DetailType", "Detail")) {
            if (!e.hasNonNull(field) || e.get(field).asText().isEmpty()) {
                return "Parameter " + field + " is not valid. Reason: " + field + " is a required argument.";
            }
        }
        if (e.get("Source").asText().startsWith("aws.")) {
            return "Not authorized for the source.";
        }
        if (e.hasNonNull("EventBusName")) {
            String bus = e.get("EventBusName").asText();
            if (!bus.equals(DEFAULT_BUS) && !bus.equals(busArn(region, accountId))) {
                return "Event bus " + bus + " does not exist.";
            }
        }
        if (e.hasNonNull("Time") && !e.get("Time").isNumber()) {
            try {
                Instant.parse(e.get("Time").asText());
            } catch (java.time.format.DateTimeParseException ex) {
                return "Parameter Time is not valid.";
            }
        }
        try {
            JsonNode detail = JSON.readTree(e.get("Detail").asText());
            if (detail == null || !detail.isObject()) {
                return "Detail is malformed.";
            }
        } catch (JsonProcessingException ex) {
            return "Detail is malformed.";
        }
        return null;
    }

    private ObjectNode testEventPattern(JsonNode p) {
        EventPattern pattern = compile(required(p, "EventPattern"));
        String eventText = required(p, "Event");
        JsonNode event;
        try {
            event = JSON.readTree(eventText);
        } catch (JsonProcessingException e) {
            throw EventsException.validation("Parameter Event is not valid.");
        }
        if (event == null || !event.isObject()) {
            throw EventsException.validation("Parameter Event is not valid.");
        }
        for (String field : List.of("id", "account", "source", "time", "region", "detail-type")) {
            if (!event.has(field)) {
                throw EventsException.validation("Parameter Event is not valid. Reason: Event is missing " + field + ".");
            }
        }
        return result().put("Result", pattern.matches(event));
    }

    private ObjectNode event(String source, String detailType, List<String> resources, JsonNode detail, Instant time,
                             String region, String accountId) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", Uuids.next(random));
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", accountId);
        event.put("time", DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS)));
        event.put("region", region);
        ArrayNode res = event.putArray("resources");
        resources.forEach(res::add);
        event.set("detail", detail);
        return event;
    }

    private void dispatch(ObjectNode event, String region, String accountId) {
        eventsPut.incrementAndGet();
        List<Map.Entry<String, ObjectNode>> deliveries = new ArrayList<>();
        synchronized (this) {
            for (Rule rule : rules(region, accountId).values()) {
                if (rule.state.equals("ENABLED") && rule.pattern != null && rule.pattern.matches(event)) {
                    matched.incrementAndGet();
                    rule.targets.values().forEach(t -> deliveries.add(Map.entry(rule.arn, t)));
                }
            }
        }
        String body = write(event);
        for (Map.Entry<String, ObjectNode> d : deliveries) {
            ObjectNode t = d.getValue();
            String payload = t.hasNonNull("Input") ? t.get("Input").asText() : body;
            EventTarget.Outcome outcome = target.deliver(t.path("Arn").asText(), d.getKey(), accountId, payload);
            switch (outcome) {
                case DELIVERED -> delivered.incrementAndGet();
                case DENIED_BY_POLICY -> denied.incrementAndGet();
                default -> failed.incrementAndGet();
            }
        }
    }

    // Tags ---------------------------------------------------------------------------------------------

    private Rule ruleByArn(JsonNode p, String region, String accountId) {
        String arn = required(p, "ResourceARN");
        String prefix = ruleArn(region, accountId, "");
        Rule rule = arn.startsWith(prefix) ? rules(region, accountId).get(arn.substring(prefix.length())) : null;
        if (rule == null) {
            throw EventsException.ruleNotFound(arn.substring(arn.lastIndexOf('/') + 1), DEFAULT_BUS);
        }
        return rule;
    }

    private synchronized ObjectNode tagResource(JsonNode p, String region, String accountId) {
        putTags(ruleByArn(p, region, accountId).tags, p.get("Tags"));
        return result();
    }

    private synchronized ObjectNode untagResource(JsonNode p, String region, String accountId) {
        Rule rule = ruleByArn(p, region, accountId);
        p.path("TagKeys").forEach(k -> rule.tags.remove(k.asText()));
        return result();
    }

    private synchronized ObjectNode listTags(JsonNode p, String region, String accountId) {
        Rule rule = ruleByArn(p, region, accountId);
        ObjectNode out = result();
        ArrayNode tags = out.putArray("Tags");
        rule.tags.forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        return out;
    }

    private static void putTags(Map<String, String> into, JsonNode tags) {
        if (tags != null && tags.isArray()) {
            tags.forEach(t -> into.put(t.path("Key").asText(), t.path("Value").asText()));
        }
    }

    // Helpers ------------------------------------------------------------------------------------------

    private static ObjectNode result() {
        return JSON.createObjectNode();
    }

    private static String text(JsonNode p, String field) {
        return p.hasNonNull(field) && !p.get(field).asText().isEmpty() ? p.get(field).asText() : null;
    }

    private static String required(JsonNode p, String field) {
        String v = text(p, field);
        if (v == null) {
            throw EventsException.validation("1 validation error detected: Value null at '"
                    + Character.toLowerCase(field.charAt(0)) + field.substring(1)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return v;
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Jackson tree always serializes", e);
        }
    }
}
