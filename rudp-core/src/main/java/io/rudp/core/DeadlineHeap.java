package io.rudp.core;

import java.util.Arrays;

/**
 * Items (the endpoint's connections) ordered by their scheduled deadline (wrap-safe), then by an
 * id (the connection id): an indexed binary min-heap. Each item is filed through its own
 * {@link Slot}, which only this heap reads and writes (its place in the heap and the deadline it
 * is filed under), so moving a deadline costs O(log n) and, unlike a tree set, allocates nothing:
 * pacing moves a deadline for every packet.
 *
 * @param <T> what is filed
 */
final class DeadlineHeap<T> {

    private static final long NO_DEADLINE = DatagramEngine.NO_DEADLINE;

    /** An item's entry: where it stands in the heap and under which deadline. Owned by the heap. */
    static final class Slot<T> {
        private final T item;
        private final long id;
        private int index = -1;
        private long deadlineNanos = NO_DEADLINE;

        /** @param id orders items with equal deadlines (distinct ids make the order total) */
        Slot(T item, long id) {
            this.item = item;
            this.id = id;
        }
    }

    private Slot<T>[] heap = newArray(16);
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    @SuppressWarnings("unchecked")
    private static <T> Slot<T>[] newArray(int length) {
        return (Slot<T>[]) new Slot<?>[length];
    }

    /** The item with the earliest deadline, or null. */
    T peek() {
        return size == 0 ? null : heap[0].item;
    }

    /** The earliest deadline, or {@link DatagramEngine#NO_DEADLINE} when nothing is filed. */
    long peekDeadlineNanos() {
        return size == 0 ? NO_DEADLINE : heap[0].deadlineNanos;
    }

    /** The deadline {@code slot} is filed under, or {@link DatagramEngine#NO_DEADLINE} when it is not filed. */
    long deadlineOf(Slot<T> slot) {
        return slot.deadlineNanos;
    }

    /** Whether {@code slot} is filed. */
    boolean contains(Slot<T> slot) {
        return slot.index >= 0;
    }

    /** Files {@code slot} under {@code deadlineNanos}, or moves it there if it is filed already. */
    void schedule(Slot<T> slot, long deadlineNanos) {
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

    /** Takes {@code slot} out, if it is filed; its deadline becomes {@link DatagramEngine#NO_DEADLINE}. */
    void remove(Slot<T> slot) {
        slot.deadlineNanos = NO_DEADLINE;
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
        Slot<T> last = heap[size];
        heap[size] = null;
        heap[index] = last;
        last.index = index;
        siftUp(index);
        siftDown(last.index);
    }

    /** Takes out and returns the earliest, or null. */
    T poll() {
        if (size == 0) {
            return null;
        }
        Slot<T> first = heap[0];
        remove(first);
        return first.item;
    }

    private void siftUp(int index) {
        Slot<T> s = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            Slot<T> p = heap[parent];
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
        Slot<T> s = heap[index];
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

    /** Deadlines compare wrap-safe; equal deadlines by id, so the order is total. */
    private static boolean earlier(Slot<?> a, Slot<?> b) {
        long d = a.deadlineNanos - b.deadlineNanos;
        return d != 0 ? d < 0 : a.id < b.id;
    }
}
