package org.ec2workbench.sandbox.iam;

/**
 * A refused identity configuration (an {@code --iam} file, a body posted to {@code /_sandbox/iam}, or a
 * policy document). Says where — the source, the JSON path such as
 * {@code $.principals[1].policies[0].Statement[2].Effect}, or a line and column for broken JSON — and
 * what is wrong. Never quotes a secret.
 */
public final class IamConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String location;
    private final String problem;

    /**
     * @param source   the file name or another name for the input, or null when not known yet
     * @param location the JSON path (or line/column) of the offending value
     * @param problem  what is wrong with it
     */
    public IamConfigException(String source, String location, String problem) {
        super((source == null ? "" : source + ": ") + location + ": " + problem);
        this.source = source;
        this.location = location;
        this.problem = problem;
    }

    /** The same problem, attributed to {@code newSource}. */
    public IamConfigException in(String newSource) {
        return new IamConfigException(newSource, location, problem);
    }

    /** The file name or input name, or null. */
    public String source() {
        return source;
    }

    /** The JSON path or line/column. */
    public String location() {
        return location;
    }

    /** What is wrong. */
    public String problem() {
        return problem;
    }
}
