package dev.purser.core.testing;

import dev.purser.core.ingest.FocusFixtures;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Hostile input files, generated on the fly into a test's temporary directory (never stored in
 * the repository): gzip bombs, a FOCUS row with a huge cell, a line without end.
 *
 * <p>Gzip bombs are built without compressing gigabytes: one chunk of the repeated content is
 * deflated once from a fresh compressor and flushed to a byte boundary (SYNC_FLUSH), so it
 * refers only to itself and is a valid continuation anywhere in a DEFLATE stream; the chunk is
 * written as often as needed, then a final empty block and the gzip trailer (CRC-32 and size of
 * the whole expansion, computed as the chunks are counted). The result is one ordinary gzip
 * member that {@code gunzip} expands in full.
 */
public final class HostileFiles {

    private static final int CHUNK = 1 << 20;

    private HostileFiles() {
    }

    /** A gzip that expands to {@code bytes} zero bytes (no line break at all). */
    public static Path gzipOfZeros(Path file, long bytes) {
        return gzip(file, new byte[0], new byte[] {0}, bytes);
    }

    /**
     * A gzip that expands to {@code head} then {@code unit} repeated until the expansion holds
     * {@code bytes} bytes (rounded down to whole units).
     */
    public static Path gzip(Path file, byte[] head, byte[] unit, long bytes) {
        int perChunk = Math.max(1, CHUNK / unit.length);
        byte[] chunk = new byte[perChunk * unit.length];
        for (int i = 0; i < perChunk; i++) {
            System.arraycopy(unit, 0, chunk, i * unit.length, unit.length);
        }
        long chunks = Math.max(0, (bytes - head.length) / chunk.length);
        byte[] deflatedHead = deflateFlushed(head);
        byte[] deflatedChunk = deflateFlushed(chunk);
        CRC32 crc = new CRC32();
        crc.update(head);
        long size = head.length;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
            out.write(deflatedHead);
            for (long c = 0; c < chunks; c++) {
                out.write(deflatedChunk);
                crc.update(chunk);
                size += chunk.length;
            }
            out.write(new byte[] {3, 0}); // a final, empty block with fixed codes
            writeIntLe(out, crc.getValue());
            writeIntLe(out, size);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A FOCUS file (the demo header) with one ordinary row and then a row whose {@code column}
     * holds {@code chars} characters, streamed to disk.
     */
    public static Path focusWithHugeCell(Path file, String column, int chars) {
        Map<String, String> row = FocusFixtures.defaults();
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        boolean seen = false;
        for (String h : FocusFixtures.DEMO_HEADERS) {
            if (h.equals(column)) {
                seen = true;
            } else {
                (seen ? after : before).add(row.getOrDefault(h, ""));
            }
        }
        if (!seen) {
            throw new IllegalArgumentException("no FOCUS column " + column);
        }
        String header = String.join(",", FocusFixtures.DEMO_HEADERS);
        String ordinary = FocusFixtures.demo().row().text().lines().skip(1).findFirst().orElseThrow();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(header + "\n" + ordinary + "\n");
            out.write(before.isEmpty() ? "" : String.join(",", before) + ",");
            char[] block = new char[8192];
            java.util.Arrays.fill(block, 'S');
            for (int left = chars; left > 0; left -= block.length) {
                out.write(block, 0, Math.min(left, block.length));
            }
            out.write(after.isEmpty() ? "\n" : "," + String.join(",", after) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A FOCUS file whose second line is {@code chars} characters of short fields ({@code x,x,...})
     * with no line break: a line without end.
     */
    public static Path focusWithEndlessLine(Path file, long chars) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", FocusFixtures.DEMO_HEADERS) + "\n");
            char[] block = new char[8192];
            for (int i = 0; i < block.length; i++) {
                block[i] = i % 1000 == 999 ? ',' : 'x';
            }
            for (long left = chars; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(left, block.length));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] deflateFlushed(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[1 << 16];
            while (true) {
                int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
                if (n < buffer.length && deflater.needsInput()) {
                    return out.toByteArray();
                }
            }
        } finally {
            deflater.end();
        }
    }

    private static void writeIntLe(OutputStream out, long v) throws IOException {
        out.write((int) (v & 0xff));
        out.write((int) ((v >>> 8) & 0xff));
        out.write((int) ((v >>> 16) & 0xff));
        out.write((int) ((v >>> 24) & 0xff));
    }
}
