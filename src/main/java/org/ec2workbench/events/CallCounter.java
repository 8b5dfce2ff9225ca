package org.ec2workbench.events;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts the HTTP attempts of one operation (e.g. DescribeInstances) a client sends, retries included. */
public final class CallCounter implements ExecutionInterceptor {

    private final String operation;
    private final AtomicLong count = new AtomicLong();

    /** Counts attempts of {@code operation}. */
    public CallCounter(String operation) {
        this.operation = operation;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            count.incrementAndGet();
        }
    }

    /** Attempts so far. */
    public long count() {
        return count.get();
    }
}
