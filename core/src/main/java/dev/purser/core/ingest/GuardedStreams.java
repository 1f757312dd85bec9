package dev.purser.core.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The streams that keep a compressed file from expanding without bound: {@link Counting} counts
 * the compressed bytes as they are read, {@link Expansion} sits on the decompressed side and
 * refuses to go on once it has produced more than {@link InputLimits#MAX_EXPANSION_RATIO} times
 * what was read, past {@link InputLimits#EXPANSION_GRACE_BYTES}; {@link Capped} refuses to go past
 * a total.
 */
final class GuardedStreams {

    private GuardedStreams() {
    }

    /** A read that would exceed a limit; the message says which, for {@code file:line: }. */
    static final class LimitExceeded extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceeded(String message) {
            super(message);
        }
    }

    /** Counts the bytes read through it. */
    static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += Math.max(0, s);
            return s;
        }
    }

    /** Decompressed bytes checked against the compressed bytes read so far. */
    static final class Expansion extends FilterInputStream {
        private final Counting compressed;
        private long produced;

        Expansion(InputStream decompressed, Counting compressed) {
            super(decompressed);
            this.compressed = compressed;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                produced(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                produced(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // through read, so skipped bytes are counted and checked too
            byte[] sink = new byte[(int) Math.min(8192, Math.max(n, 1))];
            long left = n;
            while (left > 0) {
                int r = read(sink, 0, (int) Math.min(sink.length, left));
                if (r < 0) {
                    break;
                }
                left -= r;
            }
            return n - left;
        }

        private void produced(int n) throws LimitExceeded {
            produced += n;
            long in = Math.max(1, compressed.count());
            if (produced > InputLimits.EXPANSION_GRACE_BYTES && produced > InputLimits.MAX_EXPANSION_RATIO * in) {
                throw new LimitExceeded("the gzip data expands more than " + InputLimits.MAX_EXPANSION_RATIO
                        + " times (" + InputLimits.bytes(produced) + " from " + InputLimits.bytes(in)
                        + " read so far); no bill compresses like that, so the file is refused as a decompression bomb");
            }
        }
    }

    /** At most {@code limit} bytes; one more is a {@link LimitExceeded}. */
    static final class Capped extends FilterInputStream {
        private final long limit;
        private final String message;
        private long read;

        /** @param message what to say when the limit is passed */
        Capped(InputStream in, long limit, String message) {
            super(in);
            this.limit = limit;
            this.message = message;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(int n) throws LimitExceeded {
            read += n;
            if (read > limit) {
                throw new LimitExceeded(message);
            }
        }
    }
}
