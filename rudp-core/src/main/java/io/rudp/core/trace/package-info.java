/**
 * Per-connection event traces: the hooks the engine calls ({@link io.rudp.core.trace.ConnectionTracer})
 * and the factory that attaches one to each connection
 * ({@link io.rudp.core.trace.ConnectionTracerFactory}). With no factory configured the engine
 * pays one null check per event site. The socket API's {@code io.rudp.TraceFiles} writes them as
 * qlog-style JSON lines.
 */
package io.rudp.core.trace;
