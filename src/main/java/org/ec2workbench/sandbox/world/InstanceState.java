package org.ec2workbench.sandbox.world;

/** EC2 instance states with their API codes. */
public enum InstanceState {
    PENDING(0, "pending"),
    RUNNING(16, "running"),
    SHUTTING_DOWN(32, "shutting-down"),
    TERMINATED(48, "terminated"),
    STOPPING(64, "stopping"),
    STOPPED(80, "stopped");

    private final int code;
    private final String apiName;

    InstanceState(int code, String apiName) {
        this.code = code;
        this.apiName = apiName;
    }

    /** The numeric code in {@code instanceState/code}. */
    public int code() {
        return code;
    }

    /** The name in the API and in state-change events, e.g. {@code shutting-down}. */
    public String apiName() {
        return apiName;
    }
}
