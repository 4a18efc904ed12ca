package io.rudp.bench.suite;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded waits on the benchmark's tasks, unwrapping their failures. */
final class Await {

    /** The longest any one task of a scenario may take. */
    static final long TASK_TIMEOUT_SECONDS = 600;

    private Await() {
    }

    /**
     * The task's result, waiting at most {@link #TASK_TIMEOUT_SECONDS}.
     *
     * @throws Exception what the task threw, or a {@link TimeoutException} naming the bound
     */
    static <T> T get(Future<T> task) throws Exception {
        try {
            return task.get(TASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new TimeoutException("a benchmark task did not finish within " + TASK_TIMEOUT_SECONDS + " s");
        }
    }
}
