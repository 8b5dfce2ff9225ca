package org.ec2workbench.capture;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The test run's classpath, for tests that fork a JVM. */
public final class TestClasspath {

    private TestClasspath() {
    }

    /** Every classpath entry of this test run (surefire's, not its booter jar). */
    public static List<String> entries() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.asList(path.split(File.pathSeparator));
    }

    /** The {@code java} launcher of this JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
