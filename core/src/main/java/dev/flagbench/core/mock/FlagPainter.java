package dev.flagbench.core.mock;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Paints made-up flags (stripes, a canton, a disc or a cross, and a noisy "emblem") and encodes them as GIFs whose
 * sizes spread like the real ones (about 2.7 KB to 30 KB): the emblem's area is chosen to hit a target size.
 */
final class FlagPainter {
    static {
        // Before any AWT class loads: no display is needed to draw into memory and write GIFs.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Smallest target size, about the size of the smallest real flag GIF. */
    static final int MIN_TARGET = 2_700;
    /** Largest target size. */
    static final int MAX_TARGET = 30_000;

    static final int WIDTH = 300;
    static final int HEIGHT = 200;
    private static final int PIXELS = WIDTH * HEIGHT;
    private static final int FLAG_COLORS = 11;
    private static final IndexColorModel PALETTE = palette();

    /** Encoded bytes per noisy pixel, measured once on an all-noise image. */
    private final double bytesPerNoisyPixel;

    FlagPainter() {
        byte[] noise = new byte[PIXELS];
        SplittableRandom r = new SplittableRandom(0x5EED);
        fillNoise(noise, 0, 0, WIDTH, PIXELS, r);
        byte[] plain = new byte[PIXELS];
        this.bytesPerNoisyPixel = (double) (encode(noise).length - encode(plain).length) / PIXELS;
    }

    /** A flag drawn and sized from {@code random}; the same random state gives the same bytes. */
    byte[] paint(SplittableRandom random) {
        double logMin = Math.log(MIN_TARGET);
        int target = (int) Math.exp(logMin + random.nextDouble() * (Math.log(MAX_TARGET) - logMin));
        byte[] base = new byte[PIXELS];
        drawDesign(base, random);
        long noiseSeed = random.nextLong();
        int plainSize = encode(base).length;
        int area = clampArea((target - plainSize) / bytesPerNoisyPixel);
        byte[] gif = encode(withEmblem(base, area, noiseSeed));
        if (Math.abs(gif.length - target) > target / 10) {
            area = clampArea(area + (target - gif.length) / bytesPerNoisyPixel);
            gif = encode(withEmblem(base, area, noiseSeed));
        }
        return gif;
    }

    private static int clampArea(double area) {
        return (int) Math.max(0, Math.min(PIXELS * 0.97, area));
    }

    private static byte[] withEmblem(byte[] base, int area, long noiseSeed) {
        byte[] px = base.clone();
        if (area > 0) {
            int w = (int) Math.min(WIDTH, Math.ceil(Math.sqrt((double) area * WIDTH / HEIGHT)));
            int h = (area + w - 1) / w;
            fillNoise(px, (WIDTH - w) / 2, (HEIGHT - h) / 2, w, area, new SplittableRandom(noiseSeed));
        }
        return px;
    }

    /** Fills {@code count} pixels of a {@code w}-wide box at (x0, y0), row by row, with random palette colours. */
    private static void fillNoise(byte[] px, int x0, int y0, int w, int count, SplittableRandom r) {
        for (int i = 0; i < count; i++) {
            px[(y0 + i / w) * WIDTH + x0 + i % w] = (byte) r.nextInt(16);
        }
    }

    private static void drawDesign(byte[] px, SplittableRandom r) {
        int a = r.nextInt(FLAG_COLORS);
        int b = other(r, a);
        int c = other(r, a, b);
        switch (r.nextInt(6)) {
            case 0 -> stripes(px, r, a, b, c, true);
            case 1 -> stripes(px, r, a, b, c, false);
            case 2 -> {
                stripes(px, r, a, b, c, true);
                rect(px, 0, 0, WIDTH * 2 / 5, HEIGHT / 2, c);
            }
            case 3 -> {
                rect(px, 0, 0, WIDTH, HEIGHT, a);
                disc(px, WIDTH * (2 + r.nextInt(2)) / 5, HEIGHT / 2, HEIGHT * 3 / 10, b);
            }
            case 4 -> {
                rect(px, 0, 0, WIDTH, HEIGHT, a);
                int t = HEIGHT / 6;
                rect(px, 0, (HEIGHT - t) / 2, WIDTH, t, b);
                rect(px, WIDTH / 3 - t / 2, 0, t, HEIGHT, b);
            }
            default -> {
                stripes(px, r, a, b, c, true);
                for (int y = 0; y < HEIGHT; y++) {
                    int reach = (HEIGHT / 2 - Math.abs(y - HEIGHT / 2)) * 3 / 2;
                    for (int x = 0; x < reach; x++) {
                        px[y * WIDTH + x] = (byte) c;
                    }
                }
            }
        }
    }

    private static void stripes(byte[] px, SplittableRandom r, int a, int b, int c, boolean horizontal) {
        int n = 2 + r.nextInt(3);
        int[] colours = {a, b, c, b};
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int stripe = horizontal ? y * n / HEIGHT : x * n / WIDTH;
                px[y * WIDTH + x] = (byte) colours[stripe];
            }
        }
    }

    private static void rect(byte[] px, int x0, int y0, int w, int h, int colour) {
        for (int y = y0; y < y0 + h; y++) {
            Arrays.fill(px, y * WIDTH + x0, y * WIDTH + x0 + w, (byte) colour);
        }
    }

    private static void disc(byte[] px, int cx, int cy, int radius, int colour) {
        for (int y = cy - radius; y <= cy + radius; y++) {
            for (int x = cx - radius; x <= cx + radius; x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) {
                    px[y * WIDTH + x] = (byte) colour;
                }
            }
        }
    }

    private static int other(SplittableRandom r, int... taken) {
        while (true) {
            int c = r.nextInt(FLAG_COLORS);
            if (Arrays.stream(taken).noneMatch(t -> t == c)) {
                return c;
            }
        }
    }

    /** Encodes 300×200 palette indexes as a GIF with javax.imageio, in memory. */
    static byte[] encode(byte[] pixels) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_INDEXED, PALETTE);
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, data, 0, PIXELS);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a GIF in memory", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static IndexColorModel palette() {
        int[] rgb = {
            0xFFFFFF, 0xCE1126, 0x002868, 0x009B3A, 0xFCD116, 0x000000, 0xFF8200, 0x75AADB,
            0x006233, 0x8D153A, 0x012169, 0xC8A200, 0xC0C0C0, 0x7B3F00, 0x5B2C6F, 0x00827F,
        };
        byte[] red = new byte[16];
        byte[] green = new byte[16];
        byte[] blue = new byte[16];
        for (int i = 0; i < 16; i++) {
            red[i] = (byte) (rgb[i] >> 16);
            green[i] = (byte) (rgb[i] >> 8);
            blue[i] = (byte) rgb[i];
        }
        return new IndexColorModel(4, 16, red, green, blue);
    }
}
