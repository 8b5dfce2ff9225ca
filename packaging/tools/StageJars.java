import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Stages the application jars for jpackage, rewriting every entry uncompressed ("stored").
 *
 * <p>Why: installers compress their payload as a whole (xz in a .deb, LZX/MSZIP in an .msi, zlib in a
 * .dmg). Classes already deflated one by one inside a jar barely shrink again, while the same classes
 * stored flat compress together several times better: the EC2 SDK jar is 24 MB deflated, 5 MB when its
 * stored form is xz-compressed. Stored jars also load a little faster (nothing to inflate). Entry bytes,
 * order, names and times are kept, so manifests and jar signatures stay valid.
 *
 * <p>Usage: {@code java StageJars.java OUTPUT_DIR MAIN_JAR LIB_DIR}: empties OUTPUT_DIR, writes
 * OUTPUT_DIR/MAIN_JAR's file name and OUTPUT_DIR/lib/*.jar.
 */
public final class StageJars {

    private StageJars() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java StageJars.java OUTPUT_DIR MAIN_JAR LIB_DIR");
            System.exit(2);
        }
        Path output = Path.of(args[0]);
        Path mainJar = Path.of(args[1]);
        Path libDir = Path.of(args[2]);
        deleteRecursively(output);
        Files.createDirectories(output.resolve("lib"));

        long before = Files.size(mainJar);
        store(mainJar, output.resolve(mainJar.getFileName()));
        List<Path> libs = new ArrayList<>();
        try (Stream<Path> files = Files.list(libDir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(libs::add);
        }
        for (Path lib : libs) {
            before += Files.size(lib);
            store(lib, output.resolve("lib").resolve(lib.getFileName()));
        }
        long after;
        try (Stream<Path> files = Files.walk(output)) {
            after = files.filter(Files::isRegularFile).mapToLong(StageJars::size).sum();
        }
        System.out.printf("staged %d jars into %s: %.1f MB deflated -> %.1f MB stored%n",
                libs.size() + 1, output, before / 1e6, after / 1e6);
    }

    private static void store(Path source, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            out.setMethod(ZipOutputStream.STORED);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] data = in.readAllBytes();
                CRC32 crc = new CRC32();
                crc.update(data);
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setMethod(ZipEntry.STORED);
                copy.setSize(data.length);
                copy.setCompressedSize(data.length);
                copy.setCrc(crc.getValue());
                copy.setTime(entry.getTime());
                if (entry.getExtra() != null) {
                    copy.setExtra(entry.getExtra());
                }
                out.putNextEntry(copy);
                out.write(data);
                out.closeEntry();
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
