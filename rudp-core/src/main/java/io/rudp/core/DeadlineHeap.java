package io.rudp.core;

import java.util.Arrays;

/**
 * The endpoint's connections ordered by their scheduled deadline (wrap-safe), then by connection
 * id: an indexed binary min-heap. Each connection remembers its slot, so moving a deadline costs
 * O(log n) and, unlike a tree set, allocates nothing: pacing moves a deadline for every packet.
 */
final class DeadlineHeap {

    private Connection[] heap = new Connection[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    /** The connection with the earliest deadline, or null. */
    Connection peek() {
        return size == 0 ? null : heap[0];
    }

    /** Files {@code c} under {@code deadlineNanos}, or moves it there if it is filed already. */
    void schedule(Connection c, long deadlineNanos) {
        c.scheduledDeadlineNanos = deadlineNanos;
        if (c.heapIndex >= 0) {
            siftUp(c.heapIndex);
            siftDown(c.heapIndex);
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = c;
        c.heapIndex = size;
        size++;
        siftUp(size - 1);
    }

    /** Takes {@code c} out, if it is filed. */
    void remove(Connection c) {
        int index = c.heapIndex;
        if (index < 0) {
            return;
        }
        c.heapIndex = -1;
        size--;
        if (index == size) {
            heap[size] = null;
            return;
        }
        Connection last = heap[size];
        heap[size] = null;
        heap[index] = last;
        last.heapIndex = index;
        siftUp(index);
        siftDown(last.heapIndex);
    }

    /** Takes out and returns the earliest, or null. */
    Connection poll() {
        Connection first = peek();
        if (first != null) {
            remove(first);
        }
        return first;
    }

    private void siftUp(int index) {
        Connection c = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            Connection p = heap[parent];
            if (!earlier(c, p)) {
                break;
            }
            heap[index] = p;
            p.heapIndex = index;
            index = parent;
        }
        heap[index] = c;
        c.heapIndex = index;
    }

    private void siftDown(int index) {
        Connection c = heap[index];
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && earlier(heap[child + 1], heap[child])) {
                child++;
            }
            if (!earlier(heap[child], c)) {
                break;
            }
            heap[index] = heap[child];
            heap[index].heapIndex = index;
            index = child;
        }
        heap[index] = c;
        c.heapIndex = index;
    }

    /** Deadlines compare wrap-safe; equal deadlines by connection id, so the order is total. */
    private static boolean earlier(Connection a, Connection b) {
        long d = a.scheduledDeadlineNanos - b.scheduledDeadlineNanos;
        return d != 0 ? d < 0 : a.localConnectionId() < b.localConnectionId();
    }
}
