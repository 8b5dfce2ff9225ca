import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Fails the build when the application needs a JDK module that the jlink runtime would not contain.
 *
 * <p>Runs {@code jdeps --print-module-deps} over the staged application (our jar and every library jar;
 * the JavaFX jars are modules, analysed on their own), then checks that every JDK module it names is in
 * {@code packaging/jlink.args} or required, transitively, by a module listed there. Prints both lists,
 * so a reviewer sees which listed modules come from jdeps and which are run-time additions.
 *
 * <p>Usage: {@code java CheckJlinkModules.java JLINK_ARGS APP_DIR} (APP_DIR holds the main jar and lib/).
 */
public final class CheckJlinkModules {

    private CheckJlinkModules() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java CheckJlinkModules.java JLINK_ARGS APP_DIR");
            System.exit(2);
        }
        Set<String> listed = listedModules(Path.of(args[0]));
        List<Path> jars;
        try (Stream<Path> files = Files.walk(Path.of(args[1]))) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        List<Path> fxModules = new ArrayList<>();
        List<Path> classpath = new ArrayList<>();
        for (Path jar : jars) {
            if (jar.getFileName().toString().startsWith("javafx-")) {
                if (hasModuleInfo(jar)) {
                    fxModules.add(jar); // the platform jars; the others are empty placeholders
                }
            } else {
                classpath.add(jar);
            }
        }
        String fxPath = join(fxModules);
        Set<String> needed = new TreeSet<>();
        List<String> appArgs = new ArrayList<>(List.of("--ignore-missing-deps", "--print-module-deps",
                "--multi-release", "17", "--module-path", fxPath, "--class-path", join(classpath)));
        classpath.forEach(jar -> appArgs.add(jar.toString()));
        needed.addAll(jdeps(appArgs));
        List<String> fxArgs = new ArrayList<>(List.of("--ignore-missing-deps", "--print-module-deps",
                "--multi-release", "17", "--module-path", fxPath));
        fxModules.forEach(jar -> fxArgs.add(jar.toString()));
        needed.addAll(jdeps(fxArgs));
        needed.removeIf(module -> module.startsWith("javafx."));

        Set<String> provided = closure(listed);
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(provided);
        Set<String> extra = new TreeSet<>(listed);
        extra.removeAll(needed);
        System.out.println("jdeps needs:        " + String.join(",", needed));
        System.out.println("jlink.args adds:    " + String.join(",", extra) + " (run-time or implied)");
        if (!missing.isEmpty()) {
            System.err.println("packaging/jlink.args lacks modules the application needs: "
                    + String.join(",", missing) + ". Add a --add-modules line for each.");
            System.exit(1);
        }
    }

    private static Set<String> listedModules(Path argsFile) throws IOException {
        Set<String> modules = new TreeSet<>();
        for (String line : Files.readAllLines(argsFile)) {
            String code = line.replaceFirst("#.*", "").trim();
            if (code.startsWith("--add-modules")) {
                String value = code.substring("--add-modules".length()).trim();
                modules.addAll(Arrays.asList(value.split(",")));
            }
        }
        return modules;
    }

    private static Set<String> jdeps(List<String> args) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("jdeps not found: run with a JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("jdeps failed (" + status + "): " + err);
        }
        // Output ends with one line like "java.base,java.desktop"; split-package warnings come before it.
        String[] lines = out.toString().strip().split("\\R");
        return Arrays.stream(lines[lines.length - 1].split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The modules jlink resolves from {@code roots}: the roots and everything they require. */
    private static Set<String> closure(Set<String> roots) {
        ModuleFinder system = ModuleFinder.ofSystem();
        Set<String> seen = new TreeSet<>();
        Deque<String> work = new ArrayDeque<>(roots);
        while (!work.isEmpty()) {
            String name = work.pop();
            if (seen.add(name)) {
                ModuleDescriptor descriptor = system.find(name)
                        .orElseThrow(() -> new IllegalStateException("no JDK module " + name)).descriptor();
                descriptor.requires().forEach(r -> work.push(r.name()));
            }
        }
        return seen;
    }

    private static boolean hasModuleInfo(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry("module-info.class") != null;
        }
    }

    private static String join(List<Path> jars) {
        return jars.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }
}
