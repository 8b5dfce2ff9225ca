package org.ec2workbench.simulate;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/** Writes simulator rows as CSV with {@code \n} line ends on every platform, so outputs compare byte for byte. */
final class Csv {

    private Csv() {
    }

    static <R> void write(String header, List<R> rows, Function<R, String> line, PrintWriter out) {
        out.print(header + "\n");
        for (R row : rows) {
            out.print(line.apply(row) + "\n");
        }
        out.flush();
    }
}
