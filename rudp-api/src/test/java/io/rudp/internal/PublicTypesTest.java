package io.rudp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.CloseReason;
import io.rudp.ConnectionStats;
import io.rudp.core.wire.ErrorCode;
import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.Test;

/** The engine's types become the public ones without losing anything. */
class PublicTypesTest {

    @Test
    void everyCloseKindMapsToTheSameNamedKindWithTheCodesName() {
        assertThat(CloseReason.Kind.values()).hasSameSizeAs(io.rudp.core.CloseReason.Kind.values());
        ErrorCode[] codes = ErrorCode.values();
        int i = 0;
        for (io.rudp.core.CloseReason.Kind kind : io.rudp.core.CloseReason.Kind.values()) {
            ErrorCode code = codes[i++ % codes.length];
            CloseReason r = PublicTypes.closeReason(new io.rudp.core.CloseReason(kind, code, "why " + kind));
            assertThat(r.kind().name()).isEqualTo(kind.name());
            assertThat(r.errorCode()).isEqualTo(code.name());
            assertThat(r.message()).isEqualTo("why " + kind);
            assertThat(r.isClean()).isEqualTo(kind == io.rudp.core.CloseReason.Kind.NORMAL);
        }
        assertThat(CloseReason.MAX_REASON_BYTES).isEqualTo(io.rudp.core.CloseReason.MAX_REASON_BYTES);
    }

    @Test
    void statsKeepEveryComponentInOrder() throws Exception {
        RecordComponent[] engine = io.rudp.core.ConnectionStats.class.getRecordComponents();
        RecordComponent[] user = ConnectionStats.class.getRecordComponents();
        assertThat(user).hasSameSizeAs(engine);
        long[] values = new long[engine.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1000L + i; // a distinct value per component, so a swap shows
        }
        Object[] args = new Object[values.length];
        Class<?>[] types = new Class<?>[values.length];
        for (int i = 0; i < values.length; i++) {
            args[i] = values[i];
            types[i] = long.class;
        }
        io.rudp.core.ConnectionStats s = io.rudp.core.ConnectionStats.class.getConstructor(types).newInstance(args);
        ConnectionStats converted = PublicTypes.stats(s);
        for (int i = 0; i < engine.length; i++) {
            assertThat(user[i].getName()).isEqualTo(engine[i].getName());
            assertThat(user[i].getAccessor().invoke(converted)).as(user[i].getName()).isEqualTo(values[i]);
        }
    }

    @Test
    void endpointStatsKeepEveryComponentInOrder() throws Exception {
        RecordComponent[] engine = io.rudp.core.EndpointStats.class.getRecordComponents();
        RecordComponent[] user = io.rudp.EndpointStats.class.getRecordComponents();
        assertThat(user).hasSameSizeAs(engine);
        Object[] args = new Object[engine.length];
        Class<?>[] types = new Class<?>[engine.length];
        for (int i = 0; i < engine.length; i++) {
            types[i] = engine[i].getType();
            args[i] = types[i] == int.class ? (Object) (2000 + i) : (Object) (2000L + i); // distinct, so a swap shows
        }
        io.rudp.core.EndpointStats s = io.rudp.core.EndpointStats.class.getConstructor(types).newInstance(args);
        io.rudp.EndpointStats converted = PublicTypes.endpointStats(s);
        for (int i = 0; i < engine.length; i++) {
            assertThat(user[i].getName()).isEqualTo(engine[i].getName());
            assertThat(user[i].getType()).isEqualTo(engine[i].getType());
            assertThat(user[i].getAccessor().invoke(converted)).as(user[i].getName()).isEqualTo(args[i]);
        }
    }
}
