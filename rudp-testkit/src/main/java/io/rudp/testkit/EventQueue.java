package io.rudp.testkit;

import java.util.Arrays;

/**
 * A binary min-heap of {@link Delivery} events ordered by (time, insertion sequence), so ties
 * resolve deterministically. Package-private; a hand-rolled heap avoids comparator overhead.
 */
final class EventQueue {
    private Delivery[] heap = new Delivery[64];
    private int size;
    private long nextSequence;

    /** The sequence number the next added delivery must carry. */
    long nextSequence() {
        return nextSequence++;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest delivery without removing it, or null when empty. */
    Delivery peek() {
        return size == 0 ? null : heap[0];
    }

    void add(Delivery d) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Delivery p = heap[parent];
            if (!d.before(p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = d;
    }

    /** Removes and returns the earliest delivery, or null when empty. */
    Delivery poll() {
        if (size == 0) {
            return null;
        }
        Delivery top = heap[0];
        Delivery last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(last);
        }
        return top;
    }

    private void siftDown(Delivery d) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Delivery c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].before(c)) {
                child = right;
                c = heap[child];
            }
            if (!c.before(d)) {
                break;
            }
            heap[i] = c;
            i = child;
        }
        heap[i] = d;
    }
}
