import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the EC2 API Workbench icon and writes it as PNGs (16..512), a Windows .ico and a macOS .icns.
 *
 * <p>The mark: a rounded dark tile; along a timeline at the bottom, attempt bars separated by gaps that
 * double each time (a backoff schedule); above them the exponential curve those gaps follow, ending in a
 * green "succeeded" dot. Each size is drawn from the vector description, not scaled from a bitmap, and
 * the smallest sizes drop detail so the mark stays legible.
 *
 * <p>Run from the repository root: {@code java packaging/icons/IconGen.java packaging/icons}
 */
public final class IconGen {

    private static final Color TILE_TOP = new Color(0x1F, 0x3A, 0x5F);
    private static final Color TILE_BOTTOM = new Color(0x10, 0x1F, 0x33);
    private static final Color TIMELINE = new Color(0xC9, 0xD6, 0xE3);
    private static final Color THROTTLED = new Color(0xF2, 0x8C, 0x28);
    private static final Color CURVE = new Color(0xFF, 0xD0, 0x4D);
    private static final Color SUCCESS = new Color(0x4C, 0xD9, 0x7B);

    private IconGen() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(out);
        int[] pngSizes = {16, 24, 32, 48, 64, 128, 256, 512};
        Map<Integer, byte[]> png = new LinkedHashMap<>();
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256, 512, 1024}) {
            png.put(size, encode(draw(size)));
        }
        for (int size : pngSizes) {
            Files.write(out.resolve("ec2-workbench-" + size + ".png"), png.get(size));
        }
        // jpackage on Linux takes one PNG: the largest the desktop menus commonly show crisply.
        Files.write(out.resolve("ec2-workbench.png"), png.get(256));
        Files.write(out.resolve("ec2-workbench.ico"), ico(png, 16, 24, 32, 48, 64, 128, 256));
        Files.write(out.resolve("ec2-workbench.icns"), icns(png));
    }

    /** Renders the mark at {@code size} × {@code size} pixels. */
    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(size / 100.0, size / 100.0); // draw in a 100 × 100 design space
        boolean small = size <= 24;

        double inset = small ? 1 : 4;
        g.setPaint(new GradientPaint(0, 0, TILE_TOP, 0, 100, TILE_BOTTOM));
        g.fill(new RoundRectangle2D.Double(inset, inset, 100 - 2 * inset, 100 - 2 * inset, 22, 22));

        // Timeline with attempts: the gaps between them double (backoff), the last one succeeds.
        double baseY = 80;
        g.setColor(TIMELINE);
        g.setStroke(new BasicStroke(small ? 5f : 3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new java.awt.geom.Line2D.Double(14, baseY, 86, baseY));
        double[] starts = small ? new double[] {16, 32, 62} : new double[] {16, 24, 38, 64};
        double barWidth = small ? 10 : 6;
        double barHeight = small ? 16 : 12;
        for (int i = 0; i < starts.length; i++) {
            boolean last = i == starts.length - 1;
            g.setColor(last ? SUCCESS : THROTTLED);
            g.fill(new RoundRectangle2D.Double(starts[i], baseY - barHeight - 3, barWidth, barHeight, 3, 3));
        }

        // The exponential backoff curve rising over the timeline.
        Path2D.Double curve = new Path2D.Double();
        double x0 = 16;
        double x1 = 80;
        for (int step = 0; step <= 64; step++) {
            double t = step / 64.0;
            double x = x0 + t * (x1 - x0);
            double y = 58 - 40 * (Math.pow(2, 5 * t) - 1) / 31.0;
            if (step == 0) {
                curve.moveTo(x, y);
            } else {
                curve.lineTo(x, y);
            }
        }
        g.setColor(CURVE);
        g.setStroke(new BasicStroke(small ? 8f : 5.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(curve);
        double dot = small ? 16 : 12;
        g.setColor(SUCCESS);
        g.fill(new java.awt.geom.Ellipse2D.Double(x1 - dot / 2, 18 - dot / 2, dot, dot));
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** A Windows icon holding PNG-compressed images (supported since Windows Vista). */
    private static byte[] ico(Map<Integer, byte[]> png, int... sizes) {
        int offset = 6 + 16 * sizes.length;
        int total = offset;
        for (int size : sizes) {
            total += png.get(size).length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        for (int size : sizes) {
            byte[] data = png.get(size);
            buffer.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size));
            buffer.put((byte) 0).put((byte) 0); // no palette, reserved
            buffer.putShort((short) 1).putShort((short) 32); // planes, bits per pixel
            buffer.putInt(data.length).putInt(offset);
            offset += data.length;
        }
        for (int size : sizes) {
            buffer.put(png.get(size));
        }
        return buffer.array();
    }

    /** A macOS icon family of PNG entries, each OSType naming its pixel size (and retina variants). */
    private static byte[] icns(Map<Integer, byte[]> png) throws IOException {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("icp6", 64);
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic09", 512);
        types.put("ic10", 1024);
        types.put("ic11", 32);
        types.put("ic12", 64);
        types.put("ic13", 256);
        types.put("ic14", 512);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream entries = new DataOutputStream(body);
        for (Map.Entry<String, Integer> type : types.entrySet()) {
            byte[] data = png.get(type.getValue());
            entries.writeBytes(type.getKey());
            entries.writeInt(8 + data.length);
            entries.write(data);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(file);
        header.writeBytes("icns");
        header.writeInt(8 + body.size());
        header.write(body.toByteArray());
        return file.toByteArray();
    }
}
