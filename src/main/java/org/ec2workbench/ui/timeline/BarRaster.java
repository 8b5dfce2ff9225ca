package org.ec2workbench.ui.timeline;

import java.util.Arrays;
import org.ec2workbench.capture.ErrorCategory;

/**
 * Rasterises the timeline's lanes into an ARGB pixel array: lane backgrounds, grid lines, one bar per
 * attempt and the backoff gaps. Attempts are first marked into cells (lane, track, pixel column); a cell
 * keeps the worst category marked into it ({@link #rank}: throttling beats consistency beats
 * authorization … beats success), so merging many attempts into one pixel never hides an error. Then
 * every cell is painted once. The cost is one pass over the attempts (or summary cells) plus one over the
 * pixels, whatever the number of attempts. Free of {@code javafx}, so it is tested without a toolkit.
 */
final class BarRaster {

    /** Cell bit: a backoff gap line passes through. */
    static final int GAP_LINE = 1;
    /** Cell bit: a backoff gap starts here (its tick). */
    static final int GAP_TICK = 2;

    /** Worst category first: the order in which a merged pixel picks its colour (highest rank wins). */
    static final ErrorCategory[] WORST_FIRST = {ErrorCategory.THROTTLING, ErrorCategory.CONSISTENCY,
            ErrorCategory.AUTHORIZATION, ErrorCategory.LIMIT, ErrorCategory.SERVER, ErrorCategory.CAPACITY,
            ErrorCategory.VALIDATION, ErrorCategory.NONE};
    private static final int[] RANK = new int[ErrorCategory.values().length];
    /** For a set of category bits (bit = ordinal), rank + 1 of the worst; 0 for none. */
    private static final byte[] WORST_OF_BITS = new byte[1 << ErrorCategory.values().length];

    static {
        for (int r = 0; r < WORST_FIRST.length; r++) {
            RANK[WORST_FIRST[r].ordinal()] = WORST_FIRST.length - 1 - r;
        }
        for (int bits = 1; bits < WORST_OF_BITS.length; bits++) {
            int worst = -1;
            for (ErrorCategory c : ErrorCategory.values()) {
                if ((bits & 1 << c.ordinal()) != 0) {
                    worst = Math.max(worst, RANK[c.ordinal()]);
                }
            }
            WORST_OF_BITS[bits] = (byte) (worst + 1);
        }
    }

    /**
     * Colours as opaque ARGB ints.
     *
     * @param background  lane background
     * @param laneAlt     every other lane
     * @param grid        vertical grid lines
     * @param gap         backoff gap lines
     * @param categories  bar colour per category ordinal
     */
    record Colors(int background, int laneAlt, int grid, int gap, int[] categories) {
    }

    private int width;
    private int height;
    private int lanes;
    private int tracks;
    private int[] pixels = new int[0];
    private byte[] cells = new byte[0];
    private byte[] gaps = new byte[0];

    /** The rank of {@code category} when pixels merge: higher wins. */
    static int rank(ErrorCategory category) {
        return RANK[category.ordinal()];
    }

    /** Starts a frame of {@code width}×{@code height} pixels with {@code lanes} lanes of {@code tracks} tracks. */
    void begin(int width, int height, int lanes, int tracks) {
        this.width = Math.max(1, width);
        this.height = Math.max(1, height);
        this.lanes = Math.max(1, lanes);
        this.tracks = Math.max(1, tracks);
        if (pixels.length != this.width * this.height) {
            pixels = new int[this.width * this.height];
        }
        int n = this.lanes * this.tracks * this.width;
        if (cells.length < n) {
            cells = new byte[n];
            gaps = new byte[n];
        } else {
            Arrays.fill(cells, 0, n, (byte) 0);
            Arrays.fill(gaps, 0, n, (byte) 0);
        }
    }

    /** The pixels of the frame, row by row, ARGB (opaque, so also premultiplied). */
    int[] pixels() {
        return pixels;
    }

    /** Frame width, px. */
    int width() {
        return width;
    }

    /** Frame height, px. */
    int height() {
        return height;
    }

    /** The pixel at (x, y). */
    int pixel(int x, int y) {
        return pixels[y * width + x];
    }

    /** Marks an attempt spanning x in {@code [x0, x1)} (at least one column) in a lane's track. */
    void markBar(int lane, int track, double x0, double x1, ErrorCategory category) {
        int first = (int) Math.floor(x0);
        int last = Math.max(first, (int) Math.ceil(x1) - 1);
        first = Math.max(0, first);
        last = Math.min(width - 1, last);
        if (first > last || lane < 0 || lane >= lanes) {
            return;
        }
        byte value = (byte) (RANK[category.ordinal()] + 1);
        int row = (lane * tracks + track) * width;
        for (int c = first; c <= last; c++) {
            if (cells[row + c] < value) {
                cells[row + c] = value;
            }
        }
    }

    /** Marks a backoff gap from x {@code gx} (its tick) to the retry's start {@code x0}. */
    void markGap(int lane, int track, double gx, double x0) {
        if (lane < 0 || lane >= lanes) {
            return;
        }
        int row = (lane * tracks + track) * width;
        int tick = (int) Math.floor(gx);
        if (tick >= 0 && tick < width) {
            gaps[row + tick] |= GAP_TICK;
        }
        int last = Math.min(width - 1, (int) Math.floor(x0) - 1);
        for (int c = Math.max(0, tick); c <= last; c++) {
            gaps[row + c] |= GAP_LINE;
        }
    }

    /**
     * Marks a summary cell: {@code categoryBits} (bit = category ordinal) and {@code gapBits}
     * ({@link #GAP_LINE}, {@link #GAP_TICK}) in one column of a lane's track.
     */
    void markCell(int lane, int track, int column, int categoryBits, int gapBits) {
        if (column < 0 || column >= width || lane < 0 || lane >= lanes) {
            return;
        }
        int cell = (lane * tracks + track) * width + column;
        byte value = WORST_OF_BITS[categoryBits & (WORST_OF_BITS.length - 1)];
        if (cells[cell] < value) {
            cells[cell] = value;
        }
        gaps[cell] |= (byte) gapBits;
    }

    /**
     * Paints the frame: backgrounds, grid lines at {@code gridColumns}, then each marked cell (a bar
     * where an attempt was marked, else a gap line or tick).
     */
    void paint(TimelineLayout layout, Colors colors, int[] gridColumns) {
        int[] plain = template(colors.background(), colors.grid(), gridColumns);
        int[] alternate = template(colors.laneAlt(), colors.grid(), gridColumns);
        for (int y = 0; y < height; y++) {
            int lane = layout.laneAt(y, lanes);
            System.arraycopy(lane % 2 == 1 ? alternate : plain, 0, pixels, y * width, width);
        }
        int[] byRank = new int[WORST_FIRST.length + 1];
        for (ErrorCategory c : ErrorCategory.values()) {
            byRank[RANK[c.ordinal()] + 1] = colors.categories()[c.ordinal()];
        }
        int barHeight = Math.max(1, (int) Math.round(layout.barHeight()));
        int tickHalf = Math.min(3, barHeight / 2);
        int[] bars = new int[width];
        int[] gapLine = new int[width];
        int[] tickLine = new int[width];
        for (int lane = 0; lane < lanes; lane++) {
            double laneTop = layout.laneTop(lane);
            if (laneTop >= height || laneTop + layout.laneHeight() <= 0) {
                continue;
            }
            int[] background = lane % 2 == 1 ? alternate : plain;
            for (int track = 0; track < tracks; track++) {
                int top = (int) Math.round(layout.trackTop(laneTop, track));
                int mid = top + barHeight / 2;
                int cellRow = (lane * tracks + track) * width;
                for (int c = 0; c < width; c++) {
                    byte cell = cells[cellRow + c];
                    byte gap = gaps[cellRow + c];
                    int under = cell != 0 ? byRank[cell] : background[c];
                    bars[c] = under;
                    gapLine[c] = cell == 0 && gap != 0 ? colors.gap() : under;
                    tickLine[c] = cell == 0 && (gap & GAP_TICK) != 0 ? colors.gap() : under;
                }
                for (int y = Math.max(0, top); y < Math.min(height, top + barHeight); y++) {
                    int[] line = y == mid ? gapLine : Math.abs(y - mid) <= tickHalf ? tickLine : bars;
                    System.arraycopy(line, 0, pixels, y * width, width);
                }
            }
        }
    }

    private int[] template(int fill, int grid, int[] gridColumns) {
        int[] line = new int[width];
        Arrays.fill(line, fill);
        for (int column : gridColumns) {
            if (column >= 0 && column < width) {
                line[column] = grid;
            }
        }
        return line;
    }
}
