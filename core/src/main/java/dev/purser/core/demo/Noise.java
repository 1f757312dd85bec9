package dev.purser.core.demo;

/**
 * Stateless, seeded noise: every value is a pure function of (seed, stream, index), so a day's
 * numbers do not depend on how many days were generated before it or in what order. That is
 * what makes the same last day give byte-identical output, and neighbouring last days agree on
 * the days they share. Only {@link StrictMath} is used so results do not vary by platform.
 */
final class Noise {

    private Noise() {
    }

    /** SplitMix64's finalizer: a good 64-bit mix of its input. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long key(long seed, String stream) {
        long h = seed;
        for (int i = 0; i < stream.length(); i++) {
            h = mix(h + stream.charAt(i) * 0x9e3779b97f4a7c15L);
        }
        return h;
    }

    /** Uniform in [0, 1). */
    static double uniform(long key, long index) {
        return (mix(key ^ mix(index + 0x632be59bd9b4e019L)) >>> 11) * 0x1.0p-53;
    }

    /**
     * Approximately standard normal: the Irwin-Hall sum of four uniforms, centred and scaled. Cheap
     * (no logarithms), bounded to ±3.46, which suits monitoring noise.
     */
    static double gaussian(long key, long index) {
        long h = mix(key ^ mix(index + 0x2545f4914f6cdd1dL));
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += (h & 0xffff) / 65536.0;
            h >>>= 16;
        }
        return (sum - 2.0) * 1.7320508075688772;
    }
}
