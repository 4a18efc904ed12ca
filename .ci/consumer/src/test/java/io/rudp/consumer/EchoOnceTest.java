package io.rudp.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EchoOnceTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMessageGoesThereAndBackThroughTheInstalledArtifacts() throws Exception {
        assertEquals("hello from a project that depends on rudp", EchoOnce.roundTrip("hello from a project that depends on rudp"));
    }
}
