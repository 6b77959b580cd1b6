package org.neuromix.engine.separation;

import java.util.Arrays;

/**
 * Running median over a centred window {@code [i - half, i + half]}, truncated at the ends, kept as
 * a sorted window updated by binary-search insertion and removal: O(n · half) moves, with no
 * allocation. Even counts (only at the truncated ends) give the mean of the two middle values.
 */
final class SlidingMedian {
    private SlidingMedian() {
    }

    /**
     * @param scratch at least {@code 2 * half + 1} floats
     */
    static void apply(float[] in, int n, int half, float[] out, float[] scratch) {
        int size = 0;
        int next = 0; // next input index to insert
        for (int i = 0; i < n; i++) {
            int hi = Math.min(n - 1, i + half);
            while (next <= hi) {
                size = insert(scratch, size, in[next++]);
            }
            int lo = i - half - 1;
            if (lo >= 0) {
                size = remove(scratch, size, in[lo]);
            }
            out[i] = (size & 1) == 1 ? scratch[size / 2] : 0.5f * (scratch[size / 2 - 1] + scratch[size / 2]);
        }
    }

    private static int insert(float[] sorted, int size, float value) {
        int at = Arrays.binarySearch(sorted, 0, size, value);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = value;
        return size + 1;
    }

    private static int remove(float[] sorted, int size, float value) {
        int at = Arrays.binarySearch(sorted, 0, size, value);
        if (at < 0) {
            throw new IllegalStateException("value not in the window");
        }
        System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
        return size - 1;
    }
}
