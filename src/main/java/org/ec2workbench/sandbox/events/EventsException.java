package org.ec2workbench.sandbox.events;

/** A CloudWatch Events / EventBridge error: its {@code __type}, HTTP status and message. */
public final class EventsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final int status;

    /** An error of {@code type} answered with {@code status}. */
    public EventsException(String type, int status, String message) {
        super(message);
        this.type = type;
        this.status = status;
    }

    /** The error shape name sent as {@code __type}, e.g. {@code ResourceNotFoundException}. */
    public String type() {
        return type;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    static EventsException validation(String message) {
        return new EventsException("ValidationException", 400, message);
    }

    static EventsException ruleNotFound(String name, String bus) {
        return new EventsException("ResourceNotFoundException", 400, "Rule " + name + " does not exist on EventBus " + bus + ".");
    }

    /** Fills in no stack trace: these are answers, not bugs. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
