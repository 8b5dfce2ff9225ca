package org.ec2workbench.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.ec2workbench.aws.retry.SdkErrorClassifier;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.backoff.Classification;
import org.ec2workbench.backoff.Classifier;
import org.ec2workbench.backoff.Clock;
import org.ec2workbench.backoff.RetryExecutor;
import org.ec2workbench.backoff.RetryFailedException;
import org.ec2workbench.backoff.RetryPlan;
import org.ec2workbench.backoff.Sleeper;
import org.ec2workbench.backoff.SystemClock;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatchevents.CloudWatchEventsClient;
import software.amazon.awssdk.services.cloudwatchevents.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchevents.model.RuleState;
import software.amazon.awssdk.services.cloudwatchevents.model.Tag;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Subscribes to EC2 instance state-change events the way AWS recommends instead of polling: an SQS queue,
 * a queue policy that lets {@code events.amazonaws.com} send for one rule, a rule on the default bus
 * matching this session's instances (or all), and the queue as the rule's target; then a long-poll loop
 * that hands each event to the listener once (deduplicated by event id, since delivery is at least once),
 * deletes handled messages, and reconnects after errors through the backoff engine.
 *
 * <p>The same code runs against real AWS and the sandbox. Every resource is named {@code ec2wb-<session>}
 * and tagged {@code ec2-workbench:session}; a {@link SubscriptionLedger} records them before they exist, so
 * {@link #start()} first removes what an earlier crashed session left, and {@link #close()} removes them.
 */
public final class StateChangeSubscription implements AutoCloseable {

    /** The tag key carrying the session id on every created resource. */
    public static final String SESSION_TAG = "ec2-workbench:session";
    private static final Logger LOG = Logger.getLogger(StateChangeSubscription.class.getName());
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,50}");
    private static final String PREFIX = "ec2wb-";
    private static final String TARGET_ID = "ec2wb-queue";
    private static final int DEDUP_CAPACITY = 10_000;
    private static final int VISIBILITY_TIMEOUT_SECONDS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the subscription has done so far.
     *
     * @param receiveCalls  ReceiveMessage calls made (including failed attempts)
     * @param events        distinct events handed to the listener
     * @param duplicates    redeliveries dropped by event id
     * @param malformed     messages that were not state-change events (deleted, not delivered)
     * @param failures      failed attempts (each followed by a backoff, or the end of the subscription)
     * @param cleanedUp     leftover sessions removed at start
     */
    public record Stats(long receiveCalls, long events, long duplicates, long malformed, long failures, int cleanedUp) {
    }

    /** Where the subscription stands. */
    public enum State { NEW, RUNNING, FAILED, CLOSED }

    private final CloudWatchEventsClient events;
    private final SqsClient sqs;
    private final String sessionId;
    private final String connection;
    private final SubscriptionLedger ledger;
    private final RetryExecutor executor;
    private final RetryExecutor setupExecutor;
    private final RetryExecutor createExecutor;
    private final Clock clock;
    private final Consumer<StateChangeEvent> listener;
    private final Consumer<Throwable> errorListener;
    private final int waitTimeSeconds;
    private final Set<String> instanceIds = new TreeSet<>();
    private final Map<String, Boolean> seen = new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > DEDUP_CAPACITY;
        }
    };
    private final AtomicLong receiveCalls = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final ExecutorService loop;
    private volatile State state = State.NEW;
    private volatile int cleanedUp;
    private volatile String queueUrl;
    private volatile String ruleArn;
    private Future<?> polling;

    private StateChangeSubscription(Builder b) {
        this.events = b.events;
        this.sqs = b.sqs;
        this.sessionId = b.sessionId;
        this.connection = b.connection;
        this.ledger = b.ledger;
        this.listener = b.listener;
        this.errorListener = b.errorListener;
        this.waitTimeSeconds = b.waitTimeSeconds;
        this.instanceIds.addAll(b.instanceIds);
        RetryPlan plan = b.retryPlan != null ? b.retryPlan
                : RetryPlan.builder(BackoffPolicy.builder(BackoffPolicy.Kind.FULL_JITTER)
                        .base(Duration.ofSeconds(1)).cap(Duration.ofSeconds(30)).unlimitedAttempts().build())
                        .clock(b.clock).build();
        plan.addListener(event -> {
            if (event instanceof org.ec2workbench.backoff.RetryEvent.AttemptFailed) {
                failures.incrementAndGet();
            }
        });
        Classifier classifier = Classifier.ofFailures(SdkErrorClassifier::classify);
        this.executor = RetryExecutor.of(plan, classifier, b.sleeper);
        RetryPlan setupPlan = RetryPlan.builder(BackoffPolicy.builder(BackoffPolicy.Kind.FULL_JITTER)
                .base(Duration.ofMillis(500)).cap(Duration.ofSeconds(10)).maxAttempts(5).build()).clock(b.clock).build();
        this.setupExecutor = RetryExecutor.of(setupPlan, classifier, b.sleeper);
        // Right after CreateQueue / PutRule, SQS and EventBridge may not know the new resource yet.
        this.createExecutor = RetryExecutor.of(setupPlan, Classifier.ofFailures(
                failure -> justCreated(failure) ? Classification.NOT_YET_VISIBLE : SdkErrorClassifier.classify(failure)),
                b.sleeper);
        this.clock = b.clock;
        this.loop = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "state-change-subscription-" + sessionId);
            t.setDaemon(true);
            return t;
        });
    }

    /** A builder for a subscription of session {@code sessionId} through these clients. */
    public static Builder builder(CloudWatchEventsClient events, SqsClient sqs, String sessionId) {
        return new Builder(events, sqs, sessionId);
    }

    /** The name of the queue and of the rule of {@code sessionId}. */
    public static String resourceName(String sessionId) {
        return PREFIX + sessionId;
    }

    /** The event pattern matching EC2 state changes of {@code instanceIds} (all instances when empty). */
    public static String pattern(Collection<String> instanceIds) {
        ObjectNode p = JSON.createObjectNode();
        p.putArray("source").add(StateChangeEvent.SOURCE);
        p.putArray("detail-type").add(StateChangeEvent.DETAIL_TYPE);
        if (!instanceIds.isEmpty()) {
            ArrayNode ids = p.putObject("detail").putArray("instance-id");
            new TreeSet<>(instanceIds).forEach(ids::add);
        }
        return p.toString();
    }

    /**
     * Removes leftovers of crashed sessions on the same connection, creates the queue, policy, rule and
     * target, and starts long polling.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException if a resource cannot be created (what was
     *         created stays in the ledger for the next start, or {@link #close()}, to remove)
     */
    public synchronized StateChangeSubscription start() {
        if (state != State.NEW) {
            throw new IllegalStateException("already started");
        }
        cleanedUp = removeLeftovers();
        String name = resourceName(sessionId);
        ledger.add(new SubscriptionLedger.Entry(sessionId, connection, name, name, TARGET_ID, clock.instant()));
        queueUrl = create(() -> sqs.createQueue(b -> b.queueName(name)
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "3600",
                        // Handled messages are deleted within milliseconds; one received by a long poll whose
                        // connection dropped comes back after this, instead of SQS's default 30 s.
                        QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_TIMEOUT_SECONDS)))
                .tags(Map.of(SESSION_TAG, sessionId))).queueUrl());
        String queueArn = create(() -> sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN));
        ruleArn = create(() -> events.putRule(b -> b.name(name).eventPattern(pattern(watched())).state(RuleState.ENABLED)
                .description("EC2 API Workbench session " + sessionId + ": instance state changes")
                .tags(Tag.builder().key(SESSION_TAG).value(sessionId).build())).ruleArn());
        String policy = queuePolicy(queueArn, ruleArn);
        create(() -> sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY, policy))));
        create(() -> events.putTargets(b -> b.rule(name).targets(t -> t.id(TARGET_ID).arn(queueArn))));
        state = State.RUNNING;
        polling = loop.submit(this::pollLoop);
        return this;
    }

    /** Changes the instances this subscription follows (all when empty) by updating the rule's pattern. */
    public void watch(Collection<String> ids) {
        synchronized (instanceIds) {
            instanceIds.clear();
            instanceIds.addAll(ids);
        }
        if (state == State.RUNNING) {
            String name = resourceName(sessionId);
            call(() -> events.putRule(b -> b.name(name).eventPattern(pattern(watched())).state(RuleState.ENABLED)));
        }
    }

    private List<String> watched() {
        synchronized (instanceIds) {
            return List.copyOf(instanceIds);
        }
    }

    /** The policy letting EventBridge send to {@code queueArn} for {@code ruleArn} only. */
    public static String queuePolicy(String queueArn, String ruleArn) {
        ObjectNode policy = JSON.createObjectNode().put("Version", "2012-10-17");
        ObjectNode st = policy.putArray("Statement").addObject();
        st.put("Sid", "AllowEventBridgeRule").put("Effect", "Allow");
        st.putObject("Principal").put("Service", "events.amazonaws.com");
        st.put("Action", "sqs:SendMessage").put("Resource", queueArn);
        st.putObject("Condition").putObject("ArnEquals").put("aws:SourceArn", ruleArn);
        return policy.toString();
    }

    private void pollLoop() {
        while (state == State.RUNNING) {
            ReceiveMessageResponse response;
            try {
                response = executor.execute(() -> {
                    receiveCalls.incrementAndGet();
                    return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                            .waitTimeSeconds(waitTimeSeconds));
                });
            } catch (RetryFailedException e) {
                if (state != State.RUNNING) {
                    return;
                }
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                report(cause);
                if (e.lastClassification() == Classification.TERMINAL) {
                    state = State.FAILED;
                    return;
                }
                continue;
            } catch (RuntimeException e) {
                if (state == State.RUNNING) {
                    report(e);
                    state = State.FAILED;
                }
                return;
            }
            handle(response.messages());
        }
    }

    private void handle(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> handled = new ArrayList<>();
        for (Message m : messages) {
            try {
                StateChangeEvent event = StateChangeEvent.parse(m.body());
                boolean fresh;
                synchronized (seen) {
                    fresh = seen.put(event.id(), Boolean.TRUE) == null;
                }
                if (fresh) {
                    delivered.incrementAndGet();
                    try {
                        listener.accept(event);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "state-change listener failed", e);
                    }
                } else {
                    duplicates.incrementAndGet();
                }
            } catch (IllegalArgumentException e) {
                malformed.incrementAndGet();
                LOG.log(Level.FINE, "dropping a message that is not a state-change event: {0}", e.getMessage());
            }
            handled.add(DeleteMessageBatchRequestEntry.builder().id("m" + handled.size())
                    .receiptHandle(m.receiptHandle()).build());
        }
        try {
            executor.execute(() -> sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(handled)));
        } catch (RuntimeException e) {
            // Undeleted messages come back after their visibility timeout and are dropped as duplicates.
            if (state == State.RUNNING) {
                report(e);
            }
        }
    }

    private void report(Throwable t) {
        try {
            errorListener.accept(t);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "error listener failed", e);
        }
    }

    private static boolean justCreated(Throwable failure) {
        return failure instanceof QueueDoesNotExistException || failure instanceof ResourceNotFoundException;
    }

    private <T> T create(RetryExecutor.Attempt<T> attempt) {
        return call(createExecutor, attempt);
    }

    private <T> T call(RetryExecutor.Attempt<T> attempt) {
        return call(setupExecutor, attempt);
    }

    private static <T> T call(RetryExecutor executor, RetryExecutor.Attempt<T> attempt) {
        try {
            return executor.execute(attempt);
        } catch (RetryFailedException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private void call(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Removes what a crashed session recorded in the ledger ({@code leftover}, on this subscription's
     * connection): its target, rule and queue (each may already be gone), then its ledger entry. Works
     * before {@link #start()} too, so a subscription that is never started can serve as the remover.
     */
    public void removeLeftover(SubscriptionLedger.Entry leftover) {
        if (!leftover.connection().equals(connection) || leftover.sessionId().equals(sessionId)) {
            throw new IllegalArgumentException("not a leftover on this connection: session " + leftover.sessionId());
        }
        teardown(leftover.ruleName(), leftover.targetId(), leftover.queueName());
        ledger.remove(leftover.sessionId());
    }

    private int removeLeftovers() {
        int removed = 0;
        for (SubscriptionLedger.Entry e : ledger.leftovers(connection, sessionId)) {
            try {
                removeLeftover(e);
                removed++;
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "could not remove the leftovers of session " + e.sessionId(), ex);
            }
        }
        return removed;
    }

    /** Removes the target, the rule and the queue; each may already be gone. */
    private void teardown(String ruleName, String targetId, String queueName) {
        try {
            call(() -> events.removeTargets(b -> b.rule(ruleName).ids(targetId)));
        } catch (ResourceNotFoundException e) {
            // already gone
        }
        call(() -> events.deleteRule(b -> b.name(ruleName)));
        try {
            String url = call(() -> sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl());
            call(() -> sqs.deleteQueue(b -> b.queueUrl(url)));
        } catch (QueueDoesNotExistException e) {
            // already gone
        }
    }

    /** The current state. */
    public State state() {
        return state;
    }

    /** The queue URL (null before start). */
    public String queueUrl() {
        return queueUrl;
    }

    /** The rule ARN (null before start). */
    public String ruleArn() {
        return ruleArn;
    }

    /** Counters so far. */
    public Stats stats() {
        return new Stats(receiveCalls.get(), delivered.get(), duplicates.get(), malformed.get(), failures.get(), cleanedUp);
    }

    /**
     * Stops polling and deletes the target, rule and queue; the ledger entry goes once they are gone (if
     * deletion fails, the next start removes them).
     */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        boolean started = state != State.NEW;
        state = State.CLOSED;
        try {
            if (started) {
                String name = resourceName(sessionId);
                teardown(name, TARGET_ID, name);
                ledger.remove(sessionId);
            }
        } catch (AwsServiceException | software.amazon.awssdk.core.exception.SdkClientException e) {
            LOG.log(Level.WARNING, "teardown of session " + sessionId + " failed; the next start will retry", e);
        } finally {
            stopLoop();
        }
    }

    private void stopLoop() {
        loop.shutdown();
        if (polling == null) {
            return;
        }
        try {
            // Deleting the queue ends the long poll at once on the sandbox; on AWS it ends within its wait time.
            polling.get(waitTimeSeconds + 5L, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            loop.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            loop.shutdownNow();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.log(Level.FINE, "poll loop ended with an error", e.getCause());
        }
    }

    /** Configures a {@link StateChangeSubscription}. */
    public static final class Builder {
        private final CloudWatchEventsClient events;
        private final SqsClient sqs;
        private final String sessionId;
        private String connection = "default";
        private SubscriptionLedger ledger;
        private Clock clock = SystemClock.INSTANCE;
        private Sleeper sleeper = SystemClock.INSTANCE;
        private RetryPlan retryPlan;
        private Consumer<StateChangeEvent> listener = e -> { };
        private Consumer<Throwable> errorListener = t -> { };
        private int waitTimeSeconds = 20;
        private final Set<String> instanceIds = new TreeSet<>();

        private Builder(CloudWatchEventsClient events, SqsClient sqs, String sessionId) {
            this.events = Objects.requireNonNull(events, "events");
            this.sqs = Objects.requireNonNull(sqs, "sqs");
            if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
                throw new IllegalArgumentException("sessionId must be 1 to 50 letters, digits, '-' or '_', was " + sessionId);
            }
            this.sessionId = sessionId;
        }

        /** Identifies the endpoint and region (e.g. the {@code Connection} label): leftovers are only removed through the same one. */
        public Builder connection(String connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
            return this;
        }

        /** The ledger of created resources; by default {@link SubscriptionLedger#defaultPath()}. */
        public Builder ledger(SubscriptionLedger ledger) {
            this.ledger = ledger;
            return this;
        }

        /** Follows only these instances (all when none are given); see {@link #watch}. */
        public Builder instanceIds(Collection<String> ids) {
            instanceIds.addAll(ids);
            return this;
        }

        /** Receives each distinct event, on the subscription's thread. */
        public Builder listener(Consumer<StateChangeEvent> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Receives each error that ended a receive (after the engine's retries) or the subscription. */
        public Builder errorListener(Consumer<Throwable> errorListener) {
            this.errorListener = Objects.requireNonNull(errorListener, "errorListener");
            return this;
        }

        /** Retries and reconnects through this plan; by default full jitter from 1 s to 30 s, unlimited. */
        public Builder retryPlan(RetryPlan plan) {
            this.retryPlan = plan;
            return this;
        }

        /** The clock of the default retry plan. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How the engine waits between attempts. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The long-poll wait of each ReceiveMessage, 1 to 20 s (default 20). */
        public Builder waitTimeSeconds(int seconds) {
            if (seconds < 1 || seconds > 20) {
                throw new IllegalArgumentException("waitTimeSeconds must be 1..20, was " + seconds);
            }
            this.waitTimeSeconds = seconds;
            return this;
        }

        /** The subscription, not yet started. */
        public StateChangeSubscription build() {
            if (ledger == null) {
                ledger = new SubscriptionLedger(SubscriptionLedger.defaultPath());
            }
            return new StateChangeSubscription(this);
        }
    }
}
