package org.ec2workbench.lessons;

/** A lesson text file is missing, malformed or incomplete; the message names the file and the field. */
public final class LessonFormatException extends RuntimeException {

    /** A problem described by {@code message}. */
    public LessonFormatException(String message) {
        super(message);
    }
}
