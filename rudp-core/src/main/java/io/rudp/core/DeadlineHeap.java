package io.rudp.core;

import java.util.Arrays;

/**
 * The endpoint's connections ordered by their scheduled deadline (wrap-safe), then by connection
 * id: an indexed binary min-heap. Each connection carries a {@link Slot} that only this heap reads
 * and writes (its place in the heap and the deadline it is filed under), so moving a deadline
 * costs O(log n) and, unlike a tree set, allocates nothing: pacing moves a deadline for every packet.
 */
final class DeadlineHeap {

    /** A connection's entry: where it stands in the heap and under which deadline. Owned by the heap. */
    static final class Slot {
        private final Connection connection;
        private int index = -1;
        private long deadlineNanos = Connection.NO_DEADLINE;

        Slot(Connection connection) {
            this.connection = connection;
        }
    }

    private Slot[] heap = new Slot[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    /** The connection with the earliest deadline, or null. */
    Connection peek() {
        return size == 0 ? null : heap[0].connection;
    }

    /** The earliest deadline, or {@link Connection#NO_DEADLINE} when nothing is filed. */
    long peekDeadlineNanos() {
        return size == 0 ? Connection.NO_DEADLINE : heap[0].deadlineNanos;
    }

    /** The deadline {@code c} is filed under, or {@link Connection#NO_DEADLINE} when it is not filed. */
    long deadlineOf(Connection c) {
        return c.timerSlot().deadlineNanos;
    }

    /** Whether {@code c} is filed. */
    boolean contains(Connection c) {
        return c.timerSlot().index >= 0;
    }

    /** Files {@code c} under {@code deadlineNanos}, or moves it there if it is filed already. */
    void schedule(Connection c, long deadlineNanos) {
        Slot slot = c.timerSlot();
        slot.deadlineNanos = deadlineNanos;
        if (slot.index >= 0) {
            siftUp(slot.index);
            siftDown(slot.index);
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = slot;
        slot.index = size;
        size++;
        siftUp(size - 1);
    }

    /** Takes {@code c} out, if it is filed; its deadline becomes {@link Connection#NO_DEADLINE}. */
    void remove(Connection c) {
        Slot slot = c.timerSlot();
        slot.deadlineNanos = Connection.NO_DEADLINE;
        int index = slot.index;
        if (index < 0) {
            return;
        }
        slot.index = -1;
        size--;
        if (index == size) {
            heap[size] = null;
            return;
        }
        Slot last = heap[size];
        heap[size] = null;
        heap[index] = last;
        last.index = index;
        siftUp(index);
        siftDown(last.index);
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
        Slot s = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            Slot p = heap[parent];
            if (!earlier(s, p)) {
                break;
            }
            heap[index] = p;
            p.index = index;
            index = parent;
        }
        heap[index] = s;
        s.index = index;
    }

    private void siftDown(int index) {
        Slot s = heap[index];
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && earlier(heap[child + 1], heap[child])) {
                child++;
            }
            if (!earlier(heap[child], s)) {
                break;
            }
            heap[index] = heap[child];
            heap[index].index = index;
            index = child;
        }
        heap[index] = s;
        s.index = index;
    }

    /** Deadlines compare wrap-safe; equal deadlines by connection id, so the order is total. */
    private static boolean earlier(Slot a, Slot b) {
        long d = a.deadlineNanos - b.deadlineNanos;
        return d != 0 ? d < 0 : a.connection.localConnectionId() < b.connection.localConnectionId();
    }
}
